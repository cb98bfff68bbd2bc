/**
 * Test-only signing keys and certificates, made at test time (never committed), with the openssl
 * CLI: createTestSigningKey() at once (a two-day certificate, for the IdPs the tests start), and
 * createTestCertificate() with any start and end date (`openssl ca -selfsign`), so expired and
 * expiring certificates can be made too, its RSA key from node:crypto.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  certPem: string;
  /** PKCS#8 private key PEM. */
  keyPem: string;
  /** The same key as "BEGIN RSA PRIVATE KEY" (saml-idp wants that form). */
  rsaKeyPem: string;
  certFile: string;
  /** The RSA (PKCS#1) key file. */
  keyFile: string;
  dispose(): void;
}

export interface TestCertificateOptions {
  commonName?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** The certificate's own signature digest. */
  digest?: 'sha256' | 'sha1';
}

function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

export async function createTestCertificate(options: TestCertificateOptions = {}): Promise<TestCertificate> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const rsaKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-test-key-'));
  const keyFile = join(dir, 'test-only-idp-key.pem');
  const certFile = join(dir, 'test-only-idp-cert.pem');
  writeFileSync(keyFile, rsaKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(
    join(dir, 'serial'),
    `${Math.floor(Math.random() * 0xffffff)
      .toString(16)
      .padStart(6, '0')
      .padStart(8, '1')}\n`,
  );
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ ca ]\ndefault_ca = test\n[ test ]\ndir = ${dir}\ndatabase = ${dir}/index.txt\nserial = ${dir}/serial\nnew_certs_dir = ${dir}\npolicy = any\nunique_subject = no\ncopy_extensions = none\n[ any ]\ncommonName = supplied\n[ req ]\ndistinguished_name = dn\nprompt = no\n[ dn ]\nCN = x\n`,
  );
  const now = Date.now();
  const notBefore = options.notBefore ?? new Date(now - 86_400_000);
  const notAfter = options.notAfter ?? new Date(now + 365 * 86_400_000);
  const cn = options.commonName ?? 'Flex SSO Wizard test IdP (test-only key)';
  const csr = join(dir, 'req.csr');
  execFileSync('openssl', ['req', '-new', '-key', keyFile, '-subj', `/CN=${cn}`, '-out', csr, '-config', join(dir, 'ca.cnf')], { stdio: 'pipe' });
  execFileSync(
    'openssl',
    [
      'ca',
      '-batch',
      '-selfsign',
      '-notext',
      '-config',
      join(dir, 'ca.cnf'),
      '-keyfile',
      keyFile,
      '-in',
      csr,
      '-out',
      certFile,
      '-md',
      options.digest ?? 'sha256',
      '-startdate',
      opensslTime(notBefore),
      '-enddate',
      opensslTime(notAfter),
    ],
    { stdio: 'pipe' },
  );
  const certPem = readFileSync(certFile, 'utf8');
  return { certPem, keyPem, rsaKeyPem, certFile, keyFile, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestSigningKey {
  certPem: string;
  keyPem: string;
  certFile: string;
  keyFile: string;
  /** Removes the files. */
  dispose(): void;
}

/** A fresh RSA key and self-signed certificate for a test IdP, made with the openssl CLI. */
export function createTestSigningKey(commonName = 'Flex SSO Wizard test IdP', days = 2): TestSigningKey {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-idp-key-'));
  const certFile = join(dir, 'idp-cert.pem');
  const keyFile = join(dir, 'idp-key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-subj', `/CN=${commonName}`, '-days', String(days), '-keyout', keyFile, '-out', certFile],
    { stdio: 'ignore' },
  );
  // saml-idp wants the traditional "BEGIN RSA PRIVATE KEY" form.
  execFileSync('openssl', ['rsa', '-in', keyFile, '-out', keyFile, '-traditional'], { stdio: 'ignore' });
  return {
    certPem: readFileSync(certFile, 'utf8'),
    keyPem: readFileSync(keyFile, 'utf8'),
    certFile,
    keyFile,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
