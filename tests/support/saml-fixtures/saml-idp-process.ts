/**
 * The npm package `saml-idp` (a standalone SAML test IdP built on samlp), run as a child process
 * on 127.0.0.1. Its --configFile must be an absolute path; the attribute profile is written to a
 * temporary file. Its sign-in page is a form with the user's NameID and attributes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestCertificate } from './keys';
import { buildAuthnRequestUrl } from './sp';
import { captureSamlPost, getPage, parseForms, submitForm } from './http';
import type { LoginResult } from './samlp-server';

const RUN_JS = fileURLToPath(new URL('../../../node_modules/saml-idp/bin/run.js', import.meta.url));

export interface SamlIdpAttribute {
  id: string;
  value: string;
  multiValue?: boolean;
}

export interface SamlIdpOptions {
  key: TestCertificate;
  acsUrl: string;
  audience: string;
  issuer?: string;
  /** saml-idp signs the response by default (and always the assertion). */
  signResponse?: boolean;
  /** Encrypt the assertion for this certificate. */
  encryptionCert?: TestCertificate;
  nameId?: string;
  attributes?: SamlIdpAttribute[];
}

export interface RunningSamlIdp {
  origin: string;
  ssoUrl: string;
  issuer: string;
  certPem: string;
  output(): string;
  close(): Promise<void>;
}

export const FLEX_ATTRIBUTES: SamlIdpAttribute[] = [
  { id: 'email', value: 'katherine.johnson@example.com' },
  { id: 'full_name', value: 'Katherine Johnson' },
  { id: 'roles', value: 'agent', multiValue: true },
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startSamlIdp(options: SamlIdpOptions): Promise<RunningSamlIdp> {
  const issuer = options.issuer ?? 'urn:test:saml-idp';
  const attributes = options.attributes ?? FLEX_ATTRIBUTES;
  const nameId = options.nameId ?? 'katherine.johnson@example.com';
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-saml-idp-'));
  const configFile = join(dir, 'profile.cjs'); // absolute, as saml-idp requires
  const user: Record<string, string> = { userName: nameId, nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' };
  for (const a of attributes) user[a.id] = a.value;
  writeFileSync(
    configFile,
    `module.exports = ${JSON.stringify({
      user,
      metadata: attributes.map((a) => ({ id: a.id, optional: false, displayName: a.id, description: a.id, multiValue: a.multiValue === true })),
    })};\n`,
  );
  const port = await freePort();
  const args = [
    RUN_JS,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--cert', options.key.certFile,
    '--key', options.key.keyFile,
    '--issuer', issuer,
    '--acsUrl', options.acsUrl,
    '--audience', options.audience,
    '--configFile', configFile,
    '--signResponse', String(options.signResponse ?? true),
    ...(options.encryptionCert ? ['--encryptAssertion', 'true', '--encryptionCert', options.encryptionCert.certFile, '--encryptionPublicKey', writePublicKey(dir, options.encryptionCert)] : []),
  ];
  let output = '';
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`saml-idp exited (${child.exitCode}): ${output.slice(-2000)}`);
    try {
      if ((await fetch(`${origin}/metadata`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`saml-idp did not start within 20 s: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    ssoUrl: `${origin}/saml/sso`,
    issuer,
    certPem: options.key.certPem,
    output: () => output,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function writePublicKey(dir: string, cert: TestCertificate): string {
  const file = join(dir, 'encryption-public-key.pem');
  writeFileSync(file, new X509Certificate(cert.certPem).publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return file;
}

/** SP-initiated login without a browser: AuthnRequest (node-saml) → saml-idp's user form → auto-POST form. */
export async function samlIdpLogin(idp: RunningSamlIdp, sp: { entityId: string; acsUrl: string; relayState?: string }): Promise<LoginResult> {
  const request = await buildAuthnRequestUrl({ ssoUrl: idp.ssoUrl, entityId: sp.entityId, acsUrl: sp.acsUrl, relayState: sp.relayState, idpCertPem: idp.certPem });
  const page = await getPage(request.url);
  if (page.status !== 200) throw new Error(`saml-idp answered ${page.status}: ${page.html.slice(0, 300)}`);
  const form = parseForms(page.html, page.url).find((f) => f.action.endsWith('/signin'));
  if (!form) throw new Error(`saml-idp showed no sign-in form: ${page.html.slice(0, 300)}`);
  const result = await submitForm(form);
  if (result.status !== 200) throw new Error(`saml-idp sign-in answered ${result.status}: ${result.html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").slice(0, 600)}`);
  return { ...captureSamlPost(result.html, result.url), requestId: request.requestId };
}
