import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatchApiCall } from '../../electron/services/api-dispatch';
import { createApiHandlers } from '../../electron/services/api-handlers';
import { createTestServices } from '../support/test-services';

describe('exports through the API (web host: the exports folder)', () => {
  it('saves text exports under <userData>/exports, never replacing an earlier file', async () => {
    const services = await createTestServices();
    const handlers = createApiHandlers(services);
    const first = await dispatchApiCall(handlers, 'saveExport', { format: 'md', suggestedName: 'Contoso checklist', content: '# Okta\n' });
    const second = await dispatchApiCall(handlers, 'saveExport', { format: 'md', suggestedName: 'Contoso checklist.md', content: '# Okta again\n' });
    const folder = join(services.dataFolder, 'exports');
    expect(first).toEqual({ ok: true, value: { outcome: 'saved', path: join(folder, 'Contoso checklist.md'), bytes: 7 } });
    expect(second).toMatchObject({ ok: true, value: { path: join(folder, 'Contoso checklist (2).md') } });
    expect(readFileSync(join(folder, 'Contoso checklist.md'), 'utf8')).toBe('# Okta\n');
  });

  it('refuses a suggested name that holds a folder or control characters', async () => {
    const handlers = createApiHandlers(await createTestServices());
    for (const suggestedName of ['../escape', 'a/b', 'c:\\x', 'bad\u0007name']) {
      const result = await dispatchApiCall(handlers, 'saveExport', { format: 'json', suggestedName, content: '{}' });
      expect(result, suggestedName).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });

  it('exports a profile as a file that imports back as a new profile', async () => {
    const handlers = createApiHandlers(await createTestServices());
    const created = await dispatchApiCall(handlers, 'createProfile', { name: 'Fabrikam / EMEA', mode: 'frontline', idp: 'azure-ad' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { profile: { id: string } }).profile.id;
    const saved = await dispatchApiCall(handlers, 'exportProfile', { id });
    if (!saved.ok) throw new Error(saved.error.message);
    const path = (saved.value as { path: string }).path;
    expect(path).toMatch(/Fabrikam EMEA\.flex-sso-profile\.json$/);
    const imported = await dispatchApiCall(handlers, 'importProfile', { content: readFileSync(path, 'utf8') });
    expect(imported).toMatchObject({ ok: true, value: { profile: { name: 'Fabrikam / EMEA (2)', mode: 'frontline' } } });
    const listed = await dispatchApiCall(handlers, 'listProfiles', {});
    expect(listed).toMatchObject({ ok: true, value: { problems: [] } });
    if (listed.ok) expect((listed.value as { profiles: unknown[] }).profiles).toHaveLength(2);
  });
});
