/**
 * One source for the ACS URL: an enhanced ACS URL pasted from the Console (another host than the
 * built-in one) is what the login test expects and intercepts, as the values and checklist use it.
 */
import { describe, expect, it } from 'vitest';
import { apiContract } from '../../shared/api';
import { checkLoginTestOptions } from '../../electron/services/login-test/session';
import { buildChecklist } from '../../shared/checklist';
import { spValues } from '../../shared/domain/modes';
import { isTwilioUrl } from '../../shared/domain/twilio-hosts';

const CONNECTION = 'JQ00112233445566778899aabbccddeeff';
const PASTED = `https://login.flex.ie1.twilio.com/login/callback?connection=${CONNECTION}`;

describe('a pasted enhanced ACS URL reaches every consumer', () => {
  it('the login test expects and intercepts it', () => {
    const checked = checkLoginTestOptions({
      mode: 'flex-enhanced',
      ids: { connectionId: CONNECTION, acsUrl: PASTED },
      idpSsoUrl: 'https://idp.example.com/sso',
      timeoutMs: 1000,
    });
    expect(checked).toMatchObject({ acsUrl: PASTED, entityId: `urn:flex:${CONNECTION}` });
    // Intercepted like every Twilio host (the capture and the host block cover all of twilio.com).
    expect(isTwilioUrl(PASTED)).toBe(true);
  });

  it('the wizard can send it to the login test (the contract accepts it)', () => {
    const request = apiContract.startLoginTest.request.parse({
      mode: 'flex-enhanced',
      ids: { connectionId: CONNECTION, acsUrl: PASTED },
      start: { kind: 'sp-initiated', ssoUrl: 'https://idp.example.com/sso' },
    });
    expect(request.ids.acsUrl).toBe(PASTED);
  });

  it('values, checklist and SP metadata agree with the login test', () => {
    const ids = { connectionId: CONNECTION, acsUrl: PASTED };
    expect(spValues('flex-enhanced', ids).acsUrl).toBe(PASTED);
    const checklist = buildChecklist({ mode: 'flex-enhanced', idp: 'okta', ...ids });
    expect(checklist.values.acsUrl).toBe(PASTED);
    expect(checklist.values.spMetadataXml).toContain(`Location="${PASTED}"`);
  });

  it('a pasted ACS URL for another connection is refused before any test starts', () => {
    expect(() =>
      checkLoginTestOptions({
        mode: 'flex-enhanced',
        ids: { connectionId: CONNECTION, acsUrl: PASTED.replace('JQ00', 'JQ11') },
        idpSsoUrl: 'https://idp.example.com/sso',
        timeoutMs: 1000,
      }),
    ).toThrow(/names the connection/);
  });
});
