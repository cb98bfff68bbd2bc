import { describe, expect, it } from 'vitest';
import { MODE_IDS } from '../domain/modes';
import { FINDING_CODES, TROUBLE_TITLES } from '../findings';
import { CATALOG_IDPS, catalogModes } from '../catalog';
import { TEMPLATE_VARS } from '../checklist/context';
import { getPlaybook, IDP_IDS, isIdpId, LABEL_HEDGE } from './index';
import { fixFor } from '../saml/fixes';
import { recommendedSigning, SIGNING_CODES } from '../saml/signing';

const PLACEHOLDERS = new Set<string>(TEMPLATE_VARS);

function templates(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(templates);
  if (value && typeof value === 'object') return Object.values(value).flatMap(templates);
  return [];
}

describe('IdP playbooks', () => {
  it('has the required and expected IdPs', () => {
    expect(IDP_IDS).toEqual(['azure-ad', 'okta', 'auth0', 'google', 'generic', 'onelogin', 'ping', 'adfs', 'jumpcloud', 'keycloak']);
    expect(isIdpId('okta')).toBe(true);
    expect(isIdpId('OKTA')).toBe(false);
    expect(() => getPlaybook('nope' as never)).toThrow(/unknown identity provider/);
  });

  describe.each(IDP_IDS)('%s', (id) => {
    const playbook = getPlaybook(id);

    it('names the five exchanged values in its own words', () => {
      expect(playbook.id).toBe(id);
      for (const key of ['acsUrl', 'entityId', 'certificate', 'issuer', 'ssoUrl'] as const) expect(playbook.fieldNames[key].length).toBeGreaterThan(0);
    });

    it('has steps, the three mandatory claims for every mode, signing, role assignment and where to find values', () => {
      expect(playbook.steps.length).toBeGreaterThanOrEqual(4);
      for (const mode of MODE_IDS) {
        const claims = playbook.claims.filter((claim) => !claim.modes || claim.modes.includes(mode)).map((claim) => claim.attribute);
        expect(claims).toEqual(expect.arrayContaining(mode === 'frontline' ? ['email', 'roles'] : ['email', 'roles', 'full_name']));
      }
      expect(playbook.signing.length).toBeGreaterThan(0);
      expect(playbook.roleAssignment.length).toBeGreaterThan(0);
      expect(playbook.whereToFindValues.length).toBeGreaterThan(0);
    });

    it('keys troubleshooting by known finding codes and covers the claim findings', () => {
      const known = new Set<string>([...FINDING_CODES, 'not-assigned']);
      for (const code of Object.keys(playbook.troubleshooting)) expect(known.has(code), code).toBe(true);
      // The checklist's "Fixes in <IdP>" table names each problem in words, never by its code.
      for (const code of [...Object.keys(playbook.troubleshooting), ...Object.keys(playbook.frontlineTroubleshooting ?? {}), ...SIGNING_CODES])
        expect(TROUBLE_TITLES[code], code).toBeTruthy();
      for (const code of [
        'namespaced-claim',
        'missing-claim',
        'invalid-role',
        'audience-mismatch',
        'issuer-mismatch',
        'signature-invalid',
        'cert-expired',
      ] as const) {
        expect(playbook.troubleshooting[code], code).toBeTruthy();
      }
    });

    it('uses only known placeholders', () => {
      for (const text of templates(playbook)) {
        for (const match of text.matchAll(/\{\{(\w+)\}\}/g)) expect(PLACEHOLDERS.has(match[1]!), `${match[1]} in "${text}"`).toBe(true);
      }
    });

    it('hedges labels with one fixed wording, never a bare "?"', () => {
      for (const text of templates(playbook)) {
        if (text.includes('(label may differ')) expect(text).toContain(LABEL_HEDGE);
        expect(text).not.toMatch(/\s\?$/);
      }
    });

    it('tells whether IdP-initiated login works', () => {
      expect(typeof playbook.idpInitiated.supported).toBe('boolean');
      expect(playbook.idpInitiated.how.length).toBeGreaterThan(10);
    });
  });

  it('Azure says to clear the Namespace field; Okta joins first and last name; Azure roles come from user.assignedroles', () => {
    expect(getPlaybook('azure-ad').troubleshooting['namespaced-claim']).toMatch(/clear its Namespace field/);
    expect(getPlaybook('okta').claims.find((claim) => claim.attribute === 'full_name')?.source).toBe('String.join(" ", user.firstName, user.lastName)');
    expect(getPlaybook('azure-ad').claims.find((claim) => claim.attribute === 'roles')?.source).toBe('user.assignedroles');
    expect(getPlaybook('google').idpInitiated.supported).toBe(false);
  });

  it('unverified labels carry the hedge (vocabulary marks them "?")', () => {
    expect(getPlaybook('onelogin').signing.join(' ')).toContain(`SAML signature element ${LABEL_HEDGE}`);
    expect(getPlaybook('adfs').fieldNames.ssoUrl).toContain(LABEL_HEDGE);
  });
});

describe('catalog', () => {
  it('is derived from the modes and playbooks; legacy is retired once its deadline has passed', () => {
    expect(catalogModes(new Date('2026-11-30T12:00:00Z')).map((mode) => [mode.id, mode.retired])).toEqual([
      ['flex-enhanced', false],
      ['flex-legacy', true],
      ['frontline', false],
    ]);
    expect(catalogModes(new Date('2026-03-30T12:00:00Z')).find((mode) => mode.id === 'flex-legacy')?.retired).toBe(false);
    expect(CATALOG_IDPS.map((idp) => idp.id)).toEqual([...IDP_IDS]);
    expect(CATALOG_IDPS[0]!.label).toBe('Microsoft Entra ID (Azure AD)');
  });
});

describe('signing advice agrees with the rule per mode (facts, section 1)', () => {
  const lower = (texts: readonly string[]) => texts.join('\n').toLowerCase();
  describe.each(IDP_IDS)('%s', (id) => {
    const playbook = getPlaybook(id);
    const target = recommendedSigning(id);

    it('recommends both where the IdP can sign both, else the Response, and says how in one instruction', () => {
      const both = playbook.signingOptions.choices.some((c) => c.response && c.assertion);
      expect(target.response).toBe(true);
      expect(target.assertion).toBe(both);
      expect(playbook.signingOptions.instruction).toContain(target.label);
      expect(fixFor('response-unsigned', { idp: id })).toBe(playbook.signingOptions.instruction);
      expect(fixFor('assertion-unsigned', { idp: id })).toBe(playbook.signingOptions.instruction);
    });

    it('its steps or signing list set that choice, and no text says Twilio needs both', () => {
      const stepTexts = playbook.steps.flatMap((step) => [...step.body, ...(step.values ?? []).map((v) => `${v.label}: ${v.value}`)]);
      expect(lower([...playbook.signing, ...stepTexts])).toContain(target.label.toLowerCase());
      expect(playbook.troubleshooting['response-unsigned']).toBeUndefined();
      expect(playbook.troubleshooting['assertion-unsigned']).toBeUndefined();
      expect(lower(templates(playbook))).not.toMatch(/twilio (expects|requires|needs|asks for) both|both must be signed|asks for a signed assertion/);
    });
  });

  it('Google signs the response only and Auth0 one or the other: their fix signs the response', () => {
    expect(recommendedSigning('google')).toMatchObject({ label: 'Signed response', response: true, assertion: false });
    expect(recommendedSigning('auth0')).toMatchObject({ label: '"signResponse": true', response: true, assertion: false });
    expect(getPlaybook('auth0').signingOptions.choices.find((c) => c.label === '"signResponse": false')).toMatchObject({ response: false, assertion: true });
  });
});
