/**
 * Records a browser login the two ways a customer's HAR file is made: Playwright's own HAR
 * recording (`recordHar`, bodies as text), and a HAR built from the Chrome DevTools protocol's
 * Network events (what DevTools' "Export HAR" is made of) by the npm package chrome-har, with page
 * bodies fetched through `Network.getResponseBody` and stored base64, as DevTools does for binary
 * content. Real Chromium, real IdP pages.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags } from '../../../electron/services/chromium';

export interface RecordedCapture {
  /** Playwright's recordHar output. */
  playwrightHar: string;
  /** The HAR built from the DevTools protocol's events (chrome-har). */
  devtoolsHar: string;
}

export interface RecordOptions {
  executablePath: string;
  /** --host-resolver-rules (Twilio's hosts to the fake SP). */
  resolverRules: string;
  dir: string;
  name: string;
}

const EVENTS = [
  'Page.frameStartedLoading',
  'Page.frameRequestedNavigation',
  'Page.navigatedWithinDocument',
  'Page.domContentEventFired',
  'Page.loadEventFired',
  'Network.requestWillBeSent',
  'Network.requestWillBeSentExtraInfo',
  'Network.responseReceived',
  'Network.responseReceivedExtraInfo',
  'Network.dataReceived',
  'Network.loadingFinished',
  'Network.loadingFailed',
  'Network.requestServedFromCache',
];

export async function recordLogin(options: RecordOptions, drive: (page: Page) => Promise<void>): Promise<RecordedCapture> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: options.executablePath,
    headless: true,
    args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags(), `--host-resolver-rules=${options.resolverRules}`, '--ignore-certificate-errors'],
  });
  const playwrightHar = join(options.dir, `${options.name}.playwright.har`);
  const devtoolsHar = join(options.dir, `${options.name}.devtools.har`);
  const messages: Array<{ method: string; params: Record<string, unknown> }> = [];
  const responses = new Map<string, { response: Record<string, unknown>; type: string }>();
  const bodies: Array<Promise<void>> = [];
  try {
    const context = await browser.newContext({ recordHar: { path: playwrightHar, content: 'embed' }, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    for (const method of EVENTS) {
      cdp.on(method as never, (params: Record<string, unknown>) => {
        messages.push({ method, params });
        if (method === 'Network.responseReceived') {
          responses.set(params.requestId as string, { response: params.response as Record<string, unknown>, type: String(params.type) });
        } else if (method === 'Network.loadingFinished') {
          const seen = responses.get(params.requestId as string);
          if (seen && seen.type === 'Document') {
            bodies.push(
              cdp
                .send('Network.getResponseBody', { requestId: params.requestId as string })
                .then(({ body, base64Encoded }) => {
                  seen.response.body = base64Encoded ? body : Buffer.from(body, 'utf8').toString('base64');
                  seen.response.encoding = 'base64';
                })
                .catch(() => undefined),
            );
          }
        }
      });
    }
    await cdp.send('Page.enable');
    await cdp.send('Network.enable');
    await drive(page);
    await Promise.all(bodies);
    await context.close();
  } finally {
    await browser.close();
  }
  const { harFromMessages } = await import('chrome-har');
  writeFileSync(devtoolsHar, JSON.stringify(harFromMessages(messages, { includeTextFromResponseBody: true }), null, 2));
  return { playwrightHar, devtoolsHar };
}
