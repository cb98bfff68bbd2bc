import { describe, expect, it } from 'vitest';
import { describeKeychainError } from '../../electron/services/secrets/keychain-store';

describe('why the keychain is not available, in plain words', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', /not started from a desktop session/],
    ['The name org.freedesktop.secrets was not provided by any .service files', /no keychain program \(such as GNOME Keyring or KWallet\) is running/],
  ])('%s', (raw, words) => {
    const said = describeKeychainError(new Error(raw));
    expect(said).toMatch(words);
    // No jargon the admin cannot act on.
    expect(said).not.toMatch(/D-Bus|DBus|X11|DISPLAY|freedesktop|Secret Service/);
  });
});
