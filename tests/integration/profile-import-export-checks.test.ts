/**
 * Import and export checks, through the API as the renderer calls it: a version-1 profile with a
 * bad field is refused naming the field (not "importProfile failed unexpectedly"); a version-2
 * file whose connections share an id imports with the duplicates renamed, so later saves work;
 * export names with direction-changing or invisible characters are refused.
 */
import { describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../electron/services/api-dispatch';
import { createApiHandlers } from '../../electron/services/api-handlers';
import { PROFILE_EXPORT_FORMAT } from '../../electron/services/profiles/profile-format';
import { createTestServices } from '../support/test-services';

const v1Profile = {
  id: 'legacy1',
  name: 'Old customer',
  createdAt: '2024-01-02T03:04:05.000Z',
  updatedAt: '2024-02-02T03:04:05.000Z',
  mode: 'flex-legacy',
  idp: 'okta',
  idpValues: { issuer: 'http://www.okta.com/exk1', ssoUrl: 'https://x.okta.com/app/sso/saml', certificatePem: '' },
};
const v1File = (profile: Record<string, unknown>) => JSON.stringify({ format: PROFILE_EXPORT_FORMAT, schemaVersion: 1, profile: { ...v1Profile, ...profile } });

async function handlers() {
  return createApiHandlers(await createTestServices());
}

/** The web host hands exports to the browser's download: the name it will be saved under. */
function downloadName(value: unknown): string {
  const download = value as { outcome: string; fileName: string };
  expect(download.outcome).toBe('download');
  return download.fileName;
}

describe('importing a version-1 profile with a bad field', () => {
  it.each([
    ['a name too long for the current format', { name: 'x'.repeat(300) }, 'name'],
    ['an issuer longer than any IdP writes', { idpValues: { issuer: 'h'.repeat(2100), ssoUrl: '', certificatePem: '' } }, 'idpValues.issuer'],
    ['an IdP id longer than any IdP', { idp: 'i'.repeat(60) }, 'idp'],
    ['an Account SID longer than any SID', { ids: { accountSid: 'AC'.padEnd(250, '0') } }, 'ids.accountSid'],
  ])('%s: refused, naming the field', async (_label, bad, field) => {
    const api = await handlers();
    const answer = await dispatchApiCall(api, 'importProfile', { content: v1File(bad), fileName: 'old.json' });
    expect(answer.ok).toBe(false);
    const message = answer.ok ? '' : answer.error.message;
    expect(message).toBe(`This file cannot be imported: the field "${field}" is missing or not valid.`);
    expect(message).not.toMatch(/unexpectedly/);
    expect(await dispatchApiCall(api, 'listProfiles', {})).toMatchObject({ ok: true, value: { profiles: [], problems: [] } });
  });
});

describe('importing a version-2 profile whose connections share an id', () => {
  it('gives the duplicates new ids with a warning, so every later save works', async () => {
    const api = await handlers();
    const created = await dispatchApiCall(api, 'createProfile', { name: 'Contoso', mode: 'flex-enhanced', idp: 'azure-ad' });
    if (!created.ok) throw new Error(created.error.message);
    const exported = JSON.parse(JSON.stringify({ format: PROFILE_EXPORT_FORMAT, schemaVersion: 2, profile: (created.value as { profile: unknown }).profile }));
    const [staff] = exported.profile.connections;
    const lastTest = {
      at: '2025-03-01T10:00:00.000Z',
      connectionId: staff.id,
      outcome: 'passed',
      summary: 'ok',
      errorCount: 0,
      warningCount: 0,
      findingCodes: [],
    };
    exported.profile.connections = [
      { ...staff, label: 'Staff', lastTest },
      { ...staff, label: 'Contractors', idp: 'okta', lastTest },
      { ...staff, label: 'Partners', idp: 'okta', lastTest: null },
    ];
    exported.profile.activeConnectionId = staff.id;

    const imported = await dispatchApiCall(api, 'importProfile', { content: JSON.stringify(exported) });
    if (!imported.ok) throw new Error(imported.error.message);
    const { profile, warnings } = imported.value as {
      profile: { id: string; activeConnectionId: string; connections: Array<{ id: string; label: string; lastTest: { connectionId: string } | null }> };
      warnings: string[];
    };
    expect(warnings).toContain('2 IdP connections in the file had the same id as another and were given a new one; nothing else was changed.');
    const ids = profile.connections.map((c) => c.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toBe(staff.id);
    expect(profile.activeConnectionId).toBe(staff.id);
    expect(profile.connections.map((c) => c.label)).toEqual(['Staff', 'Contractors', 'Partners']);
    expect(profile.connections[1]?.lastTest?.connectionId).toBe(ids[1]);

    // The save that used to fail ("Two IdP connections of this profile have the same id").
    const saved = await dispatchApiCall(api, 'updateProfile', { id: profile.id, patch: { notes: 'after import', connections: profile.connections } });
    expect(saved).toMatchObject({ ok: true, value: { profile: { notes: 'after import', revision: 2 } } });
  });
});

describe('export names', () => {
  const tricky = [
    ['a right-to-left override (reads as "checklistfdp.exe")', 'checklist\u202Eexe.pdf'],
    ['a left-to-right isolate', 'checklist\u2066x'],
    ['a zero-width space', 'check\u200Blist'],
    ['a DEL control character', 'check\u007Flist'],
    ['a C1 control character', 'check\u0085list'],
    ['a byte-order mark', '\uFEFFchecklist'],
  ];

  it.each(tricky)('refuses %s in the suggested name of a text or PDF export', async (_label, suggestedName) => {
    const api = await handlers();
    for (const answer of [
      await dispatchApiCall(api, 'saveExport', { format: 'md', suggestedName, content: '# x\n' }),
      await dispatchApiCall(api, 'startPdfExport', { suggestedName, html: '<p>x</p>' }),
    ]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(answer.ok ? '' : answer.error.message).toMatch(/without control, direction-changing or invisible characters/);
    }
  });

  it('still takes ordinary names, accents and all', async () => {
    const answer = await dispatchApiCall(await handlers(), 'saveExport', { format: 'md', suggestedName: 'Société Générale – checklist', content: '# x\n' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(downloadName(answer.value)).toBe('Société Générale – checklist.md');
  });

  it('drops such characters from the file name of an exported customer', async () => {
    const api = await handlers();
    const created = await dispatchApiCall(api, 'createProfile', { name: 'Contoso\u202Eexe.json\u200B' });
    if (!created.ok) throw new Error(created.error.message);
    const saved = await dispatchApiCall(api, 'exportProfile', { id: (created.value as { profile: { id: string } }).profile.id });
    if (!saved.ok) throw new Error(saved.error.message);
    const name = downloadName(saved.value);
    expect(name).toBe('Contosoexe.json.flex-sso-profile.json');
    expect(name).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });
});
