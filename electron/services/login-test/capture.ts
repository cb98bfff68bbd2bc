import { performance } from 'node:perf_hooks';
import { recogniseIdpErrorPage, type IdpErrorPageMatch } from '../../../shared/idps/error-pages';
import type { CdpClient, HostPage } from './cdp';
import { hostOfUrl, isTwilioHost, isTwilioUrl, twilioUrlPatterns } from '../../../shared/domain/twilio-hosts';
import { blockedPage, capturedPage, duplicatePage, type LocalPage } from './local-pages';

/** What the capture reports to the login-test session. */
export type CaptureEvent =
  | { kind: 'response'; url: string; body: string; bodyMissing: boolean; pausedAt: number }
  | { kind: 'sp-navigation'; url: string; method: string }
  | { kind: 'http-error'; url: string; status: number; statusText: string }
  | { kind: 'idp-error-page'; url: string; status: number; error: IdpErrorPageMatch }
  | { kind: 'network-error'; url: string; errorText: string };

export interface CaptureRules {
  /** The ACS URL of the mode under test: the one address a real login may go on to. */
  acsUrl: string;
  /**
   * The admin chose to let this login reach Twilio: a response posted to exactly `acsUrl`, and
   * other requests to Twilio, continue to the network. A response posted anywhere else is still
   * answered locally.
   */
  allowRealLogin: boolean;
}

export interface ResponseVerdict {
  /** 'first' is analysed; a 'duplicate' is only answered. */
  verdict: 'first' | 'duplicate';
  /**
   * Hold the local answer until this settles (at most ANSWER_HOLD_MS): Chromium then sits idle
   * while the diagnosis runs instead of rendering a page next to it.
   */
  answerAfter?: Promise<unknown>;
}

export interface CaptureSink {
  /** A SAML response was posted (to Twilio, or anywhere else). */
  onResponse(event: Extract<CaptureEvent, { kind: 'response' }>): ResponseVerdict;
  onProblem(event: Exclude<CaptureEvent, { kind: 'response' }>): void;
}

/** The longest a captured POST waits for the diagnosis before its local page is sent anyway. */
const ANSWER_HOLD_MS = 3000;

export interface RequestPattern {
  urlPattern: string;
  resourceType?: 'Document';
  requestStage: 'Request';
}

/**
 * URL patterns for Fetch.enable: every navigation (a form posting a SAMLResponse can go to any
 * host, in the page, a popup or a frame), and every request of any kind to a Twilio host.
 */
export function captureRequestPatterns(): RequestPattern[] {
  return [
    { urlPattern: '*', resourceType: 'Document', requestStage: 'Request' },
    ...twilioUrlPatterns().map((urlPattern) => ({ urlPattern, requestStage: 'Request' as const })),
  ];
}

interface PausedRequest {
  url: string;
  method: string;
  postData?: string;
  postDataEntries?: Array<{ bytes?: string }>;
  hasPostData?: boolean;
}

// The parameters of the CDP events read here (the fields this file uses; the protocol sends more).
interface RequestPausedEvent {
  requestId: string;
  request: PausedRequest;
  resourceType?: string;
  frameId?: string;
}
interface RequestWillBeSentEvent {
  requestId: string;
  type?: string;
  frameId: string;
  request: { url: string };
}
interface ResponseReceivedEvent {
  requestId: string;
  type?: string;
  frameId?: string;
  response: { url: string; status: number; statusText?: string };
}
interface LoadingFailedEvent {
  requestId: string;
  type?: string;
  canceled?: boolean;
  errorText?: string;
}
interface LoadingFinishedEvent {
  requestId: string;
  encodedDataLength?: number;
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

const quiet = (promise: Promise<unknown>): void => void promise.catch(() => undefined);

/** A form field named SAMLResponse, url-encoded (`SAMLResponse=`) or multipart (`name="SAMLResponse"`), in any letter case. */
export function looksLikeSamlPost(body: string | null): boolean {
  return body !== null && /(^|[&\s"])SAMLResponse(=|"|$)/i.test(body);
}

/** The decoded SAMLResponse is read only this far to tell where it is addressed. */
const MAX_DECODED_RESPONSE = 2_000_000;

/**
 * True when a SAMLResponse POST is a step inside the identity provider's own sign-in chain rather
 * than its answer to Twilio: it goes back to a host this test has already shown (for example AD FS
 * answering Entra ID, which then signs the user in to Twilio), it is not a Twilio host, and the
 * response names neither Twilio nor a Flex entity. Such a POST continues; every other one is
 * captured.
 */
export function isSignInChainHop(url: string, body: string, visitedHosts: ReadonlySet<string>): boolean {
  const host = hostOfUrl(url);
  if (host === null || isTwilioHost(host) || !visitedHosts.has(host)) return false;
  let encoded: string | null;
  try {
    encoded = new URLSearchParams(body).get('SAMLResponse');
  } catch {
    return false;
  }
  if (!encoded) return false;
  const xml = Buffer.from(encoded.slice(0, Math.ceil((MAX_DECODED_RESPONSE * 4) / 3)), 'base64').toString('utf8');
  return !/twilio\.com|urn:flex:/i.test(xml);
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

export interface Interception {
  detach(): Promise<void>;
}

/**
 * Intercepts on `cdp` every navigation and every request to a Twilio host: a page's own session
 * (Electron: one per window, popups included) or Chromium's browser target (every page and popup
 * of that browser, from their first request). A POST carrying a SAMLResponse, to any host, is
 * handed to the sink and answered with a local page (unless it is a hop inside the IdP's own
 * sign-in chain); anything else to Twilio is refused, or continued when the admin allowed a real
 * login; everything else continues. Resolves once interception is in force: only then may
 * anything navigate.
 */
export async function interceptLoginRequests(
  cdp: CdpClient,
  rules: CaptureRules,
  sink: CaptureSink,
  isMainFrame: (frameId: string | undefined) => boolean,
): Promise<Interception> {
  // Hosts of the pages this test has shown (the IdP and the hosts it passed the browser through).
  const visitedHosts = new Set<string>();
  // Captured POSTs whose local answer is being held; answered at the latest on detach, so that a
  // paused request is never left for Chromium to release on its own.
  const held = new Map<string, () => Promise<unknown>>();
  const fulfil = (requestId: string, local: LocalPage): Promise<unknown> =>
    cdp.send('Fetch.fulfillRequest', { requestId, responseCode: local.status, responseHeaders: local.headers, body: local.body }).catch(() => undefined);
  const hold = (requestId: string, until: Promise<unknown> | undefined, answer: () => Promise<unknown>): void => {
    if (!until) {
      void answer();
      return;
    }
    let answered = false;
    const once = (): Promise<unknown> => {
      if (answered) return Promise.resolve();
      answered = true;
      held.delete(requestId);
      return answer();
    };
    held.set(requestId, once);
    const timer = setTimeout(() => void once(), ANSWER_HOLD_MS);
    void until
      .catch(() => undefined)
      .then(() => {
        clearTimeout(timer);
        void once();
      });
  };

  const onPaused = (params: RequestPausedEvent): void => {
    const pausedAt = performance.now();
    const { requestId, request } = params;
    const toTwilio = isTwilioUrl(request.url);
    if (request.method === 'POST') {
      const body = pausedRequestBody(request);
      const samlPost = looksLikeSamlPost(body) || (toTwilio && body === null && request.hasPostData === true);
      if (samlPost && !(body !== null && isSignInChainHop(request.url, body, visitedHosts))) {
        const { verdict, answerAfter } = sink.onResponse({ kind: 'response', url: request.url, body: body ?? '', bodyMissing: body === null, pausedAt });
        if (verdict === 'first' && rules.allowRealLogin && sameUrl(request.url, rules.acsUrl)) quiet(cdp.send('Fetch.continueRequest', { requestId }));
        else if (verdict === 'first') hold(requestId, answerAfter, () => fulfil(requestId, capturedPage()));
        else void fulfil(requestId, duplicatePage());
        return;
      }
    }
    if (!toTwilio) {
      const host = hostOfUrl(request.url);
      if (params.resourceType === 'Document' && host !== null) visitedHosts.add(host);
      quiet(cdp.send('Fetch.continueRequest', { requestId }));
      return;
    }
    if (rules.allowRealLogin) {
      quiet(cdp.send('Fetch.continueRequest', { requestId }));
      return;
    }
    if (params.resourceType === 'Document') {
      void fulfil(requestId, blockedPage(request.url));
      if (isMainFrame(params.frameId)) sink.onProblem({ kind: 'sp-navigation', url: request.url, method: request.method });
      return;
    }
    quiet(cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }));
  };

  cdp.on('Fetch.requestPaused', onPaused);
  try {
    await cdp.send('Fetch.enable', { patterns: captureRequestPatterns() });
  } catch (error) {
    cdp.off('Fetch.requestPaused', onPaused);
    throw error;
  }
  return {
    async detach() {
      cdp.off('Fetch.requestPaused', onPaused);
      await Promise.all([...held.values()].map((answer) => answer()));
      // No Fetch.disable: it would release requests still paused in Chromium to the network. The
      // browser (or window) is closed right after, which ends the interception with it.
    },
  };
}

/** The id of a page's main frame (Chromium: the page's target id). */
export async function mainFrameIdOf(page: HostPage): Promise<string | null> {
  try {
    const tree = (await page.cdp.send('Page.getFrameTree', {})) as { frameTree?: { frame?: { id?: string } } } | undefined;
    return tree?.frameTree?.frame?.id ?? null;
  } catch {
    return null;
  }
}

/** How long an HTTP error page's body is waited for (to name the IdP's code) before it is reported as it is. */
const ERROR_BODY_WAIT_MS = 1500;

/** Pages larger than this are not read for an error code (error pages are small). */
const MAX_BODY_BYTES = 2_000_000;

function isWebUrl(url: string): boolean {
  return url.startsWith('https://') || url.startsWith('http://');
}

/**
 * Watches a page's own top-level navigations for what ends a test early: an IdP error page (an
 * HTTP error status, or an error the IdP shows with HTTP 200, recognised from the page's HTML as
 * the IdP served it: no script runs in the page), or a network failure reaching the IdP.
 * Requests to Twilio are the interception's job.
 */
export async function watchNavigations(page: HostPage, mainFrameId: string | null, sink: CaptureSink): Promise<Interception> {
  const { cdp } = page;
  const documents = new Map<string, { url: string; frameId: string }>();
  /** Main-frame IdP documents whose response arrived and whose body is still loading. */
  const responses = new Map<string, { url: string; status: number; statusText: string; fallback?: ReturnType<typeof setTimeout> }>();
  let detached = false;

  const httpError = (response: { url: string; status: number; statusText: string }): void => {
    if (!detached) sink.onProblem({ kind: 'http-error', url: response.url, status: response.status, statusText: response.statusText });
  };
  const settle = (requestId: string): { url: string; status: number; statusText: string } | undefined => {
    const response = responses.get(requestId);
    responses.delete(requestId);
    if (response?.fallback) clearTimeout(response.fallback);
    return response;
  };

  const onRequest = (params: RequestWillBeSentEvent): void => {
    if (params.type === 'Document') documents.set(params.requestId, { url: params.request.url, frameId: params.frameId });
  };
  const onResponse = (params: ResponseReceivedEvent): void => {
    if (params.type !== 'Document' || params.frameId !== mainFrameId) return;
    const { url, status, statusText } = params.response;
    if (isTwilioUrl(url) || !isWebUrl(url)) return;
    const response = { url, status, statusText: statusText ?? '' };
    // An error status is reported once its body has been read for a code, or after a short wait.
    responses.set(
      params.requestId,
      status >= 400
        ? {
            ...response,
            fallback: setTimeout(() => {
              if (settle(params.requestId)) httpError(response);
            }, ERROR_BODY_WAIT_MS),
          }
        : response,
    );
  };
  const onFailed = (params: LoadingFailedEvent): void => {
    const doc = documents.get(params.requestId);
    documents.delete(params.requestId);
    const response = settle(params.requestId);
    if (response && response.status >= 400) {
      httpError(response);
      return;
    }
    if (!doc || doc.frameId !== mainFrameId || params.type !== 'Document') return;
    if (params.canceled || params.errorText === 'net::ERR_ABORTED' || params.errorText === 'net::ERR_BLOCKED_BY_CLIENT') return;
    if (isTwilioUrl(doc.url)) return;
    sink.onProblem({ kind: 'network-error', url: doc.url, errorText: params.errorText ?? 'unknown network error' });
  };
  const onFinished = (params: LoadingFinishedEvent): void => {
    documents.delete(params.requestId);
    const response = responses.get(params.requestId);
    if (!response) return;
    const tooBig = typeof params.encodedDataLength === 'number' && params.encodedDataLength > MAX_BODY_BYTES;
    const read: Promise<string | null> = tooBig
      ? Promise.resolve(null)
      : cdp.send('Network.getResponseBody', { requestId: params.requestId }).then(
          (answer: { body?: string; base64Encoded?: boolean } | undefined) =>
            typeof answer?.body === 'string' ? (answer.base64Encoded ? Buffer.from(answer.body, 'base64').toString('utf8') : answer.body) : null,
          () => null,
        );
    void read.then((body) => {
      if (detached || !responses.has(params.requestId)) return;
      settle(params.requestId);
      const error = body === null ? null : recogniseIdpErrorPage(body);
      if (error) sink.onProblem({ kind: 'idp-error-page', url: response.url, status: response.status, error });
      else if (response.status >= 400) httpError(response);
    });
  };

  cdp.on('Network.requestWillBeSent', onRequest);
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFailed', onFailed);
  cdp.on('Network.loadingFinished', onFinished);
  await cdp.send('Network.enable', {});
  return {
    async detach() {
      detached = true;
      for (const id of [...responses.keys()]) settle(id);
      cdp.off('Network.requestWillBeSent', onRequest);
      cdp.off('Network.responseReceived', onResponse);
      cdp.off('Network.loadingFailed', onFailed);
      cdp.off('Network.loadingFinished', onFinished);
      await cdp.send('Network.disable', {}).catch(() => undefined);
    },
  };
}
