import { describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../electron/services/api-dispatch';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChromiumMissingError, LoginTestOptionsError, UserFacingError } from '../../electron/services/errors';
import { ProfileStore } from '../../electron/services/profiles/profile-store';
import { DomainInputError } from '../../shared/domain/modes';
import { createApiHandlers } from '../../electron/services/api-handlers';
import type { ApiHandlers } from '../../shared/api';
import { API_CALLS } from '../../shared/api-calls';
import { apiContract } from '../../shared/api';
import { createTestServices } from '../support/test-services';

const services = await createTestServices();
const handlers = createApiHandlers({ ...services, appVersion: '1.2.3' });

describe('dispatchApiCall', () => {
  it('every call name has a schema and a handler', () => {
    for (const name of API_CALLS) {
      expect(apiContract[name]).toBeDefined();
      expect(typeof handlers[name]).toBe('function');
    }
  });

  it('answers a valid call with its value', async () => {
    expect(await dispatchApiCall(handlers, 'getAppInfo', {})).toEqual({
      ok: true,
      value: { name: 'Flex SSO Wizard', version: '1.2.3', host: 'web', dataFolder: services.dataFolder },
    });
  });

  it('refuses an unknown call by name, without echoing a long name', async () => {
    const result = await dispatchApiCall(handlers, 'x'.repeat(500), {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unknown-call');
      expect(result.error.message.length).toBeLessThan(120);
    }
  });

  it('refuses a request that breaks the schema, naming the field', async () => {
    const result = await dispatchApiCall(handlers, 'getAppInfo', { surprise: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!result.ok) expect(result.error.message).toMatch(/getAppInfo/);
  });

  it('turns a user-facing failure into its message, and anything else into a plain one without internals', async () => {
    const failing = {
      ...handlers,
      getAppInfo: async () => {
        throw new UserFacingError('The keychain is locked; unlock it and try again.');
      },
      listCatalog: async () => {
        throw new Error('ENOENT: /secret/path/profile.json');
      },
    } as ApiHandlers;
    expect(await dispatchApiCall(failing, 'getAppInfo', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: 'The keychain is locked; unlock it and try again.' },
    });
    const logs: string[] = [];
    const other = await dispatchApiCall(failing, 'listCatalog', {}, (line) => logs.push(line));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.message).not.toMatch(/secret|ENOENT/);
    expect(logs.join('\n')).toMatch(/ENOENT/);
  });

  it("maps the domain errors once: each in the user's words, as a sentence", async () => {
    const failing = {
      ...handlers,
      getAppInfo: async () => {
        throw new DomainInputError('connectionId', 'an SSO connection id starts with JQ; this starts with AC, which is an Account SID');
      },
      listCatalog: async () => {
        throw new ChromiumMissingError('PDF needs Chromium and none was found (looked at /usr/bin/chromium); install Chromium');
      },
      getKeychainStatus: async () => {
        throw new LoginTestOptionsError('the timeout must be between 5 seconds and 1 hour');
      },
    } as ApiHandlers;
    expect(await dispatchApiCall(failing, 'getAppInfo', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: 'An SSO connection id starts with JQ; this starts with AC, which is an Account SID.' },
    });
    expect(await dispatchApiCall(failing, 'listCatalog', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: 'PDF needs Chromium and none was found (looked at /usr/bin/chromium); install Chromium.' },
    });
    expect(await dispatchApiCall(failing, 'getKeychainStatus', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: 'The timeout must be between 5 seconds and 1 hour.' },
    });
  });

  it('a customer folder that cannot be read is an error naming it, never an empty list of customers', async () => {
    const blocked = mkdtempSync(join(tmpdir(), 'flex-sso-blocked-'));
    try {
      // A file where the profiles folder should be: the listing cannot be made.
      const folder = join(blocked, 'profiles');
      writeFileSync(folder, 'not a folder');
      const broken = createApiHandlers({ ...services, profiles: new ProfileStore({ folder }) });
      const answer = await dispatchApiCall(broken, 'listProfiles', {});
      expect(answer).toEqual({
        ok: false,
        error: {
          code: 'failed',
          message: `The saved customers could not be listed: the folder ${folder} cannot be read (a file of that name is in the way). Check that folder, then open the app again.`,
        },
      });
    } finally {
      rmSync(blocked, { recursive: true, force: true });
    }
  });

  it('refuses to return an answer that breaks the response schema', async () => {
    const leaky = { ...handlers, getAppInfo: async () => ({ name: 'x', version: 'y', host: 'web', token: 'should-not-cross' }) } as unknown as ApiHandlers;
    const result = await dispatchApiCall(leaky, 'getAppInfo', {});
    // zod objects strip unknown keys: the extra field never crosses the boundary
    expect(JSON.stringify(result)).not.toMatch(/should-not-cross/);
  });
});
