/**
 * What the login window shows, read through CDP without running any script in the page: for a
 * test that timed out, so the admin learns where it stood (an IdP waiting for a password, an
 * error, a blank page).
 */
import type { CdpClient } from './cdp';

export interface PageDescription {
  /** Scheme, host and path; the query (often a long SAMLRequest) is left out. */
  url: string;
  title: string;
  /** A password field is on the page: the identity provider is waiting for a sign-in. */
  passwordField: boolean;
}

/** The longest a description may take: a hung page must not hold up the end of a test. */
const DESCRIBE_PAGE_MS = 1500;

export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return url.slice(0, 200);
    return `${parsed.origin}${parsed.pathname}${parsed.search || parsed.hash ? '…' : ''}`;
  } catch {
    return url.slice(0, 200);
  }
}

type NodeAnswer = { nodeId?: number } | undefined;

async function read(cdp: CdpClient): Promise<PageDescription | null> {
  const history = (await cdp.send('Page.getNavigationHistory', {})) as { currentIndex: number; entries?: Array<{ url?: string; title?: string }> } | undefined;
  const entry = history?.entries?.[history.currentIndex];
  if (!entry?.url) return null;
  let passwordField = false;
  let title = (entry.title ?? '').trim();
  try {
    const document = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
    const found = (await cdp.send('DOM.querySelector', { nodeId: document.root.nodeId, selector: 'input[type="password" i]' })) as NodeAnswer;
    passwordField = typeof found?.nodeId === 'number' && found.nodeId !== 0;
    if (!title) {
      // The history entry gets its title a little after the page has one.
      const element = (await cdp.send('DOM.querySelector', { nodeId: document.root.nodeId, selector: 'title' })) as NodeAnswer;
      if (element?.nodeId) {
        const html = ((await cdp.send('DOM.getOuterHTML', { nodeId: element.nodeId })) as { outerHTML?: string } | undefined)?.outerHTML ?? '';
        title = html
          .replace(/<[^>]*>/g, '')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .trim();
      }
    }
  } catch {
    // a page between navigations has no document to search
  }
  return { url: shortUrl(entry.url), title: title.replace(/\s+/g, ' ').slice(0, 200), passwordField };
}

/** The page's URL, title and whether a password field waits on it; null when it cannot be read in time. */
export async function describePage(cdp: CdpClient, timeoutMs = DESCRIBE_PAGE_MS): Promise<PageDescription | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([read(cdp).catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The message of a test that timed out, saying what the window showed. */
export function timeoutMessage(seconds: number, page: PageDescription | null, headless: boolean): string {
  let message = `No SAML response arrived within ${seconds} seconds; the test gave up and closed the window.`;
  if (!page) return message;
  const title = page.title ? `"${page.title}"` : 'a page with no title';
  message += ` It was showing ${title} at ${page.url}.`;
  if (page.passwordField) {
    message += headless
      ? ' The identity provider is waiting for a sign-in there: run the test without --headless and sign in in the window.'
      : ' The identity provider was waiting for a sign-in there: sign in within the time allowed, or give the test more time.';
  }
  return message;
}
