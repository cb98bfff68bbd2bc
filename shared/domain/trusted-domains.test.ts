import { describe, expect, it } from 'vitest';
import { checkTrustedDomain, trustedDomainAllows } from './trusted-domains';

// Every row of the facts table, section 5: entry, hosts it allows, hosts it does not allow.
const TABLE: [string, string[], string[]][] = [
  ['example.com', ['example.com'], ['email.example.com']],
  ['flex.example.com', ['flex.example.com'], ['example.com']],
  ['*.example.com', ['one.example.com', 'two.example.com'], ['example.com', 'one.two.example.com']],
  ['127.0.0.1', ['127.0.0.1'], ['127.0.0.2', 'localhost']],
  ['::1', ['::1'], ['127.0.0.1']],
  ['localhost', ['localhost'], ['localhost.example.com', '127.0.0.1']],
];

describe('trusted domains (legacy rules, facts section 5)', () => {
  describe.each(TABLE)('%s', (entry, allows, refuses) => {
    it('is a valid entry', () => expect(checkTrustedDomain(entry, 'flex-legacy').ok).toBe(true));
    it.each(allows)('allows %s', (host) => expect(trustedDomainAllows(entry, host)).toBe(true));
    it.each(refuses)('does not allow %s', (host) => expect(trustedDomainAllows(entry, host)).toBe(false));
  });

  it.each([
    ['example.*.com', /only stand for the whole leftmost label/],
    ['example*.com', /only stand for the whole leftmost label/],
    ['*.*.example.com', /only stand for the whole leftmost label/],
    ['*.com', /at least two labels/],
    ['https://flex.example.com', /without scheme or path/],
    ['flex.example.com/path', /without port or path/],
    ['exa_mple.com', /not a valid domain label/],
    ['', /empty/],
  ])('refuses %s', (entry, message) => {
    const result = checkTrustedDomain(entry, 'flex-legacy');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('kinds', () => {
    expect(checkTrustedDomain('*.example.com')).toMatchObject({ ok: true, kind: 'wildcard' });
    expect(checkTrustedDomain('127.0.0.1')).toMatchObject({ ok: true, kind: 'ipv4' });
    expect(checkTrustedDomain('::1')).toMatchObject({ ok: true, kind: 'ipv6' });
    expect(checkTrustedDomain('localhost')).toMatchObject({ ok: true, kind: 'localhost' });
    expect(checkTrustedDomain('Flex.Example.com')).toMatchObject({ ok: true, kind: 'domain', host: 'flex.example.com' });
  });
});

describe('trusted domains under enhanced SSO (origins, no wildcards)', () => {
  it.each([
    ['https://flex.example.com', 'flex.example.com'],
    ['http://localhost:3000', 'localhost'],
    ['https://flex.example.com/', 'flex.example.com'],
    ['http://127.0.0.1:8080', '127.0.0.1'],
    ['http://[::1]:3000', '::1'],
    ['https://flex.example.com:8443', 'flex.example.com'],
  ])('accepts %s', (entry, host) => {
    expect(checkTrustedDomain(entry, 'flex-enhanced')).toMatchObject({ ok: true, kind: 'origin', host, warnings: [] });
  });

  it.each([
    ['*.example.com', /does not accept wildcards/],
    ['https://*.example.com', /does not accept wildcards/],
    ['flex.example.com', /enter https:\/\/flex\.example\.com/],
    ['localhost:3000', /enter http:\/\/localhost:3000/],
    ['https://flex.example.com/login', /without a path/],
    ['http://flex.example.com', /http:\/\/ is only for Flex running on this computer while you develop .*needs https:\/\//],
    ['http://10.0.0.5:3000', /http:\/\/ is only for Flex running on this computer/],
    ['https://flex.example.com:70000', /port must be between 1 and 65535/],
  ])('refuses %s', (entry, message) => {
    const result = checkTrustedDomain(entry, 'flex-enhanced');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
