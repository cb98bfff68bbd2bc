import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
