import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { credentialAccount, IdpCredentialStore } from '../../electron/services/idp-admin/credentials';
import { SecretVault, secretAccount } from '../../electron/services/secrets/secret-vault';
import { REPO_ROOT } from '../support/web-harness';

// These tests talk to the REAL Secret Service (gnome-keyring inside dbus-run-session, as `npm test`
// sets up). Run by hand:
//   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run tests/integration/keychain'
// Outside such a session they are skipped (inside `npm test` a missing keychain is a failure).
const SERVICE = `Flex SSO Wizard test ${randomUUID().slice(0, 8)}`;
const vault = await SecretVault.open(SERVICE);
const status = await vault.status();
const required = process.env.FLEX_SSO_TEST_SESSION === '1';
const run = status.available || required;
if (!run) console.warn('skipped: the Secret Service tests (no keychain here; npm test runs them inside a D-Bus session with gnome-keyring)');

function secretTool(...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync('secret-tool', args, { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

afterAll(async () => {
  if (status.available) for (const id of ['p-a', 'p-b']) await vault.deleteAllFor(id);
});

describe.skipIf(!run)('secrets in the real Secret Service', () => {
  it('finds the keychain available and stores there by default', async () => {
    expect(status).toMatchObject({ available: true, mode: 'keychain' });
    expect(await vault.set('p-a', 'twilio-auth-token', '  0123456789abcdef0123456789abcdef\n')).toEqual({
      kind: 'twilio-auth-token',
      status: 'stored',
      backend: 'keychain',
    });
    expect(await vault.state('p-a', 'twilio-auth-token')).toEqual({ kind: 'twilio-auth-token', status: 'stored', backend: 'keychain' });
    expect(await vault.state('p-a', 'idp-api-token')).toEqual({ kind: 'idp-api-token', status: 'absent', backend: null });
    // checked independently of keytar: the Secret Service holds it under the service and account
    const lookup = secretTool('lookup', 'service', SERVICE, 'account', secretAccount('p-a', 'twilio-auth-token'));
    expect(lookup.status, 'secret-tool (apt-get install libsecret-tools) must be able to read the item').toBe(0);
    expect(lookup.stdout.trim()).toBe('0123456789abcdef0123456789abcdef');
    // a fresh vault (as after a restart) still finds it
    const again = await SecretVault.open(SERVICE);
    expect(await again.use('p-a', 'twilio-auth-token')).toBe('0123456789abcdef0123456789abcdef');
  });

  it('replaces, deletes, and deletes every secret of one profile only', async () => {
    await vault.set('p-a', 'twilio-auth-token', 'first');
    await vault.set('p-a', 'twilio-auth-token', 'second');
    expect(await vault.use('p-a', 'twilio-auth-token')).toBe('second');
    await vault.set('p-a', 'twilio-api-key-secret', 'key-secret');
    await vault.set('p-b', 'twilio-auth-token', 'other customer');
    expect(await vault.delete('p-a', 'twilio-api-key-secret')).toEqual({ kind: 'twilio-api-key-secret', status: 'absent', backend: null });
    expect(await vault.use('p-a', 'twilio-api-key-secret')).toBeNull();
    await vault.set('p-a', 'idp-api-token', 'idp');
    expect(await vault.deleteAllFor('p-a')).toBe(2);
    expect((await vault.states('p-a')).map((s) => s.status)).toEqual(['absent', 'absent', 'absent']);
    expect(await vault.use('p-b', 'twilio-auth-token')).toBe('other customer');
  });

  it('in session-only mode keeps a secret in memory only, and moving it removes the keychain copy', async () => {
    await vault.set('p-a', 'twilio-auth-token', 'in keychain');
    const session = await vault.setMode('session');
    expect(session).toMatchObject({ available: true, mode: 'session' });
    expect(await vault.set('p-a', 'twilio-auth-token', 'in memory')).toMatchObject({ backend: 'session' });
    const fresh = await SecretVault.open(SERVICE);
    expect(await fresh.use('p-a', 'twilio-auth-token')).toBeNull();
    expect(await vault.use('p-a', 'twilio-auth-token')).toBe('in memory');
    await vault.setMode('keychain');
  });

  it('keeps an IdP admin credential per tenant (CLI and app share it), readable by secret-tool, and forgets it', async () => {
    const store = new IdpCredentialStore(vault);
    expect(await store.store('auth0', 'Acme.EU.auth0.com', { kind: 'client-credentials', clientId: 'm2mClient', clientSecret: ' s3cret ' })).toBe('keychain');
    expect(await store.read('auth0', 'acme.eu.auth0.com')).toEqual({ kind: 'client-credentials', clientId: 'm2mClient', clientSecret: 's3cret' });
    const lookup = secretTool('lookup', 'service', SERVICE, 'account', credentialAccount('auth0', 'acme.eu.auth0.com'));
    expect(JSON.parse(lookup.stdout)).toMatchObject({ clientSecret: 's3cret' });
    expect(await store.read('okta', 'acme.eu.auth0.com')).toBeNull();
    await expect(store.store('okta', 'acme.okta.com', { kind: 'api-token', token: '  ' })).rejects.toThrow(/Okta credential is not complete/);
    await vault.setNamed(credentialAccount('okta', 'acme.okta.com'), '{"kind":"api-token"'); // damaged: reads as absent
    expect(await store.read('okta', 'acme.okta.com')).toBeNull();
    expect(await store.forget('okta', 'acme.okta.com')).toBe(true);
    expect(await store.forget('auth0', 'acme.eu.auth0.com')).toBe(true);
    expect(await store.where('auth0', 'acme.eu.auth0.com')).toBeNull();
  });
});

describe('secrets without a Secret Service', () => {
  it('says the keychain is unavailable, refuses to store until session-only is chosen, then keeps it in memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-nokeychain-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { SecretVault } from ${JSON.stringify(join(REPO_ROOT, 'electron/services/secrets/secret-vault.ts'))};
const vault = await SecretVault.open('Flex SSO Wizard no-keychain test');
const out: Record<string, unknown> = { before: await vault.status() };
try { await vault.set('p1', 'twilio-auth-token', 'abc'); out.refused = null; } catch (e) { out.refused = (e as Error).message; }
out.after = await vault.setMode('session');
out.stored = await vault.set('p1', 'twilio-auth-token', 'abc');
out.readable = (await vault.use('p1', 'twilio-auth-token')) === 'abc';
process.stdout.write(JSON.stringify(out));`,
    );
    await build({
      entryPoints: [entry],
      outfile: join(dir, 'entry.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['keytar'],
      nodePaths: [join(REPO_ROOT, 'node_modules')],
      logLevel: 'error',
    });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const child = spawnSync(process.execPath, [join(dir, 'entry.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules'), DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}`, DISPLAY: '' },
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    const out = JSON.parse(child.stdout);
    expect(out.before).toMatchObject({ available: false, mode: 'keychain' });
    expect(out.before.message).toMatch(/system keychain is not available.*session only/);
    expect(out.refused).toMatch(/not stored: the system keychain is not available.*this session only/);
    expect(out.after).toMatchObject({ available: false, mode: 'session' });
    expect(out.stored).toEqual({ kind: 'twilio-auth-token', status: 'stored', backend: 'session' });
    expect(out.readable).toBe(true);
  });
});
