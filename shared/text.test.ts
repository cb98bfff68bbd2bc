import { describe, expect, it } from 'vitest';
import { sentence } from './text';
import { helpLinkHosts, helpLinks } from './help-links';
import { isLoopbackHost, isLoopbackUrl } from './domain/urls';
import { WIZARD_STEP_IDS } from './wizard-steps';
import { IDP_IDS } from './idps/ids';

describe('sentence: what the user reads starts with a capital and ends with a full stop', () => {
  it.each([
    ['the metadata is empty', 'The metadata is empty.'],
    ['Already a sentence.', 'Already a sentence.'],
    ['A question?', 'A question?'],
    ['Quoted "end."', 'Quoted "end."'],
    ['(see the fix below.)', '(see the fix below.)'],
    ['ends with a bracket (namespaced)', 'Ends with a bracket (namespaced).'],
    ['  padded  ', 'Padded.'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(sentence(input)).toBe(expected));
});

describe('loopback addresses: one rule for the wizard\u2019s fields and the main side\u2019s download', () => {
  it.each([
    ['localhost', true],
    ['idp.localhost', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['[::1]', true],
    ['[::ffff:7f00:1]', true],
    ['::1', false],
    ['10.0.0.1', false],
    ['example.com', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));
  it('reads the host out of a typed address', () => {
    expect(isLoopbackUrl(' http://[::1]:8080/metadata ')).toBe(true);
    expect(isLoopbackUrl('http://idp.example.com')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});

describe('help links', () => {
  it('every step but the first has a link, each an https address on a known host', () => {
    const hosts = new Set(helpLinkHosts());
    for (const idp of IDP_IDS) {
      for (const step of WIZARD_STEP_IDS) {
        const links = helpLinks(step, 'flex-enhanced', idp);
        if (step !== 'profile') expect(links.length, `${idp} ${step}`).toBeGreaterThan(0);
        for (const link of links) {
          const url = new URL(link.url);
          expect(url.protocol).toBe('https:');
          expect(hosts.has(url.hostname), link.url).toBe(true);
          expect(link.label).toMatch(/^[A-Z]/);
        }
      }
    }
  });
  it('the IdP steps link the IdP\u2019s console and Twilio\u2019s own guide for that IdP and product', () => {
    expect(helpLinks('configure', 'flex-enhanced', 'okta').map((link) => link.url)).toEqual([
      'https://help.okta.com/en-us/content/topics/apps/aiw-saml-reference.htm',
      'https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration/okta',
    ]);
    expect(helpLinks('bring-back', 'frontline', 'azure-ad').map((link) => link.url)).toEqual([
      'https://entra.microsoft.com/',
      'https://www.twilio.com/docs/frontline/sso/azure-ad',
    ]);
    expect(helpLinks('console', 'flex-enhanced', 'keycloak').map((link) => link.url)).toEqual([
      'https://console.twilio.com/',
      'https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration',
    ]);
  });
});
