/**
 * The rules the Electron app applies around its login window, built here (no Electron import) so
 * they are unit-tested where Electron cannot run; electron/main only hands them to Electron.
 */
import { isTwilioUrl, twilioResolverRules } from '../../../shared/domain/twilio-hosts';

/**
 * The app-wide `host-resolver-rules` switch: every Twilio host, in every spelling Chromium sends,
 * resolves nowhere, so a request the capture missed cannot leave the machine. It is process-wide
 * (set before the app is ready), so an app started to let a test login through leaves it out.
 */
export function appHostResolverRules(): string {
  return twilioResolverRules('~NOTFOUND').join(', ');
}

/**
 * The login window session's `webRequest.onBeforeRequest` filter: every http(s) request. Electron's
 * URL patterns match host names literally (a trailing dot or a port would slip past a pattern per
 * Twilio host), so the decision is made by shouldCancelLoginWindowRequest with the shared normaliser.
 */
export function loginWindowRequestFilter(): { urls: string[] } {
  return { urls: ['*://*/*'] };
}

/**
 * Fail closed: a request to Twilio from a window whose capture is not yet in force is cancelled.
 * Requests from captured windows are left to the capture (CDP Fetch) to answer or refuse.
 */
export function shouldCancelLoginWindowRequest(url: string, webContentsId: number | undefined, captured: ReadonlySet<number>): boolean {
  if (!isTwilioUrl(url)) return false;
  return webContentsId === undefined || !captured.has(webContentsId);
}
