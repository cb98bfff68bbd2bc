/**
 * The npm package `saml-idp` (a standalone test IdP), launched as a child process on 127.0.0.1
 * with its attribute config written to a temporary file (its --configFile must be absolute).
 * Its page is a form showing the user's NameID and attributes, with a "Sign in" button.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestSigningKey } from './keys';
import { DEFAULT_TEST_USER, type TestUser } from './samlp-idp';

const RUN_JS = fileURLToPath(new URL('../../../node_modules/saml-idp/bin/run.js', import.meta.url));

export interface SamlIdpProcessOptions {
  key: TestSigningKey;
  acsUrl: string;
  audience: string;
  issuer?: string;
  relayState?: string;
  user?: TestUser;
}

export interface RunningSamlIdp {
  origin: string;
  issuer: string;
  certPem: string;
  /** SP-initiated: HTTP-Redirect SSO endpoint. */
  ssoUrl: string;
  /** IdP-initiated: the user page. */
  initUrl: string;
  user: TestUser;
  output(): string;
  close(): Promise<void>;
}

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

export async function startSamlIdpProcess(options: SamlIdpProcessOptions): Promise<RunningSamlIdp> {
  const user = options.user ?? DEFAULT_TEST_USER;
  const issuer = options.issuer ?? 'urn:test:saml-idp';
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-saml-idp-'));
  const configFile = join(dir, 'flex-attributes.cjs');
  writeFileSync(
    configFile,
    `module.exports = ${JSON.stringify(
      {
        user: { userName: user.email, nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', email: user.email, full_name: user.fullName, roles: user.roles.join(',') },
        metadata: [
          { id: 'email', optional: false, displayName: 'E-Mail Address', description: 'email', multiValue: false },
          { id: 'full_name', optional: false, displayName: 'Full name', description: 'full_name', multiValue: false },
          { id: 'roles', optional: false, displayName: 'Roles', description: 'Flex roles', multiValue: true },
        ],
      },
      null,
      2,
    )};\n`,
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
    ...(options.relayState ? ['--relayState', options.relayState] : []),
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
      const res = await fetch(`${origin}/metadata`);
      if (res.ok) break;
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
    issuer,
    certPem: options.key.certPem,
    ssoUrl: `${origin}/saml/sso`,
    initUrl: `${origin}/`,
    user,
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
