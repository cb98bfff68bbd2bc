import { describe, expect, it } from 'vitest';
import type { KeychainStatus } from './api';
import { canStore, KEEP_FOR_SESSION, storageHint, storedWhere } from './secret-storage';

const keychain: KeychainStatus = { available: true, mode: 'keychain', message: 'Secrets are stored in the system keychain.' };
const noKeychain: KeychainStatus = { available: false, mode: 'keychain', message: 'The system keychain is not available: no keychain program is running.' };
const sessionChosen: KeychainStatus = { available: false, mode: 'session', message: 'Secrets are kept in memory for this session only.' };
const sessionWithKeychain: KeychainStatus = { available: true, mode: 'session', message: 'Secrets are kept in memory for this session only.' };

describe('where a secret goes, said the same everywhere', () => {
  it('stores only where it can: the keychain answers, or the admin chose this session only', () => {
    expect(canStore(keychain)).toBe(true);
    expect(canStore(sessionChosen)).toBe(true);
    expect(canStore(sessionWithKeychain)).toBe(true);
    expect(canStore(noKeychain)).toBe(false);
  });

  it('never promises the keychain when secrets are kept for this session only', () => {
    for (const status of [sessionChosen, sessionWithKeychain]) {
      expect(storageHint(status)).not.toMatch(/keychain/);
      expect(storageHint(status)).toMatch(/for this session only/);
    }
    expect(storageHint(keychain)).toMatch(/system keychain/);
  });

  it('without a keychain, names the button that is the way out', () => {
    expect(storageHint(noKeychain)).toContain(`choose ${KEEP_FOR_SESSION} above`);
  });

  it('says every hint as a sentence', () => {
    for (const status of [null, keychain, noKeychain, sessionChosen]) expect(storageHint(status)).toMatch(/^[A-Z].*\.$/);
  });

  it('says where a stored secret is', () => {
    expect(storedWhere('session')).toBe('kept for this session only');
    expect(storedWhere('keychain')).toBe('kept in the system keychain');
  });
});
