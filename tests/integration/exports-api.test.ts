import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dispatchApiCall } from '../../electron/services/api-dispatch';
import { createApiHandlers } from '../../electron/services/api-handlers';
import { createTestServices } from '../support/test-services';

describe("exports through the API (web host: the browser's own download)", () => {
  it("hands text exports to the browser's download, named as suggested, each fetched once", async () => {
    const services = await createTestServices();
    const handlers = createApiHandlers(services);
    const first = await dispatchApiCall(handlers, 'saveExport', { format: 'md', suggestedName: 'Contoso checklist', content: '# Okta\n' });
    const named = await dispatchApiCall(handlers, 'saveExport', { format: 'tsv', suggestedName: 'okta-attribute-statements.tsv', content: 'Name\tValue\n' });
    if (!first.ok || !named.ok) throw new Error('not saved');
    expect(first.value).toMatchObject({ outcome: 'download', fileName: 'Contoso checklist.md', bytes: 7 });
    expect(named.value).toMatchObject({ outcome: 'download', fileName: 'okta-attribute-statements.tsv' });
    const token = (first.value as { url: string }).url.replace('/downloads/', '');
    expect(services.downloads.take(token)).toMatchObject({
      fileName: 'Contoso checklist.md',
      mediaType: 'text/markdown; charset=utf-8',
      body: Buffer.from('# Okta\n'),
    });
    expect(services.downloads.take(token)).toBeNull();
    // Nothing is written on the way: the user-data folder holds no exports.
    expect(existsSync(join(services.dataFolder, 'exports'))).toBe(false);
  });

  it('refuses a suggested name that holds a folder or control characters', async () => {
    const handlers = createApiHandlers(await createTestServices());
    for (const suggestedName of ['../escape', 'a/b', 'c:\\x', 'bad\u0007name']) {
      const result = await dispatchApiCall(handlers, 'saveExport', { format: 'json', suggestedName, content: '{}' });
      expect(result, suggestedName).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });

  it('exports a profile as a file that imports back as a new profile', async () => {
    const services = await createTestServices();
    const handlers = createApiHandlers(services);
    const created = await dispatchApiCall(handlers, 'createProfile', { name: 'Fabrikam / EMEA', mode: 'frontline', idp: 'azure-ad' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { profile: { id: string } }).profile.id;
    const saved = await dispatchApiCall(handlers, 'exportProfile', { id });
    if (!saved.ok) throw new Error(saved.error.message);
    const { url, fileName } = saved.value as { url: string; fileName: string };
    expect(fileName).toBe('Fabrikam EMEA.flex-sso-profile.json');
    const download = services.downloads.take(url.replace('/downloads/', ''));
    const imported = await dispatchApiCall(handlers, 'importProfile', { content: download!.body.toString('utf8') });
    expect(imported).toMatchObject({ ok: true, value: { profile: { name: 'Fabrikam / EMEA (2)', mode: 'frontline' } } });
    const listed = await dispatchApiCall(handlers, 'listProfiles', {});
    expect(listed).toMatchObject({ ok: true, value: { problems: [] } });
    if (listed.ok) expect((listed.value as { profiles: unknown[] }).profiles).toHaveLength(2);
  });
});
