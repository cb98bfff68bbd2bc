import { execFileSync } from 'node:child_process';
import { X509Certificate as NodeX509 } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from './certificate';

// Certificates made by openssl (an independent implementation), valid for 400 days from now; the
// tests move "now" instead of the certificate dates.
const DAY = 86_400_000;

function makeCert(hash: 'sha256' | 'sha1'): string {
  return execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=idp.example.com/O=Example', '-days', '400', `-${hash}`],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
}

let valid: string;
let sha1: string;
let NOW: Date;
let notAfter: number;

beforeAll(() => {
  valid = makeCert('sha256');
  sha1 = makeCert('sha1');
  notAfter = new Date(new NodeX509(valid).validTo).getTime();
  NOW = new Date(notAfter - 200 * DAY);
});

function body(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
}

describe('parseCertificate', () => {
  it('reads subject, issuer, dates, algorithm and fingerprint like Node does', () => {
    const result = parseCertificate(valid, NOW);
    if (!result.ok) throw new Error(result.message);
    const node = new NodeX509(valid);
    expect(result.sha256Fingerprint).toBe(node.fingerprint256);
    expect(result.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(result.notAfter).toBe(new Date(node.validTo).toISOString());
    expect(result.notBefore).toBe(new Date(node.validFrom).toISOString());
    expect(result.subject).toBe('CN=idp.example.com, O=Example');
    expect(result.issuer).toBe('CN=idp.example.com, O=Example');
    expect(result.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(result.problems).toEqual([]);
    expect(result.base64).toBe(body(valid));
    expect(result.pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(
      result.pem
        .split('\n')
        .slice(1, -2)
        .every((line) => line.length <= 64),
    ).toBe(true);
  });

  it.each([
    ['bare base64', (pem: string) => body(pem)],
    ['base64 with line breaks and spaces', (pem: string) => `  ${body(pem).replace(/(.{50})/g, '$1\n  ')}\n`],
    ['PEM with CRLF and indentation', (pem: string) => pem.replace(/\n/g, '\r\n    ')],
    ['PEM in quotes with literal \\n', (pem: string) => `"${pem.replace(/\n/g, '\\n')}"`],
  ])('accepts %s', (_label, transform) => {
    const result = parseCertificate(transform(valid), NOW);
    expect(result.ok && result.base64).toBe(body(valid));
  });

  it('flags an expired certificate as an error', () => {
    const result = parseCertificate(valid, new Date(notAfter + DAY));
    expect(result.ok && result.problems).toMatchObject([{ code: 'cert-expired', severity: 'error' }]);
  });

  it('warns under 30 days', () => {
    const result = parseCertificate(valid, new Date(notAfter - 10 * DAY - 3_600_000));
    expect(result.ok && result.daysLeft).toBe(10);
    expect(result.ok && result.problems).toMatchObject([{ code: 'cert-expiring', severity: 'warning' }]);
  });

  it('warns about SHA-1', () => {
    const result = parseCertificate(sha1, NOW);
    expect(result.ok && result.problems.length).toBe(1);
    expect(result.ok && result.signatureAlgorithm).toBe('sha1WithRSAEncryption');
    expect(result.ok && result.problems).toMatchObject([{ code: 'weak-signature-algorithm', severity: 'warning' }]);
  });

  it.each([
    ['', /empty/],
    ['not a certificate!', /other characters/],
    ['-----BEGIN CERTIFICATE-----\nMIIB', /END CERTIFICATE----- line is missing/],
    ['-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----', /PEM "PRIVATE KEY", not a certificate/],
    ['aGVsbG8gd29ybGQ=', /not an X\.509 certificate/],
    // A certificate copied in part: said in the admin's words, not the parser's ("DER length runs past the end").
    ['MIIBijCCATGgAwIBAgIUbNh2tai6vdPXrqUdwo/6vnX2JTkwCgYIKoZIzj0EAwIw', /^The certificate is cut short: part of its text is missing\. Copy .* again, whole/],
  ])('refuses %j', (input, message) => {
    const result = parseCertificate(input, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('not yet valid', () => {
  it('warns when now is before notBefore', () => {
    const result = parseCertificate(valid, new Date(notAfter - 500 * DAY));
    expect(result.ok && result.problems).toMatchObject([{ code: 'cert-not-yet-valid', severity: 'warning' }]);
  });
});
