import { performance } from 'node:perf_hooks';
import type { HostPage } from './cdp';
import { blockedPage, capturedPage, duplicatePage, type LocalPage } from './local-pages';

/** What the capture reports to the login-test session. */
export type CaptureEvent =
  | { kind: 'response'; page: HostPage; url: string; body: string; bodyMissing: boolean; pausedAt: number }
  | { kind: 'sp-navigation'; page: HostPage; url: string; method: string }
  | { kind: 'http-error'; page: HostPage; url: string; status: number; statusText: string }
  | { kind: 'network-error'; page: HostPage; url: string; errorText: string };

export interface CaptureRules {
  /** Every host of the SP (the ACS URL's host); the capture intercepts all requests to them. */
  spHosts: string[];
  /** Let captured responses (and anything else to the SP) continue to the network. */
  allowSpNetwork: boolean;
}

export interface CaptureSink {
  /** A SAML response was posted; 'first' is analysed, 'duplicate' only answered. */
  onResponse(event: Extract<CaptureEvent, { kind: 'response' }>): 'first' | 'duplicate';
  onProblem(event: Exclude<CaptureEvent, { kind: 'response' }>): void;
}

export interface AttachedCapture {
  detach(): Promise<void>;
}

/** URL patterns for Fetch.enable: every path and port on each SP host, request stage. */
export function spRequestPatterns(spHosts: readonly string[]): Array<{ urlPattern: string; requestStage: 'Request' }> {
  return spHosts.flatMap((host) => [
    { urlPattern: `*://${host}/*`, requestStage: 'Request' as const },
    { urlPattern: `*://${host}:*`, requestStage: 'Request' as const },
  ]);
}

export function isSpUrl(url: string, spHosts: readonly string[]): boolean {
  try {
    return spHosts.includes(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

interface PausedRequest {
  url: string;
  method: string;
  postData?: string;
  postDataEntries?: Array<{ bytes?: string }>;
  hasPostData?: boolean;
}

/**
 * The POST body as Chromium hands it over inside Fetch.requestPaused. Never ask
 * Network.getRequestPostData from here: for a paused request it never answers.
 */
export function pausedRequestBody(request: PausedRequest): string | null {
  if (Array.isArray(request.postDataEntries) && request.postDataEntries.length > 0) {
    return Buffer.concat(request.postDataEntries.map((entry) => Buffer.from(entry.bytes ?? '', 'base64'))).toString('utf8');
  }
  if (typeof request.postData === 'string') return request.postData;
  return null;
}

function looksLikeSamlPost(body: string | null): boolean {
  return body !== null && /(^|[&\s"])SAMLResponse=?/.test(body);
}

/**
 * Attaches the capture to one page: every request to an SP host is paused before it leaves the
 * browser; a POST carrying a SAMLResponse is handed to the sink and answered with a local page;
 * everything else to the SP is refused (or, when the admin allowed a real login, continued).
 * It also watches the page's own navigations for HTTP errors and network failures.
 */
export async function attachCapture(page: HostPage, rules: CaptureRules, sink: CaptureSink): Promise<AttachedCapture> {
  const { cdp } = page;
  const spHosts = rules.spHosts.map((h) => h.toLowerCase());
  let mainFrameId: string | null = null;
  const documents = new Map<string, { url: string; frameId: string }>();
  const quiet = (promise: Promise<unknown>): void => void promise.catch(() => undefined);

  const fulfil = (requestId: string, local: LocalPage): void =>
    quiet(cdp.send('Fetch.fulfillRequest', { requestId, responseCode: local.status, responseHeaders: local.headers, body: local.body }));

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const onPaused = (params: any): void => {
    const pausedAt = performance.now();
    const requestId: string = params.requestId;
    const request: PausedRequest = params.request;
    if (!isSpUrl(request.url, spHosts)) {
      quiet(cdp.send('Fetch.continueRequest', { requestId }));
      return;
    }
    if (request.method === 'POST') {
      const body = pausedRequestBody(request);
      if (looksLikeSamlPost(body) || (body === null && request.hasPostData === true)) {
        const verdict = sink.onResponse({ kind: 'response', page, url: request.url, body: body ?? '', bodyMissing: body === null, pausedAt });
        if (rules.allowSpNetwork && verdict === 'first') quiet(cdp.send('Fetch.continueRequest', { requestId }));
        else fulfil(requestId, verdict === 'first' ? capturedPage() : duplicatePage());
        return;
      }
    }
    if (rules.allowSpNetwork) {
      quiet(cdp.send('Fetch.continueRequest', { requestId }));
      return;
    }
    if (params.resourceType === 'Document') {
      fulfil(requestId, blockedPage(request.url));
      if (params.frameId === mainFrameId) sink.onProblem({ kind: 'sp-navigation', page, url: request.url, method: request.method });
      return;
    }
    quiet(cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }));
  };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const onRequest = (params: any): void => {
    if (params.type === 'Document') documents.set(params.requestId, { url: params.request.url, frameId: params.frameId });
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const onResponse = (params: any): void => {
    if (params.type !== 'Document' || params.frameId !== mainFrameId) return;
    const { url, status, statusText } = params.response as { url: string; status: number; statusText: string };
    if (status >= 400 && !isSpUrl(url, spHosts)) sink.onProblem({ kind: 'http-error', page, url, status, statusText: statusText ?? '' });
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const onFailed = (params: any): void => {
    const doc = documents.get(params.requestId);
    documents.delete(params.requestId);
    if (!doc || doc.frameId !== mainFrameId || params.type !== 'Document') return;
    if (params.canceled || params.errorText === 'net::ERR_ABORTED' || params.errorText === 'net::ERR_BLOCKED_BY_CLIENT') return;
    if (isSpUrl(doc.url, spHosts)) return;
    sink.onProblem({ kind: 'network-error', page, url: doc.url, errorText: params.errorText ?? 'unknown network error' });
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const onFinished = (params: any): void => void documents.delete(params.requestId);

  cdp.on('Fetch.requestPaused', onPaused);
  cdp.on('Network.requestWillBeSent', onRequest);
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFailed', onFailed);
  cdp.on('Network.loadingFinished', onFinished);

  // Interception must be in force before the page navigates anywhere.
  await cdp.send('Fetch.enable', { patterns: spRequestPatterns(spHosts) });
  await cdp.send('Network.enable', {});
  try {
    const tree = await cdp.send('Page.getFrameTree', {});
    mainFrameId = tree?.frameTree?.frame?.id ?? null;
  } catch {
    mainFrameId = null;
  }

  return {
    async detach() {
      cdp.off('Fetch.requestPaused', onPaused);
      cdp.off('Network.requestWillBeSent', onRequest);
      cdp.off('Network.responseReceived', onResponse);
      cdp.off('Network.loadingFailed', onFailed);
      cdp.off('Network.loadingFinished', onFinished);
      await cdp.send('Fetch.disable', {}).catch(() => undefined);
    },
  };
}
