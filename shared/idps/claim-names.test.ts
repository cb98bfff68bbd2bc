import { describe, expect, it } from 'vitest';
import { claimMeaning, FLEX_CLAIM_NAMES, WELL_KNOWN_CLAIMS } from '../domain/claim-uris';
import { MODE_IDS } from '../domain/modes';
import { claimSource, namespacedClaimAdvice } from './claim-names';
import { getPlaybook, IDP_IDS } from './index';

const ENTRA_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';

describe('well-known namespaced claims, for every IdP playbook and mode', () => {
  it.each(IDP_IDS)("%s: each URI names the Flex claim it should become and how, in the IdP's words, in every mode", (idp) => {
    const playbook = getPlaybook(idp);
    for (const mode of MODE_IDS) {
      for (const { uri } of WELL_KNOWN_CLAIMS) {
        const label = `${mode} ${uri}`;
        const meaning = claimMeaning(uri, idp)!;
        const advice = namespacedClaimAdvice(uri, idp, mode)!;
        expect(advice.message, label).toContain(uri);
        // Never "send it with the bare name" of something Flex does not read (e.g. "name").
        expect(`${advice.message} ${advice.fix}`, label).not.toMatch(/bare name "(?!(email|full_name|roles)")/);
        const source = meaning.becomes ? claimSource(playbook, meaning.becomes, mode) : null;
        if (meaning.alwaysSent) {
          expect(advice.becomes, label).toBeNull();
          expect(advice.fix, label).toMatch(/^Nothing to change/);
        } else if (meaning.becomes && source) {
          expect(advice.becomes, label).toBe(meaning.becomes);
          // The Flex claim, the IdP's source for it (from the playbook's claims table), and removing the URI.
          expect(advice.fix, label).toContain(meaning.becomes);
          expect(advice.fix, label).toContain(source);
          expect(advice.fix, label).toContain(uri);
          expect(advice.message, label).toMatch(meaning.sameValue ? /only the name is wrong/ : /must come from another source/);
        } else {
          // The mode does not use that claim (Frontline has no full_name): nothing to add.
          expect(advice.becomes, label).toBeNull();
          expect(advice.fix, label).toContain(uri);
        }
      }
    }
  });

  it('every entry becomes a Flex claim or is something Flex ignores', () => {
    for (const claim of WELL_KNOWN_CLAIMS) {
      expect(claim.meaning.becomes === null || (FLEX_CLAIM_NAMES as readonly string[]).includes(claim.meaning.becomes), claim.uri).toBe(true);
      expect(claim.meaning.becomes !== null || claim.meaning.alwaysSent === true, claim.uri).toBe(true);
    }
  });
});

describe('the cases the issue names', () => {
  it('Entra …/claims/name is the UPN: add full_name from user.displayname with no namespace, delete the URI claim', () => {
    const advice = namespacedClaimAdvice(ENTRA_NAME, 'azure-ad', 'flex-enhanced')!;
    expect(advice.becomes).toBe('full_name');
    expect(advice.message).toMatch(/user principal name/);
    expect(advice.fix).toBe(
      `In Attributes & Claims select Add new claim: Name full_name, Namespace left empty, Source attribute user.displayname. Then delete the claim ${ENTRA_NAME} in Attributes & Claims.`,
    );
  });

  it('Auth0 puts the whole name under the same URI: map it to full_name', () => {
    const advice = namespacedClaimAdvice(ENTRA_NAME, 'auth0', 'flex-enhanced')!;
    expect(advice.message).toMatch(/only the name is wrong/);
    expect(advice.fix).toMatch(/"mappings"/);
    expect(advice.fix).toContain('full_name');
  });

  it.each([
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'email', 'user.mail'],
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'full_name', 'user.displayname'],
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'full_name', 'user.displayname'],
    ['http://schemas.microsoft.com/ws/2008/06/identity/claims/role', 'roles', 'user.assignedroles'],
    ['http://schemas.microsoft.com/ws/2008/06/identity/claims/roles', 'roles', 'user.assignedroles'],
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn', 'email', 'user.mail'],
    ['http://schemas.microsoft.com/identity/claims/displayname', 'full_name', 'user.displayname'],
  ])('Entra %s → %s from %s', (uri, claim, source) => {
    const advice = namespacedClaimAdvice(uri, 'azure-ad', 'flex-enhanced')!;
    expect(advice.becomes).toBe(claim);
    expect(advice.fix).toContain(`Name ${claim}, Namespace left empty, Source attribute ${source}.`);
  });

  it("Entra's object identifier and tenant id are always sent and ignored: nothing to change", () => {
    for (const uri of ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'http://schemas.microsoft.com/identity/claims/tenantid']) {
      expect(namespacedClaimAdvice(uri, 'azure-ad', 'flex-enhanced')!.fix).toMatch(/^Nothing to change/);
    }
  });

  it('AD FS says to type the bare name into Outgoing Claim Type', () => {
    const advice = namespacedClaimAdvice('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'adfs', 'flex-enhanced')!;
    expect(advice.fix).toContain('email typed into Outgoing Claim Type');
    expect(advice.fix).toContain('LDAP E-Mail-Addresses');
  });

  it('an unknown URI ending in a Flex claim name becomes that claim; another is left to the admin', () => {
    expect(namespacedClaimAdvice('https://example.com/claims/roles', 'okta', 'flex-enhanced')!.becomes).toBe('roles');
    expect(namespacedClaimAdvice('https://example.com/claims/costcentre', 'okta', 'flex-enhanced')!.becomes).toBeNull();
    expect(namespacedClaimAdvice('email', 'okta', 'flex-enhanced')).toBeNull();
  });
});
