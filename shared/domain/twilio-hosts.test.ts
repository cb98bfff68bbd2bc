import { describe, expect, it } from 'vitest';
import { MODE_IDS, MODES } from './modes';
import {
  hostOfUrl,
  isTwilioHost,
  isTwilioUrl,
  normaliseHost,
  TWILIO_HOST_PATTERNS,
  TWILIO_SP_HOSTS,
  twilioResolverRules,
  twilioUrlPatterns,
} from './twilio-hosts';

/** Chromium's glob (base::MatchPattern): `*` any run of characters, dots included. */
const glob = (pattern: string, text: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(text);

describe('Twilio hosts', () => {
  it('normalises a host the way the browser resolves it: case, trailing dots, IDNA, percent-escapes', () => {
    expect(normaliseHost('LOGIN.Flex.US1.twilio.COM')).toBe('login.flex.us1.twilio.com');
    expect(normaliseHost('login.flex.us1.twilio.com.')).toBe('login.flex.us1.twilio.com');
    expect(normaliseHost('twilio.com..')).toBe('twilio.com');
    expect(normaliseHost('login.flex.us1.ｔｗｉｌｉｏ.com')).toBe('login.flex.us1.twilio.com');
    expect(normaliseHost('tw%69lio.com')).toBe('twilio.com');
    expect(normaliseHost('bücher.example')).toBe('xn--bcher-kva.example');
    expect(normaliseHost('iam.twilio.com:8443')).toBe('iam.twilio.com');
    expect(normaliseHost('')).toBeNull();
    expect(normaliseHost('a b')).toBeNull();
  });

  it("knows every mode's ACS host", () => {
    expect([...TWILIO_SP_HOSTS].sort()).toEqual(['iam.twilio.com', 'login.flex.us1.twilio.com']);
    for (const mode of MODE_IDS) expect(TWILIO_SP_HOSTS).toContain(hostOfUrl(MODES[mode].acsUrl('JQ1')));
  });

  it.each([
    ['https://login.flex.us1.twilio.com/login/callback?connection=JQ1', true],
    ['https://login.flex.us1.twilio.com./login/callback', true],
    ['https://LOGIN.FLEX.US1.TWILIO.COM/x', true],
    ['https://login.flex.us1.twilio.com:8443/x', true],
    ['http://iam.twilio.com/v1/Accounts/AC1/saml2', true],
    ['https://login.flex.us1.ｔｗｉｌｉｏ.com/x', true],
    ['https://twilio.com/', true],
    ['https://flex.twilio.com/my-runtime', true],
    ['https://login.flex.us1.twilio.com.evil.example/', false],
    ['https://eviltwilio.com/', false],
    ['https://idp.example.com/?next=https://iam.twilio.com/', false],
    ['not a url', false],
  ])('%s is a Twilio URL: %s', (url, expected) => {
    expect(isTwilioUrl(url)).toBe(expected);
  });

  it('builds resolver rules whose patterns match every spelling Chromium sends (it lower-cases and IDNA-maps, keeps trailing dots)', () => {
    expect(twilioResolverRules()).toEqual(TWILIO_HOST_PATTERNS.map((p) => `MAP ${p} ~NOTFOUND`));
    expect(twilioResolverRules('127.0.0.1:9')[0]).toBe('MAP twilio.com 127.0.0.1:9');
    const chromiumHosts = ['twilio.com', 'iam.twilio.com', 'login.flex.us1.twilio.com', 'login.flex.us1.twilio.com.', 'twilio.com..', 'flex.twilio.com'];
    for (const host of chromiumHosts)
      expect(
        TWILIO_HOST_PATTERNS.some((p) => glob(p, host)),
        host,
      ).toBe(true);
    for (const host of ['eviltwilio.com', 'twilio.co', 'idp.example.com'])
      expect(
        TWILIO_HOST_PATTERNS.some((p) => glob(p, host)),
        host,
      ).toBe(false);
    for (const host of chromiumHosts) expect(isTwilioHost(host), host).toBe(true);
  });

  it('gives CDP Fetch a pattern matching every request to Twilio (a superset, decided by isTwilioUrl)', () => {
    for (const url of ['https://login.flex.us1.twilio.com./x', 'http://iam.twilio.com:8080/x', 'https://twilio.com/']) {
      expect(
        twilioUrlPatterns().some((p) => glob(p, url)),
        url,
      ).toBe(true);
    }
  });
});
