/**
 * The core of the `saml-idp` launchers (./saml-idp.ts): the npm package `saml-idp` (a standalone SAML
 * test IdP built on samlp), run as a child process on 127.0.0.1 on a free port. Its --configFile must
 * be an absolute path, so the user/attribute profile is written to a file in a temporary directory.
 * Resolves once /metadata answers (20 s at the most); close() stops the process and removes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUN_JS = fileURLToPath(new URL('../../../node_modules/saml-idp/bin/run.js', import.meta.url));

export interface SamlIdpChildOptions {
  key: { certFile: string; keyFile: string };
  issuer: string;
  acsUrl: string;
  audience: string;
  /** Written as `module.exports = <JSON>` to `configFileName` in the temporary directory. */
  config: unknown;
  configFileName: string;
  /** Pretty-print the config file (2-space indent). */
  prettyConfig?: boolean;
  /** More command-line arguments; given the temporary directory for any files they need. */
  extraArgs?: (dir: string) => string[];
  /** Node options for the child (e.g. --require of a preload). */
  nodeArgs?: string[];
  /** More environment variables for the child. */
  env?: Record<string, string>;
}

export interface SamlIdpChild {
  origin: string;
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

export async function launchSamlIdpChild(options: SamlIdpChildOptions): Promise<SamlIdpChild> {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-saml-idp-'));
  const configFile = join(dir, options.configFileName); // absolute, as saml-idp requires
  writeFileSync(configFile, `module.exports = ${JSON.stringify(options.config, null, options.prettyConfig ? 2 : undefined)};\n`);
  const port = await freePort();
  const args = [
    ...(options.nodeArgs ?? []),
    RUN_JS,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--cert',
    options.key.certFile,
    '--key',
    options.key.keyFile,
    '--issuer',
    options.issuer,
    '--acsUrl',
    options.acsUrl,
    '--audience',
    options.audience,
    '--configFile',
    configFile,
    ...(options.extraArgs ? options.extraArgs(dir) : []),
  ];
  let output = '';
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...options.env } });
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
