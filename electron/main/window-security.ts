import { session, shell, type BrowserWindow, type Session } from 'electron';
import { helpLinkHosts } from '../../shared/help-links';
import { isAppUrl } from './app-protocol';

/** External pages the app may open in the system browser (documentation and consoles; each step's help links). */
const EXTERNAL_LINK_HOSTS = [
  ...helpLinkHosts(),
  'www.twilio.com',
  'console.twilio.com',
  'flex.twilio.com',
  'learn.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
  'help.okta.com',
  'auth0.com',
  'manage.auth0.com',
  'support.google.com',
  'admin.google.com',
];

/** Consoles on the customer's own host: an Okta org's Admin Console (acme-admin.okta.com). */
const EXTERNAL_LINK_SUFFIXES = ['.okta.com', '.oktapreview.com', '.okta-emea.com'];

function isAllowedExternalLink(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl);
    return url.protocol === 'https:' && (EXTERNAL_LINK_HOSTS.includes(url.hostname) || EXTERNAL_LINK_SUFFIXES.some((suffix) => url.hostname.endsWith(suffix)));
  } catch {
    return false;
  }
}

/** The only permission granted, and only to the wizard's own page: writing text to the clipboard ("copy"). */
const WIZARD_PERMISSIONS = new Set(['clipboard-sanitized-write']);

function isWizardOrigin(rawUrl: string | undefined): boolean {
  return rawUrl !== undefined && isAppUrl(rawUrl);
}

/**
 * Deny every permission (camera, notifications, geolocation, clipboard read, …) to every page by
 * default; the wizard's own page may only write to the clipboard (its copy buttons).
 */
export function denyAllPermissions(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_webContents, permission, callback, details) =>
    callback(WIZARD_PERMISSIONS.has(permission) && isWizardOrigin(details.requestingUrl)),
  );
  target.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => WIZARD_PERMISSIONS.has(permission) && isWizardOrigin(requestingOrigin));
}

/** The wizard window never navigates away and never opens windows; allowed links go to the OS browser. */
export function lockDownWizardWindow(window: BrowserWindow): void {
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The Microsoft sign-in page of "Set it up for me", built by the main side (the sign-in host is a
 * setting, for national clouds), in the system browser: https only.
 */
export async function openSignInPage(rawUrl: string): Promise<void> {
  const url = new URL(rawUrl);
  if (url.protocol !== 'https:') throw new Error('the sign-in page must be https');
  await shell.openExternal(url.href);
}
