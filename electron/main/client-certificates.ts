import { app, BrowserWindow, dialog, type Certificate, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/** At most this many certificates are offered as buttons; a machine with more is rare, and a long dialog helps nobody. */
const MAX_OFFERED = 5;

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * Asks the admin whether to send a client certificate to a site of the login test. The first
 * button, also chosen by Escape or closing the dialog, sends none.
 */
async function askForCertificate(contents: WebContents, url: string, certificates: Certificate[]): Promise<Certificate | null> {
  const offered = certificates.slice(0, MAX_OFFERED);
  const options = {
    type: 'question' as const,
    title: 'A certificate is requested',
    message: `${hostOf(url)} asks for a certificate from this computer to sign you in.`,
    detail:
      'Some identity providers sign users in with a smart card or a device certificate. Send one only if you expect this sign-in page to ask for it; otherwise choose not to send any.',
    buttons: ['Do not send a certificate', ...offered.map((certificate) => `Send “${certificate.subjectName}” (issued by ${certificate.issuerName})`)],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const window = BrowserWindow.fromWebContents(contents);
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response > 0 ? (offered[response - 1] ?? null) : null;
}

/**
 * Electron's default answer to a TLS client-certificate request is the first certificate of the
 * list, sent to any site without asking. Here: the wizard's own pages never send one, and a page
 * of the login test (an IdP that may sign users in by certificate) sends one only when the admin
 * chooses it in a dialog.
 */
export function handleClientCertificateRequests(): void {
  app.on('select-client-certificate', (event, contents, url, certificates, callback) => {
    event.preventDefault();
    if (!contents || certificates.length === 0 || isAppUrl(contents.getURL())) return callback();
    askForCertificate(contents, url, certificates).then(
      (chosen) => (chosen ? callback(chosen) : callback()),
      () => callback(),
    );
  });
}
