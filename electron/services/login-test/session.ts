import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AnalysisReport, AnalyzeOptions } from '../analysis';
import { MODES, spValues, type ModeDefinition, type ModeId, type ModeIds } from '../../../shared/domain/modes';
import type { IdpId } from '../../../shared/idps';
import { describeIdpErrorPage, type IdpErrorPageMatch } from '../../../shared/idps/error-pages';
import { buildAuthnRequest } from './authn-request';
import { browserStartProblem } from './browser-start';
import { diagnosePostedTo, withPostedToFinding, type PostedToDiagnosis } from '../../../shared/saml/posted-to';
import { interceptLoginRequests, mainFrameIdOf, watchNavigations, type CaptureEvent, type Interception, type ResponseVerdict } from './capture';
import { describePage, shortUrl, timeoutMessage, type PageDescription } from './page-description';
import type { BrowserHost, HostPage, HostSession } from './cdp';

export interface LoginTestOptions {
  mode: ModeId;
  ids: ModeIds;
  idp?: IdpId;
  /** SP-initiated: the IdP's SSO URL; an AuthnRequest is built and sent there. */
  idpSsoUrl?: string;
  /** IdP-initiated: the launch URL the admin gives (Okta embed link, Entra "Test" / My Apps, …). */
  idpInitUrl?: string;
  /** RelayState to send with an SP-initiated request. */
  relayState?: string;
  /** The certificate configured in Twilio (PEM); without it the signature cannot be judged. */
  idpCertPem?: string;
  /** The Identity Provider Issuer configured in Twilio. */
  idpIssuer?: string;
  /** How long to wait for the login before giving up. */
  timeoutMs: number;
  /**
   * Off unless the admin chooses it: the captured response is also sent on to Twilio, which
   * creates (and bills) a Flex user for whoever logged in.
   */
  allowRealLogin?: boolean;
  /** The clock the analysis judges validity windows by (tests). */
  now?: Date;
}

export type { LoginTestPhase } from '../../../shared/api';
import type { LoginTestPhase } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';

/** Why a test ended without a diagnosis; stable ids for the UI and the tests. */
export type LoginTestEndReason =
  | 'cancelled'
  | 'window-closed'
  | 'timeout'
  | 'idp-http-error'
  | 'idp-error-page'
  | 'idp-unreachable'
  | 'sent-to-sp-without-response'
  | 'page-crashed'
  | 'browser-failed'
  | 'request-failed'
  | 'analysis-failed';

export interface LoginTestState {
  /** Identifies the test (for a poll API). */
  id: string;
  phase: LoginTestPhase;
  /** One plain sentence for the admin. */
  message: string;
  reason?: LoginTestEndReason;
  /** Whether the test was SP-initiated (AuthnRequest built here) or IdP-initiated. */
  flow: 'sp-initiated' | 'idp-initiated';
  /** The ID of the AuthnRequest sent (SP-initiated); the response's InResponseTo must match it. */
  requestId?: string;
  /** The URL the IdP posted the response to. */
  postedTo?: string;
  /**
   * How that URL compares with the mode's ACS URL ('expected', or where else it went); anything
   * but 'expected' also adds an `acs-url-mismatch` finding to the report.
   */
  postedToKind?: PostedToDiagnosis['kind'];
  /** What the window showed when the test timed out (reason 'timeout'). */
  lastPage?: PageDescription;
  relayState?: string;
  /** The IdP's error page that ended the test (reason 'idp-error-page'): its code, meaning and fix. */
  idpError?: IdpErrorPageMatch & { url: string };
  report?: AnalysisReport;
  /** From the moment the POST was paused to the finished diagnosis. */
  captureToDiagnosisMs?: number;
  /** SAML responses that arrived after the first one (answered locally, not analysed). */
  extraResponses: number;
  /** True when the response was also let through to Twilio (allowRealLogin). */
  sentToTwilio: boolean;
  startedAt: string;
  endedAt?: string;
}

export interface LoginTestSession {
  readonly id: string;
  /** A snapshot of where the test is; cheap, for polling. */
  state(): LoginTestState;
  /** Ends the test (closing the window) unless it has ended already; resolves to the final state. */
  cancel(): Promise<LoginTestState>;
  /** Settles once the test has ended and the browser and its profile are gone. Never rejects. */
  readonly done: Promise<LoginTestState>;
}

export type Analyze = (input: string, options: AnalyzeOptions) => Promise<AnalysisReport>;

export interface LoginTestDependencies {
  /** The analysis; loaded lazily from ../analysis by default. */
  analyze?: Analyze;
}

import { LoginTestOptionsError } from '../errors';

export { LoginTestOptionsError };

const TERMINAL: ReadonlySet<LoginTestPhase> = new Set(['done', 'failed', 'cancelled', 'timed-out']);

export function isTerminalPhase(phase: LoginTestPhase): boolean {
  return TERMINAL.has(phase);
}

let analysisModule: Promise<{ analyzeSamlResponse: Analyze }> | null = null;
/** Loads the analysis (and node-saml behind it) once; started when a test starts, not at capture. */
function loadAnalysis(): Promise<{ analyzeSamlResponse: Analyze }> {
  analysisModule ??= import('../analysis').catch((error: unknown) => {
    analysisModule = null;
    throw error;
  });
  return analysisModule;
}

const defaultAnalyze: Analyze = async (input, options) => (await loadAnalysis()).analyzeSamlResponse(input, options);

function checkHttpUrl(value: string, label: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LoginTestOptionsError(`${label} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LoginTestOptionsError(`${label} must start with https:// (or http:// for a local test IdP), not ${url.protocol}`);
  }
  return url.href;
}

export interface CheckedLoginTest {
  acsUrl: string;
  entityId: string;
  flow: LoginTestState['flow'];
  startUrl: string;
}

/** Checks the options and works out the SP values; throws LoginTestOptionsError or DomainInputError. */
export function checkLoginTestOptions(options: LoginTestOptions): CheckedLoginTest {
  const { acsUrl, entityId } = spValues(options.mode, options.ids);
  const hasSso = typeof options.idpSsoUrl === 'string' && options.idpSsoUrl.trim() !== '';
  const hasInit = typeof options.idpInitUrl === 'string' && options.idpInitUrl.trim() !== '';
  if (hasSso === hasInit) {
    throw new LoginTestOptionsError('give either the IdP SSO URL (SP-initiated test) or the IdP launch URL (IdP-initiated test), not both or neither');
  }
  if (!(typeof options.timeoutMs === 'number' && Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    throw new LoginTestOptionsError('the timeout must be a positive number of milliseconds');
  }
  if (options.allowRealLogin !== undefined && typeof options.allowRealLogin !== 'boolean') {
    throw new LoginTestOptionsError('allowRealLogin must be true or false');
  }
  const startUrl = hasSso ? checkHttpUrl(options.idpSsoUrl!.trim(), 'the IdP SSO URL') : checkHttpUrl(options.idpInitUrl!.trim(), 'the IdP launch URL');
  return { acsUrl, entityId, flow: hasSso ? 'sp-initiated' : 'idp-initiated', startUrl };
}

function relayStateOf(body: string): string | undefined {
  try {
    const value = new URLSearchParams(body).get('RelayState');
    return value === null || value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

function describeError(error: unknown): string {
  const text = errorMessage(error);
  return text.split('\n')[0]!.replace(/\s+/g, ' ').slice(0, 300);
}

/** The login test's last word on a response posted to the wrong place. */
const KEPT_HERE = 'The test kept the response on this computer, so nothing reached that address.';

/** What letting the response through to Twilio does, after "sent on to Twilio, ". */
function realLoginEffect(mode: ModeId): string {
  return MODES[mode].product === 'flex' ? 'which creates a billed Flex user' : 'which signs the user in to Frontline for real';
}

function summarise(report: AnalysisReport, product: ModeDefinition['productName']): string {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  if (report.verdict === 'unverified') {
    return 'Response captured and checked: nothing else is wrong, but it is NOT VERIFIED: without the IdP certificate the signature could not be checked.';
  }
  if (report.ok) {
    return warnings > 0
      ? `Response captured and checked: ${product} would accept it, with ${warnings} warning${warnings === 1 ? '' : 's'} worth a look.`
      : `Response captured and checked: ${product} would accept it.`;
  }
  return `Response captured and checked: ${errors} problem${errors === 1 ? '' : 's'} would stop this login at Twilio.`;
}

/**
 * Starts a login test in a browser opened by `host`: SP-initiated (an AuthnRequest built here) or
 * IdP-initiated (the launch URL). The SAML response the IdP posts to Twilio is captured before it
 * leaves the machine and analysed. Throws only for bad options; everything after that ends in a
 * state (done, failed, cancelled, timed-out) and `done` never rejects.
 */
export function startLoginTest(host: BrowserHost, options: LoginTestOptions, dependencies: LoginTestDependencies = {}): LoginTestSession {
  const checked = checkLoginTestOptions(options);
  const analyze = dependencies.analyze ?? defaultAnalyze;
  if (!dependencies.analyze) void loadAnalysis().catch(() => undefined);
  const allowRealLogin = options.allowRealLogin === true;
  const id = randomUUID();

  let state: LoginTestState = {
    id,
    phase: 'starting',
    message: 'Opening the browser…',
    flow: checked.flow,
    extraResponses: 0,
    sentToTwilio: false,
    startedAt: new Date().toISOString(),
  };
  let hostSession: HostSession | null = null;
  let opening: Promise<HostSession> | null = null;
  const captures: Interception[] = [];
  const watchers: Interception[] = [];
  let captured = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let resolveDone!: (final: LoginTestState) => void;
  const done = new Promise<LoginTestState>((resolve) => (resolveDone = resolve));

  const update = (patch: Partial<LoginTestState>): void => {
    state = { ...state, ...patch };
  };
  const ended = (): boolean => isTerminalPhase(state.phase);

  let closing: Promise<void> | null = null;
  const cleanUp = (): Promise<void> => {
    closing ??= (async () => {
      if (timer) clearTimeout(timer);
      await Promise.all([...captures, ...watchers.splice(0)].map((c) => c.detach().catch(() => undefined)));
      // A browser still starting is waited for, then closed, so `done` means "all gone".
      const opened = hostSession ?? (opening ? await opening.catch(() => null) : null);
      if (opened) await opened.close().catch(() => undefined);
    })();
    return closing;
  };

  const finish = (phase: 'done' | 'failed' | 'cancelled' | 'timed-out', patch: Partial<LoginTestState>): void => {
    if (ended()) return;
    update({ ...patch, phase, endedAt: new Date().toISOString() });
    const final = state;
    void cleanUp().then(() => resolveDone(final));
  };
  const fail = (reason: LoginTestEndReason, message: string): void => finish('failed', { reason, message });

  const onResponse = (event: Extract<CaptureEvent, { kind: 'response' }>): ResponseVerdict => {
    if (captured || ended()) {
      update({ extraResponses: state.extraResponses + 1 });
      return { verdict: 'duplicate' };
    }
    captured = true;
    if (timer) clearTimeout(timer);
    // Nothing else on the page matters now; stop its events competing with the diagnosis.
    for (const watcher of watchers.splice(0)) void watcher.detach();
    const relayState = relayStateOf(event.body);
    const place = diagnosePostedTo(event.url, options.mode, options.ids, options.idp, { outcome: KEPT_HERE });
    const sentToTwilio = allowRealLogin && place.kind === 'expected';
    update({ phase: 'captured', message: 'Response captured; checking it…', postedTo: event.url, postedToKind: place.kind, relayState, sentToTwilio });
    if (event.bodyMissing) {
      fail(
        'request-failed',
        'The identity provider posted to Twilio, but the browser did not hand over the body of that request, so there is nothing to check.',
      );
      return { verdict: 'first' };
    }
    update({ phase: 'analysing' });
    const analyseOptions: AnalyzeOptions = {
      mode: options.mode,
      ids: options.ids,
      ...(options.idp ? { idp: options.idp } : {}),
      ...(options.idpCertPem ? { idpCertPem: options.idpCertPem } : {}),
      ...(options.idpIssuer ? { idpIssuer: options.idpIssuer } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(state.requestId ? { expectedInResponseTo: state.requestId } : {}),
    };
    const diagnosis = analyze(event.body, analyseOptions).then((report) => (place.finding ? withPostedToFinding(report, place.finding) : report));
    void diagnosis.then(
      (report) => {
        const captureToDiagnosisMs = Math.round((performance.now() - event.pausedAt) * 100) / 100;
        let message = summarise(report, MODES[options.mode].productName);
        if (place.kind !== 'expected')
          message += ` The identity provider sent it to ${event.url}, not to Twilio's ACS URL for this setup; it was kept on this computer.`;
        if (state.extraResponses > 0) message += ' A second response arrived in the same test; only the first was checked.';
        if (sentToTwilio) message += ` As you chose, the response also went on to Twilio, ${realLoginEffect(options.mode)}.`;
        finish('done', { report, captureToDiagnosisMs, message });
      },
      (error: unknown) => fail('analysis-failed', `The response was captured but could not be analysed: ${describeError(error)}`),
    );
    return { verdict: 'first', answerAfter: diagnosis };
  };

  const onProblem = (event: Exclude<CaptureEvent, { kind: 'response' }>): void => {
    if (captured || ended()) return;
    switch (event.kind) {
      case 'http-error':
        fail(
          'idp-http-error',
          `The identity provider answered with an error page (HTTP ${event.status}${event.statusText ? ` ${event.statusText}` : ''}) at ${event.url}. Read the page in the login window, or the IdP's sign-in logs, for its reason.`,
        );
        return;
      case 'idp-error-page':
        finish('failed', { reason: 'idp-error-page', message: describeIdpErrorPage(event.error), idpError: { ...event.error, url: event.url } });
        return;
      case 'network-error':
        fail(
          'idp-unreachable',
          `The browser could not reach ${shortUrl(event.url)} (${event.errorText}). Check the URL and that this computer can reach the identity provider.`,
        );
        return;
      case 'sp-navigation':
        fail(
          'sent-to-sp-without-response',
          `The identity provider sent the browser to ${event.url} without a SAML response. The test stopped it there, so nothing reached Twilio. Check the Single sign-on URL (ACS URL) set in the identity provider.`,
        );
        return;
    }
  };

  const sink = { onResponse, onProblem };
  const rules = { acsUrl: checked.acsUrl, allowRealLogin };

  const run = async (): Promise<void> => {
    let target = checked.startUrl;
    if (checked.flow === 'sp-initiated') {
      const built = await buildAuthnRequest({
        idpSsoUrl: checked.startUrl,
        acsUrl: checked.acsUrl,
        entityId: checked.entityId,
        ...(options.relayState ? { relayState: options.relayState } : {}),
      });
      target = built.url;
      update({ requestId: built.requestId });
    }
    if (ended()) return;
    try {
      opening = host.open(
        { allowRealLogin },
        {
          onPopup: async (page: HostPage) => {
            // With the browser target intercepting, popups are covered from their first request.
            if (ended() || hostSession?.browserCdp) return;
            captures.push(await interceptLoginRequests(page.cdp, rules, sink, () => false));
          },
          onPageClosed: (page: HostPage, reason) => {
            if (reason === 'crashed') {
              if (!captured) fail('page-crashed', 'The login page crashed before the identity provider sent a response.');
              return;
            }
            if (!page.isPopup && !captured)
              finish('cancelled', { reason: 'window-closed', message: 'The login window was closed before the identity provider sent a response.' });
          },
        },
      );
      hostSession = await opening;
    } catch (error) {
      fail('browser-failed', browserStartProblem(error));
      return;
    }
    if (ended()) {
      // Ended while the browser was starting: cleanUp may have run before it existed.
      await hostSession.close().catch(() => undefined);
      return;
    }
    const main = hostSession.main;
    const mainFrameId = await mainFrameIdOf(main);
    const isMainFrame = (frameId: string | undefined): boolean => frameId !== undefined && frameId === mainFrameId;
    // Interception must be in force before anything navigates.
    captures.push(await interceptLoginRequests(hostSession.browserCdp ?? main.cdp, rules, sink, isMainFrame));
    watchers.push(await watchNavigations(main, mainFrameId, sink));
    if (ended()) return;
    update({
      phase: 'waiting-for-login',
      message: allowRealLogin
        ? `Log in with a test user in the window. The response will be checked and then sent on to Twilio, ${realLoginEffect(options.mode)}.`
        : 'Log in with a test user in the window. The response will be checked on this computer and not sent to Twilio.',
    });
    const navigation = (await hostSession.main.cdp.send('Page.navigate', { url: target })) as { errorText?: string } | undefined;
    if (navigation?.errorText && !captured) {
      fail(
        'idp-unreachable',
        `The browser could not open ${shortUrl(checked.startUrl)} (${navigation.errorText}). Check the URL and that this computer can reach the identity provider.`,
      );
    }
  };

  timer = setTimeout(() => {
    if (captured || ended()) return;
    const seconds = Math.round(options.timeoutMs / 1000);
    const looking = hostSession ? describePage(hostSession.main.cdp) : Promise.resolve(null);
    void looking.then((page) => {
      if (captured) return;
      finish('timed-out', { reason: 'timeout', message: timeoutMessage(seconds, page, host.headless === true), ...(page ? { lastPage: page } : {}) });
    });
  }, options.timeoutMs);

  void run().catch(() => {
    if (!ended())
      fail(
        hostSession ? 'browser-failed' : 'request-failed',
        hostSession
          ? 'The login test stopped: the test window stopped answering. Close it if it is still open, and start the test again.'
          : 'The login test stopped before the sign-in page opened: the sign-in request could not be made. Check the single sign-on URL and start the test again.',
      );
  });

  return {
    id,
    state: () => state,
    cancel: async () => {
      finish('cancelled', { reason: 'cancelled', message: 'The login test was cancelled.' });
      return done;
    },
    done,
  };
}
