import { findChromium, CHROMIUM_INSTALL_HINT } from '../../electron/services/chromium';

/** The Chromium the tests use, or null after printing why the tests that need it are skipped. */
export function chromiumForTests(what: string): string | null {
  const { path } = findChromium();
  if (!path) console.warn(`skipped: ${what}: no Chromium found (${CHROMIUM_INSTALL_HINT})`);
  return path;
}
