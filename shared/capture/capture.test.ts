import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { normaliseUrl, recogniseTwilioSp } from '../domain/sp-recognition';
import { looksLikePasswordField } from './collector';
import { keptUrl } from './http-record';
import { decodeSamlParameter, inflateRawBounded } from './saml-message';
import { redactCaptureReport, REDACTED, type CaptureReport } from './report';

const JQ = 'JQ0123456789abcdef0123456789abcdef';

describe('Twilio SP values recognised in the wild', () => {
  it.each([
    [`https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`, 'flex-enhanced', 'acs-url'],
    [`https://LOGIN.flex.us1.twilio.com./login/callback/?connection=${JQ}`, 'flex-enhanced', 'acs-url'],
    [`urn:flex:${JQ}`, 'flex-enhanced', 'entity-id'],
    ['https://iam.twilio.com/v1/Accounts/AC0123456789abcdef0123456789abcdef/saml2', 'flex-legacy', 'acs-url'],
    ['https://iam.twilio.com:443/v1/Accounts/AC0123456789abcdef0123456789abcdef/saml2/metadata', 'flex-legacy', 'entity-id'],
    ['https://iam.twilio.com/v2/saml2/authenticate/JB0123456789abcdef0123456789abcdef', 'frontline', 'acs-url'],
    ['https://iam.twilio.com/v2/saml2/metadata/JB0123456789abcdef0123456789abcdef', 'frontline', 'entity-id'],
  ])('%s', (value, mode, kind) => {
    expect(recogniseTwilioSp(value)).toMatchObject({ mode, value: kind });
  });

  it.each(['https://login.flex.us1.twilio.com/login/callback', 'https://evil.example/login/callback?connection=' + JQ, 'urn:flex:JQ12', 'not a url'])(
    'not Twilio: %s',
    (value) => {
      expect(recogniseTwilioSp(value)).toBeNull();
    },
  );

  it('compares hosts normalised (case, trailing dot, default port), never paths or queries', () => {
    expect(normaliseUrl(`https://Login.Flex.us1.twilio.com.:443/login/callback?connection=${JQ}`)).toBe(
      `https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`,
    );
    expect(normaliseUrl('https://a.example/X')).not.toBe(normaliseUrl('https://a.example/x'));
  });
});

describe('what the digest keeps', () => {
  it('keeps origin, path and the connection id of a URL: never tokens, credentials or fragments', () => {
    expect(keptUrl(`https://user:secret@idp.example/sso?SAMLRequest=abc&token=t0k&connection=${JQ}#access_token=x`)).toBe(
      `https://idp.example/sso?connection=${JQ}`,
    );
  });

  it.each([
    ['password', true],
    ['Passwd', true],
    ['passwd', true],
    ['credentials.passcode', true],
    ['j_password', true],
    ['pwd', true],
    ['otp', true],
    ['username', false],
    ['passport', false],
    ['SAMLResponse', false],
    ['loginfmt', false],
  ])('password field %s: %s', (name, expected) => {
    expect(looksLikePasswordField(name)).toBe(expected);
  });
});

describe('decoding SAML parameters', () => {
  it('stops a deflate bomb at the size limit', () => {
    // 20 MB of zeros deflates to about 20 kB.
    const bomb = deflateSync(new Uint8Array(20_000_000));
    expect(bomb.length).toBeLessThan(30_000);
    expect(inflateRawBounded(bomb, 1_000_000)).toBeNull();
    expect(inflateRawBounded(bomb, 25_000_000)?.length).toBe(20_000_000);
  });

  it('says what is wrong with a value that is not a SAML message', () => {
    const result = decodeSamlParameter('{hash:1234}', 'http-post');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(/not base64/);
  });
});

describe('redaction of a diagnosis export', () => {
  it('replaces NameID and attribute values wherever they appear, also inside messages', () => {
    const report = {
      kind: 'capture-diagnosis',
      findings: [{ code: 'x', severity: 'info', message: 'about ada@example.com', fix: '' }],
      exchanges: [
        {
          findings: [],
          analysis: {
            ok: false,
            signature: { checked: false, valid: null, certificate: null },
            facts: { nameId: 'ada@example.com', attributes: [{ name: 'full_name', nameFormat: null, values: ['Ada Lovelace'] }] },
            findings: [{ code: 'invalid-attribute-type', severity: 'error', message: 'Ada Lovelace is not an int', fix: '' }],
            worker: { attributes: { full_name: 'Ada Lovelace', roles: ['agent'], channels: { voice: { capacity: 1 } } }, written: true, mode: 'flex-enhanced' },
          },
        },
      ],
    } as unknown as CaptureReport;
    const redacted = redactCaptureReport(report);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain('ada@example.com');
    expect(text).not.toContain('Ada Lovelace');
    expect(redacted.redacted).toBe(true);
    expect(redacted.exchanges[0]!.analysis!.facts!.nameId).toBe(REDACTED);
    expect(redacted.exchanges[0]!.analysis!.worker!.attributes.channels).toEqual({ voice: { capacity: 1 } });
  });
});
