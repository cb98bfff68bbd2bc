/**
 * The pages the test answers with locally, in place of Twilio. They render in the SP's origin,
 * so they carry a strict CSP, no script, and an empty data: favicon (so the browser does not ask
 * the SP host for /favicon.ico).
 */
import { escapeHtml } from '../../../shared/text';

export interface LocalPage {
  status: number;
  headers: Array<{ name: string; value: string }>;
  /** base64, as Fetch.fulfillRequest wants it. */
  body: string;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function page(status: number, title: string, paragraphs: string[]): LocalPage {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f5f6f8; color: #1f2328; }
  main { max-width: 36rem; margin: 12vh auto; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 2rem; }
  h1 { font-size: 1.35rem; margin-top: 0; }
  p { line-height: 1.5; }
</style>
</head>
<body>
<main>
<h1 id="flex-sso-title">${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</main>
</body>
</html>
`;
  return {
    status,
    headers: [
      { name: 'Content-Type', value: 'text/html; charset=utf-8' },
      { name: 'Content-Security-Policy', value: CSP },
      { name: 'Cache-Control', value: 'no-store' },
      { name: 'Referrer-Policy', value: 'no-referrer' },
      { name: 'X-Content-Type-Options', value: 'nosniff' },
    ],
    body: Buffer.from(html, 'utf8').toString('base64'),
  };
}

export const CAPTURED_TITLE = 'SAML response captured';

export function capturedPage(): LocalPage {
  return page(200, CAPTURED_TITLE, [
    'Your identity provider sent its SAML response, and the Flex SSO Wizard kept it on this computer. Nothing went to Twilio, so this test login created no Flex user.',
    'The diagnosis appears in the wizard (or in the terminal). You can close this window.',
  ]);
}

export function duplicatePage(): LocalPage {
  return page(200, 'A second SAML response', [
    'This test had already captured a SAML response, so this one was kept on this computer and not analysed. Nothing went to Twilio.',
    'To test again, start a new login test.',
  ]);
}

export function blockedPage(url: string): LocalPage {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the raw text
  }
  return page(403, 'Stopped before reaching Twilio', [
    `The login test keeps this browser away from ${host}, and nothing was sent there.`,
    'Your identity provider sent the browser to Twilio without a SAML response. Check the Single sign-on URL (ACS URL) configured in the identity provider.',
  ]);
}
