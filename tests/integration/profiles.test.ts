import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileStore } from '../../electron/services/profiles/profile-store';
import { writeFileAtomic } from '../../electron/services/profiles/atomic-file';
import { decodeProfileText, PROFILE_FILE_FORMAT } from '../../electron/services/profiles/profile-format';
import { bundleSaveWorker, marker } from '../support/save-worker';

let folder: string;
let clock: number;
let store: ProfileStore;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'flex-sso-profiles-'));
  clock = Date.parse('2025-03-01T10:00:00Z');
  let n = 0;
  store = new ProfileStore({ folder, now: () => new Date((clock += 1000)), newId: () => `p${++n}` });
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const files = () => readdirSync(folder).sort();

describe('profile store: basics', () => {
  it('creates, lists, updates with a patch, and reads back', async () => {
    const created = await store.create({ name: 'Contoso', mode: 'flex-enhanced', idp: 'azure-ad' });
    expect(created).toMatchObject({ id: 'p1', name: 'Contoso', revision: 1, mode: 'flex-enhanced' });
    expect(created.connections).toHaveLength(1);
    expect(created.connections[0]?.idp).toBe('azure-ad');
    expect(created.activeConnectionId).toBe(created.connections[0]?.id);

    const okta = {
      id: 'c-contractors',
      label: 'Contractors',
      idp: 'okta',
      idpValues: {
        issuer: 'http://www.okta.com/exk1',
        ssoUrl: 'https://contoso.okta.com/app/x/sso/saml',
        certificatePem: '',
        idpInitiatedUrl: '',
        metadataUrl: '',
      },
      notes: '',
      lastTest: null,
    };
    const updated = await store.update('p1', {
      ids: { connectionId: 'JQ123', accountSid: '', realmSid: '', flexInstanceSid: '' },
      connections: [...created.connections, okta],
      notes: 'half-typed JQ is kept',
    });
    expect(updated.revision).toBe(2);
    expect(updated.ids.connectionId).toBe('JQ123');
    expect(updated.connections.map((c) => c.idp)).toEqual(['azure-ad', 'okta']);
    expect(updated.name).toBe('Contoso');

    const again = new ProfileStore({ folder });
    expect(await again.get('p1')).toEqual(updated);
    const { profiles, problems } = await again.list();
    expect(problems).toEqual([]);
    expect(profiles.map((p) => p.id)).toEqual(['p1']);
  });

  it('keeps the previous version as a backup and writes the versioned envelope', async () => {
    await store.create({ name: 'A' });
    await store.update('p1', { name: 'B' });
    expect(files()).toEqual(['p1.json', 'p1.json.bak']);
    const current = JSON.parse(readFileSync(join(folder, 'p1.json'), 'utf8'));
    const backup = JSON.parse(readFileSync(join(folder, 'p1.json.bak'), 'utf8'));
    expect(current).toMatchObject({ format: PROFILE_FILE_FORMAT, schemaVersion: 2, profile: { name: 'B', revision: 2 } });
    expect(backup.profile).toMatchObject({ name: 'A', revision: 1 });
  });

  it('serialises concurrent autosaves: every one lands, in order', async () => {
    await store.create({ name: 'A' });
    const saves = await Promise.all(Array.from({ length: 20 }, (_, i) => store.update('p1', { notes: `note ${i}` })));
    expect(saves.map((p) => p.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect((await store.get('p1')).notes).toBe('note 19');
    expect(files()).toEqual(['p1.json', 'p1.json.bak']);
  });

  it('"last changed" moves with what the admin entered, not with where they are in the wizard', async () => {
    const created = await store.create({ name: 'Contoso' });
    const connection = created.connections[0]!;
    const moved = await store.update('p1', { wizardStep: 'console', connections: [{ ...connection, doneSteps: [{ step: 'configure', fingerprint: 'f1' }] }] });
    expect(moved.revision).toBe(2);
    expect(moved.wizardStep).toBe('console');
    expect(moved.connections[0]?.doneSteps).toEqual([{ step: 'configure', fingerprint: 'f1' }]);
    expect(moved.updatedAt).toBe(created.updatedAt);
    // The same values written again (an autosave of an unchanged draft) are not a change either.
    const same = await store.update('p1', { name: 'Contoso', notes: '', connections: moved.connections });
    expect(same.updatedAt).toBe(created.updatedAt);
    const edited = await store.update('p1', { notes: 'call back Monday' });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
  });

  it('duplicates under a new id and deletes a profile with its backup', async () => {
    await store.create({ name: 'Fabrikam' });
    await store.update('p1', { notes: 'x' });
    const copy = await store.duplicate('p1');
    expect(copy).toMatchObject({ id: 'p2', name: 'Fabrikam (copy)', notes: 'x', revision: 1 });
    await store.delete('p1');
    expect(files()).toEqual(['p2.json']);
    await expect(store.get('p1')).rejects.toThrow(/no longer exists/);
  });

  it('exports without secrets and imports as a new profile, renaming on a clash', async () => {
    await store.create({ name: 'Northwind', mode: 'frontline' });
    const { text } = await store.exportText('p1');
    expect(JSON.parse(text)).toMatchObject({ format: 'flex-sso-wizard/profile-export', schemaVersion: 2 });
    const imported = await store.importText(text);
    expect(imported.profile).toMatchObject({ id: 'p2', name: 'Northwind (2)', mode: 'frontline', revision: 1 });
    expect(imported.warnings.join(' ')).toMatch(/already exists/);
    await expect(store.importText('{"hello":1}')).rejects.toThrow(/not a Flex SSO Wizard profile/);
    await expect(store.importText('not json')).rejects.toThrow(/not valid JSON/);
  });

  it('names a SAML metadata, a SAML response, a HAR file or a SAML-tracer export picked by mistake, and where each goes', async () => {
    const metadata =
      '<?xml version="1.0"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sts.windows.net/x/"><md:IDPSSODescriptor/></md:EntityDescriptor>';
    await expect(store.importText(metadata)).rejects.toThrow(
      "This is the identity provider's SAML metadata, not a customer file: open the customer (or create it), then import it at the step Bring back its values.",
    );
    await expect(store.importText('\uFEFF<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"/>')).rejects.toThrow(
      /SAML metadata, not a customer file/,
    );
    await expect(store.importText('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>')).rejects.toThrow(
      /a SAML response, not a customer file/,
    );
    await expect(store.importText('<html><body>hi</body></html>')).rejects.toThrow(/an XML document, not a customer file/);
    const har = JSON.stringify({ log: { version: '1.2', creator: { name: 'x' }, entries: [] } });
    await expect(store.importText(har)).rejects.toThrow(/a browser capture \(a HAR file\), not a customer file: .* the step Test login/);
    await expect(store.importText(JSON.stringify({ requests: [], timestamp: '2026-01-01T00:00:00Z' }))).rejects.toThrow(/SAML-tracer export/);
    await expect(store.importText(metadata)).rejects.not.toThrow(/not valid JSON/);
  });
});

describe('profile store: atomic writes', () => {
  it('replaces a file whole: a reader never sees a mix, and no temporary file stays', async () => {
    const target = join(folder, 'f.json');
    const a = 'a'.repeat(1_000_000);
    const b = 'b'.repeat(1_000_000);
    await writeFileAtomic(target, a);
    let reads = 0;
    let stop = false;
    const reader = (async () => {
      while (!stop) {
        const text = readFileSync(target, 'utf8');
        expect(text === a || text === b).toBe(true);
        reads += 1;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 30; i += 1) await writeFileAtomic(target, i % 2 ? a : b);
    stop = true;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(readdirSync(folder)).toEqual(['f.json']);
  });

  it('removes stale temporary files a crash left behind, and ignores fresh ones', async () => {
    await store.create({ name: 'A' });
    const stale = join(folder, '.p1.json.tmp-123-deadbeef');
    writeFileSync(stale, '{"half');
    const past = new Date(clock - 120_000);
    utimesSync(stale, past, past);
    writeFileSync(join(folder, '.p1.json.tmp-124-feedbeef'), '{"in progress');
    const { profiles, problems } = await store.list();
    expect(profiles).toHaveLength(1);
    expect(problems).toEqual([]);
    expect(files()).toEqual(['.p1.json.tmp-124-feedbeef', 'p1.json']);
  });

  it('survives being killed mid-save: the file is always the last save or the one in progress', async () => {
    const worker = await bundleSaveWorker();
    let roundsWithSaves = 0;
    for (let round = 0; round < 12; round += 1) {
      const child = spawn(process.execPath, [worker, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await new Promise<void>((resolve) => {
        const ready = (): void => {
          if (!/saved \d+/.test(out)) return;
          child.stdout.off('data', ready);
          setTimeout(resolve, Math.floor(Math.random() * 40));
        };
        child.stdout.on('data', ready);
        child.once('exit', () => resolve());
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const saved = [...out.matchAll(/saved (\d+)/g)].map((m) => Number(m[1]));
      const lastSaved = saved.at(-1) ?? 0;
      const file = readdirSync(folder).find((f) => /^[^.].*\.json$/.test(f));
      if (!file) {
        expect(lastSaved).toBe(0);
        continue;
      }
      const text = readFileSync(join(folder, file), 'utf8');
      const { profile } = decodeProfileText(text);
      if (profile.revision > 1) expect(profile.notes).toBe(marker(profile.revision));
      if (lastSaved > 0) expect([lastSaved, lastSaved + 1]).toContain(profile.revision);
      if (saved.length > 0) roundsWithSaves += 1;
    }
    expect(roundsWithSaves).toBe(12);
  }, 60_000);
});

describe('profile store: a damaged file', () => {
  it('keeps reporting a damaged file in every listing until the user dismisses the report', async () => {
    await store.create({ name: 'Contoso' });
    writeFileSync(join(folder, 'p1.json'), 'not json');
    const first = await store.list();
    const second = await store.list();
    expect(first.problems).toHaveLength(1);
    expect(second.problems).toEqual(first.problems);
    store.dismissProblems();
    expect((await store.list()).problems).toEqual([]);
  });

  it('keeps the damaged file aside, restores the backup, and says so', async () => {
    await store.create({ name: 'Contoso' });
    await store.update('p1', { notes: 'second' });
    writeFileSync(join(folder, 'p1.json'), '{"format":"flex-sso-wizard/profile","schemaVersion":2,"profile":{"id":"p1","na');
    const { profiles, problems } = await store.list();
    expect(profiles.map((p) => [p.id, p.revision])).toEqual([['p1', 1]]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'p1.json', restoredFromBackup: true });
    expect(problems[0]?.message).toMatch(/"Contoso" was damaged .*not valid JSON.*previous version was restored/);
    const kept = problems[0]?.keptAs ?? '';
    expect(kept).toMatch(/^p1\.json\.damaged-/);
    expect(readFileSync(join(folder, kept), 'utf8')).toContain('"na');
  });

  it('never overwrites a damaged file without a backup: reports it, lists nothing, keeps the bytes', async () => {
    const good = JSON.parse(readFileSync(join(folder, (await store.create({ name: 'x' })).id + '.json'), 'utf8'));
    rmSync(join(folder, 'p1.json'));
    writeFileSync(join(folder, 'p9.json'), JSON.stringify({ ...good, profile: { ...good.profile, id: 'p9', name: 5 } }));
    const { profiles, problems } = await store.list();
    expect(profiles).toEqual([]);
    expect(problems[0]?.message).toMatch(/damaged .*"name".* no earlier version/);
    expect(problems[0]?.restoredFromBackup).toBe(false);
    expect(files()).toEqual([problems[0]?.keptAs]);
    await expect(store.get('p9')).rejects.toThrow(/no longer exists/);
  });

  it('leaves a file from a newer version of the app untouched and explains', async () => {
    const newer = JSON.stringify({ format: PROFILE_FILE_FORMAT, schemaVersion: 7, profile: { id: 'p5' } });
    writeFileSync(join(folder, 'p5.json'), newer);
    const { problems } = await store.list();
    expect(problems[0]?.message).toMatch(/newer version of the app/);
    expect(readFileSync(join(folder, 'p5.json'), 'utf8')).toBe(newer);
  });
});

describe('profile store: schema migration v1 → v2', () => {
  const v1 = {
    format: PROFILE_FILE_FORMAT,
    schemaVersion: 1,
    profile: {
      id: 'legacy1',
      name: 'Old customer',
      createdAt: '2024-01-02T03:04:05.000Z',
      updatedAt: '2024-02-02T03:04:05.000Z',
      revision: 4,
      mode: 'flex-legacy',
      ids: { connectionId: '', accountSid: 'AC0123456789abcdef0123456789abcdef', realmSid: '' },
      idp: 'okta',
      idpValues: {
        issuer: 'http://www.okta.com/exk1',
        ssoUrl: 'https://x.okta.com/app/sso/saml',
        certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      },
      trustedDomains: ['flex.example.com'],
      notes: 'moved from spreadsheet',
      lastTestResult: { at: '2024-02-01T00:00:00.000Z', outcome: 'failed', summary: 'issuer mismatch', findingCodes: ['issuer-mismatch'] },
    },
  };

  it('reads a version 1 file as one connection, and writes version 2 on the next save with the old file as backup', async () => {
    const original = JSON.stringify(v1);
    writeFileSync(join(folder, 'legacy1.json'), original);
    const profile = await store.get('legacy1');
    expect(profile.connections).toHaveLength(1);
    const [connection] = profile.connections;
    expect(connection).toMatchObject({
      idp: 'okta',
      idpValues: { issuer: 'http://www.okta.com/exk1', ssoUrl: 'https://x.okta.com/app/sso/saml', idpInitiatedUrl: '' },
    });
    expect(profile.activeConnectionId).toBe(connection?.id);
    expect(profile).toMatchObject({
      name: 'Old customer',
      mode: 'flex-legacy',
      revision: 4,
      trustedDomains: ['flex.example.com'],
      notes: 'moved from spreadsheet',
    });
    expect(profile.ids).toEqual({ connectionId: '', accountSid: 'AC0123456789abcdef0123456789abcdef', realmSid: '', flexInstanceSid: '', workspaceId: '' });
    expect(profile.lastTestResult).toMatchObject({ outcome: 'failed', findingCodes: ['issuer-mismatch'], connectionId: connection?.id });
    expect(connection?.lastTest).toEqual(profile.lastTestResult);
    // reading migrates in memory only
    expect(readFileSync(join(folder, 'legacy1.json'), 'utf8')).toBe(original);

    await store.update('legacy1', { notes: 'now v2' });
    expect(JSON.parse(readFileSync(join(folder, 'legacy1.json'), 'utf8'))).toMatchObject({ schemaVersion: 2, profile: { revision: 5, notes: 'now v2' } });
    expect(readFileSync(join(folder, 'legacy1.json.bak'), 'utf8')).toBe(original);
  });

  it('imports a version 1 export with a warning', async () => {
    const result = await store.importText(JSON.stringify(v1));
    expect(result.profile.connections[0]?.idp).toBe('okta');
    expect(result.warnings.join(' ')).toMatch(/older version .* converted/);
  });

  it('reports a damaged version 1 file by the field at fault', async () => {
    writeFileSync(join(folder, 'legacy2.json'), JSON.stringify({ ...v1, profile: { ...v1.profile, id: 'legacy2', trustedDomains: 'nope' } }));
    const { problems } = await store.list();
    expect(problems[0]?.message).toMatch(/the field "trustedDomains" is missing or not valid/);
    expect(existsSync(join(folder, 'legacy2.json'))).toBe(false);
  });
});

describe('profile store: the migration choice and how the test login starts', () => {
  it('stores the legacy migration choice on the profile and loginStart per connection, and a patch that leaves them out keeps them', async () => {
    const created = await store.create({ name: 'Fabrikam', mode: 'flex-legacy', idp: 'okta' });
    expect(created.migration).toBeNull();
    expect(created.connections[0]?.loginStart).toBe('sp');

    const second = { id: 'c-contractors', idp: 'azure-ad', loginStart: 'idp' as const };
    const updated = await store.update('p1', { migration: 'create-new-app', connections: [created.connections[0]!, second] });
    expect(updated.migration).toBe('create-new-app');
    expect(updated.connections.map((c) => c.loginStart)).toEqual(['sp', 'idp']);

    // an autosave of other fields does not reset them
    const later = await store.update('p1', { notes: 'later' });
    expect(later.migration).toBe('create-new-app');
    expect(later.connections[1]).toMatchObject({ id: 'c-contractors', loginStart: 'idp', label: '' });

    const reread = await new ProfileStore({ folder }).get('p1');
    expect(reread.migration).toBe('create-new-app');
    expect(reread.connections.map((c) => c.loginStart)).toEqual(['sp', 'idp']);
    expect(JSON.parse(readFileSync(join(folder, 'p1.json'), 'utf8'))).toMatchObject({ schemaVersion: 2, profile: { migration: 'create-new-app' } });

    // kept by duplicate and by export → import
    expect((await store.duplicate('p1')).migration).toBe('create-new-app');
    const imported = await store.importText((await store.exportText('p1')).text);
    expect(imported.profile.migration).toBe('create-new-app');
    expect(imported.profile.connections[1]?.loginStart).toBe('idp');
  });

  it('refuses a migration choice or a loginStart outside the list', async () => {
    await store.create({ name: 'x' });
    await expect(store.update('p1', { migration: 'create-new' as never })).rejects.toThrow();
    const profile = await store.get('p1');
    await expect(store.update('p1', { connections: [{ ...profile.connections[0]!, loginStart: 'both' as never }] })).rejects.toThrow();
    expect((await store.get('p1')).revision).toBe(1);
  });

  it('reads a version 2 file written before these fields existed with their defaults, and writes them on the next save', async () => {
    const created = await store.create({ name: 'Before', mode: 'flex-legacy' });
    const file = JSON.parse(readFileSync(join(folder, 'p1.json'), 'utf8'));
    delete file.profile.migration;
    for (const connection of file.profile.connections) delete connection.loginStart;
    const old = JSON.stringify(file);
    writeFileSync(join(folder, 'p1.json'), old);

    const { profiles, problems } = await store.list();
    expect(problems).toEqual([]);
    expect(profiles[0]).toMatchObject({ id: 'p1', migration: null, connections: [{ id: created.connections[0]?.id, loginStart: 'sp' }] });
    await store.update('p1', { migration: 'modify-existing' });
    expect(JSON.parse(readFileSync(join(folder, 'p1.json'), 'utf8')).profile).toMatchObject({
      migration: 'modify-existing',
      connections: [{ loginStart: 'sp' }],
    });
    expect(readFileSync(join(folder, 'p1.json.bak'), 'utf8')).toBe(old);
  });

  it('migrates a version 1 file with no migration choice and an SP-started login', async () => {
    writeFileSync(
      join(folder, 'old.json'),
      JSON.stringify({
        format: PROFILE_FILE_FORMAT,
        schemaVersion: 1,
        profile: { id: 'old', name: 'Old', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', mode: 'flex-legacy' },
      }),
    );
    const profile = await store.get('old');
    expect(profile.migration).toBeNull();
    expect(profile.connections[0]?.loginStart).toBe('sp');
  });
});
