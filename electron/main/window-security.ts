import { session, shell, type BrowserWindow, type Session } from 'electron';
import { isAppUrl } from './app-protocol';

/** External pages the app may open in the system browser (documentation and consoles). */
const EXTERNAL_LINK_HOSTS = [
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

export function isAllowedExternalLink(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl);
    return url.protocol === 'https:' && EXTERNAL_LINK_HOSTS.includes(url.hostname);
  } catch {
    return false;
  }
}

/** Deny every permission (camera, notifications, geolocation, …) to every page by default. */
export function denyAllPermissions(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
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
