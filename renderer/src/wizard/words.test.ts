import { describe, expect, it } from 'vitest';
import { IDP_IDS, getPlaybook } from '../../../shared/idps/index';
import { withTheirName } from './words';

describe('field labels name a value once, then the IdP\u2019s own name when it differs', () => {
  it('never "Issuer (Issuer)", for any IdP', () => {
    for (const idp of IDP_IDS) {
      const names = getPlaybook(idp).fieldNames;
      for (const [ours, theirs] of [
        ['Signing certificate', names.certificate],
        ['Issuer', names.issuer],
        ['Single sign-on URL', names.ssoUrl],
      ] as const) {
        const label = withTheirName(ours, theirs);
        expect(label, idp).not.toMatch(/^(.+) \(\1\)$/i);
        expect(label.startsWith(ours), idp).toBe(true);
      }
    }
  });
  it('keeps the IdP\u2019s name when it is another', () => {
    expect(withTheirName('Issuer', 'Issuer')).toBe('Issuer');
    expect(withTheirName('Issuer', 'issuer ')).toBe('Issuer');
    expect(withTheirName('Single sign-on URL', 'Login URL')).toBe('Single sign-on URL (Login URL)');
  });
});
