/**
 * The capture's diagnosis, pure half: pairs the messages, decides what each response is judged
 * against (the open customer's values, or the capture's own AuthnRequest / ACS URL / Audience),
 * and finds what only a capture shows: a response posted to the wrong URL, an AuthnRequest answered
 * by an error page or by nothing, a redirect loop between Twilio and the IdP, clocks that disagree.
 * The responses themselves are judged by the same analysis as the login test (Node side).
 */
import type { Finding } from '../findings';
import { spValues, type ModeId, type ModeIds } from '../domain/modes';
import { describeRecognisedSp, normaliseUrl, recogniseTwilioSp } from '../domain/sp-recognition';
import { diagnosePostedTo, diagnosePostedToAddress } from '../saml/posted-to';
import { CLOCK_SKEW_MS } from '../saml/analyze';
import { finding } from '../saml/fixes';
import { groupDigits, type CaptureDigest, type CaptureStep } from './digest';
import { exchangeEntry, pairExchanges, type ReadMessage, type SamlExchange } from './exchanges';
import { captureFinding } from './fixes';

/** What the consultant judges against: the open customer profile, or the CLI's flags. */
export interface CaptureJudgement {
  mode?: ModeId;
  ids?: ModeIds;
  idp?: string;
  idpCertPem?: string;
  idpIssuer?: string;
}

export const JUDGEMENT_SOURCES = ['profile', 'authn-request', 'posted-url', 'destination', 'audience'] as const;
export type JudgementSource = (typeof JUDGEMENT_SOURCES)[number];

export interface JudgedAs {
  from: JudgementSource;
  mode: ModeId;
  ids: ModeIds;
  acsUrl: string;
  entityId: string;
}

/** Options for the analysis of one response (the same as the login test's). */
export interface ResponseAnalysisOptions {
  mode?: ModeId;
  ids?: ModeIds;
  idp?: string;
  idpCertPem?: string;
  idpIssuer?: string;
  /** The moment the response was sent, as the capture dates it (validity windows are judged then). */
  now?: string;
}

export interface PlannedExchange {
  exchange: SamlExchange;
  judgedAs: JudgedAs | null;
  /** The response to analyse, with the options; null when there is no readable response. */
  analysis: { xml: string; options: ResponseAnalysisOptions } | null;
  findings: Finding[];
}

export interface CapturePlan {
  digest: CaptureDigest;
  exchanges: PlannedExchange[];
  findings: Finding[];
  /** Distinct users the responses name (personal data in the file). */
  users: number;
}

const BASIS_WORDS: Record<Exclude<JudgementSource, 'profile'>, string> = {
  'authn-request': 'the AuthnRequest Twilio sent',
  'posted-url': 'the URL the response was posted to',
  destination: "the response's Destination",
  audience: "the response's Audience",
};

function ms(value: string | null | undefined): number | null {
  if (!value) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

function duration(milliseconds: number): string {
  const seconds = Math.round(Math.abs(milliseconds) / 1000);
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${(minutes / 60).toFixed(1)} hours`;
}

function judge(exchange: SamlExchange, judgement: CaptureJudgement): JudgedAs | null {
  if (judgement.mode) {
    try {
      const sp = spValues(judgement.mode, judgement.ids ?? {});
      return { from: 'profile', mode: judgement.mode, ids: judgement.ids ?? {}, acsUrl: sp.acsUrl, entityId: sp.entityId };
    } catch {
      return null;
    }
  }
  const request = exchange.request?.summary;
  const response = exchange.response;
  const candidates: Array<[JudgementSource, string | null | undefined]> = [
    ['authn-request', request?.acsUrl],
    ['authn-request', request?.issuer],
    ['posted-url', response?.message.url],
    ['destination', response?.summary.destination],
    ...(response?.summary.audiences ?? []).map((a): [JudgementSource, string] => ['audience', a]),
  ];
  for (const [from, value] of candidates) {
    if (!value) continue;
    const found = recogniseTwilioSp(value);
    if (!found) continue;
    try {
      const sp = spValues(found.mode, found.ids);
      return { from, mode: found.mode, ids: found.ids, acsUrl: sp.acsUrl, entityId: sp.entityId };
    } catch {
      continue;
    }
  }
  return null;
}

/** A response posted elsewhere than Twilio expects: the login test's diagnosis (shared/saml/posted-to.ts), worded for a capture. */
function wrongUrl(exchange: SamlExchange, judgedAs: JudgedAs | null, idp: string | undefined): Finding | null {
  const response = exchange.response;
  if (!response) return null;
  const wording = { verb: response.message.source === 'form-page' ? ('was about to post' as const) : ('sent' as const) };
  if (judgedAs && (judgedAs.from === 'profile' || judgedAs.from === 'authn-request')) {
    const basis = judgedAs.from === 'profile' ? 'for this customer' : 'in its AuthnRequest';
    return diagnosePostedTo(response.message.url, judgedAs.mode, judgedAs.ids, idp, { ...wording, basis }).finding;
  }
  const asked = exchange.request?.summary.acsUrl;
  return asked ? diagnosePostedToAddress(response.message.url, asked, idp, { ...wording, basis: 'in its AuthnRequest' }).finding : null;
}

/** Steps after an AuthnRequest until the next SAML message: what the IdP answered. */
function answerToRequest(request: ReadMessage, steps: readonly CaptureStep[], nextMessageEntry: number, idp: string | undefined): Finding {
  const after = steps.filter((s) => s.entry >= request.message.entry && s.entry < nextMessageEntry);
  const errorPage = after.find((s) => s.errorPage !== null);
  if (errorPage?.errorPage) {
    return captureFinding(
      'capture-idp-error-page',
      'error',
      `The IdP answered the AuthnRequest with an error page (${errorPage.url}): ${errorPage.errorPage.message}`,
      idp,
    );
  }
  const idpHost = hostOf(request.message.url);
  const failed = after.find(
    (s) => s.status !== null && (s.status >= 400 || s.status === 0) && (hostOf(s.url) === idpHost || s.entry === request.message.entry),
  );
  if (failed) {
    const what = failed.status === 0 ? 'no answer at all (the request failed or was blocked)' : `HTTP ${failed.status}`;
    return captureFinding(
      'capture-idp-error-page',
      'error',
      `The IdP answered the AuthnRequest with ${what} at ${failed.url}, and no SAML response followed. The IdP refused the request: check its sign-in log for this application (an unknown Issuer / Entity ID, or an ACS URL it does not accept, are the usual causes).`,
      idp,
    );
  }
  const last = after[after.length - 1];
  const where =
    last && last.entry !== request.message.entry
      ? ` The last page recorded after it is ${last.url}${last.status !== null ? ` (HTTP ${last.status})` : ''}.`
      : '';
  return captureFinding(
    'capture-no-response',
    'warning',
    `No SAML response answers this AuthnRequest in the capture: the user may not have finished signing in, or the recording stopped too early.${where}`,
    idp,
  );
}

interface ClockReading {
  label: string;
  differenceMs: number;
  detail: string;
}

/** Compares the IdP's clock (IssueInstant, its web server's Date) with the browser's and Twilio's. */
function clockCheck(exchange: SamlExchange, steps: readonly CaptureStep[], idp: string | undefined): Finding | null {
  const response = exchange.response;
  if (!response) return null;
  const issued = ms(response.summary.issueInstant);
  const postHost = hostOf(response.message.url);
  // The page that carried the response: the form page itself, or the last page served before the POST by another host.
  const carrier =
    response.message.source === 'form-page'
      ? steps.find((s) => s.entry === response.message.entry)
      : [...steps].reverse().find((s) => s.entry < response.message.entry && hostOf(s.url) !== postHost && (s.at !== null || s.serverDate !== null));
  const readings: ClockReading[] = [];
  const browserAtCarrier = ms(carrier?.at);
  const idpDate = ms(carrier?.serverDate);
  if (issued !== null && browserAtCarrier !== null) {
    readings.push({
      label: 'the IdP and the browser',
      differenceMs: issued - browserAtCarrier,
      detail: `the response says it was issued at ${new Date(issued).toISOString()} (IssueInstant), while the browser asked for that page at ${new Date(browserAtCarrier).toISOString()}`,
    });
  } else if (idpDate !== null && browserAtCarrier !== null) {
    readings.push({
      label: 'the IdP and the browser',
      differenceMs: idpDate - browserAtCarrier,
      detail: `the IdP's web server dated its page ${new Date(idpDate).toISOString()} (HTTP Date), while the browser asked for it at ${new Date(browserAtCarrier).toISOString()}`,
    });
  }
  const spDate = response.message.source === 'request' ? ms(response.message.serverDate) : null;
  if (issued !== null && spDate !== null) {
    readings.push({
      label: 'the IdP and the service provider it posted to',
      differenceMs: issued - spDate,
      detail: `the response says it was issued at ${new Date(issued).toISOString()}, and the server it was posted to dated its answer ${new Date(spDate).toISOString()} (HTTP Date)`,
    });
  }
  const worst = readings.sort((a, b) => Math.abs(b.differenceMs) - Math.abs(a.differenceMs))[0];
  if (!worst || Math.abs(worst.differenceMs) < 60_000) return null;
  const ahead = worst.differenceMs > 0 ? 'ahead' : 'behind';
  const beyond = Math.abs(worst.differenceMs) > CLOCK_SKEW_MS;
  const consequence = beyond
    ? ` That is more than the few minutes of difference Twilio tolerates: it rejects the response as ${worst.differenceMs > 0 ? 'not yet valid' : 'expired'} ("Invalid SAML Response").`
    : ' That is within what Twilio tolerates, but close to the limit.';
  return captureFinding(
    'capture-clock-difference',
    beyond ? 'error' : 'warning',
    `The clocks of ${worst.label} differ by ${duration(worst.differenceMs)} (the IdP's clock is ${ahead}): ${worst.detail}.${consequence}`,
    idp,
  );
}

/** Three or more round trips to the same ACS within half a minute of each other: a redirect loop. */
function loopCheck(planned: readonly PlannedExchange[], idp: string | undefined): Finding | null {
  const bySp = new Map<string, PlannedExchange[]>();
  for (const p of planned) {
    const response = p.exchange.response;
    if (!response) continue;
    const key = normaliseUrl(response.message.url);
    bySp.set(key, [...(bySp.get(key) ?? []), p]);
  }
  let worst: { url: string; run: PlannedExchange[] } | null = null;
  for (const [url, list] of bySp) {
    let run: PlannedExchange[] = [];
    for (const p of list) {
      const previous = run[run.length - 1];
      const gap = previous ? gapMs(previous, p) : 0;
      run = previous && gap !== null && gap <= 30_000 ? [...run, p] : [p];
      if (run.length >= 3 && (!worst || run.length > worst.run.length)) worst = { url, run };
    }
  }
  if (!worst) return null;
  const { url, run } = worst;
  const restarted = run.slice(1).filter((p) => p.exchange.request !== null).length;
  const first = ms(run[0]!.exchange.response!.message.at);
  const last = ms(run[run.length - 1]!.exchange.response!.message.at);
  const span = first !== null && last !== null ? ` within ${duration(last - first)}` : '';
  const how =
    restarted > 0
      ? `each response posted to ${url} was answered by a new AuthnRequest sent back to the IdP`
      : `the IdP posted a response to ${url} again and again`;
  return captureFinding(
    'capture-redirect-loop',
    'error',
    `The browser went round between Twilio and the IdP ${run.length} times${span}: ${how}. This is the "redirect loop back to the IdP" symptom: Twilio does not accept the responses and starts the login over.`,
    idp,
  );
}

function gapMs(a: PlannedExchange, b: PlannedExchange): number | null {
  const first = ms(a.exchange.response!.message.at);
  const second = ms((b.exchange.request ?? b.exchange.response)!.message.at);
  if (first !== null && second !== null) return second - first;
  // No times (SAML-tracer): round trips with only a few requests between them (the IdP page and
  // its resources) count as following each other at once.
  return exchangeEntry(b.exchange) - a.exchange.response!.message.entry <= 40 ? 0 : null;
}

function analysisTime(response: ReadMessage, digest: CaptureDigest): string | undefined {
  return response.message.at ?? response.message.serverDate ?? digest.exportedAt ?? undefined;
}

export function planCaptureDiagnosis(digest: CaptureDigest, judgement: CaptureJudgement): CapturePlan {
  const idp = judgement.idp;
  const paired = pairExchanges(digest.messages);
  const messageEntries = digest.messages.map((m) => m.entry).sort((a, b) => a - b);
  const planned: PlannedExchange[] = paired.exchanges.map((exchange) => {
    const judgedAs = judge(exchange, judgement);
    const findings: Finding[] = [];
    const wrong = wrongUrl(exchange, judgedAs, idp);
    if (wrong) findings.push(wrong);
    if (exchange.request && !exchange.response) {
      const next = messageEntries.find((entry) => entry > exchange.request!.message.entry) ?? Number.MAX_SAFE_INTEGER;
      findings.push(answerToRequest(exchange.request, digest.steps, next, idp));
    }
    // The response answers the request by construction (paired on InResponseTo); its assertion must say so too.
    const requestId = exchange.request?.summary.id;
    const other = requestId ? exchange.response?.summary.subjectInResponseTo.find((value) => value !== requestId) : undefined;
    if (other) {
      findings.push(
        finding(
          'in-response-to-mismatch',
          'error',
          `The response answers request "${requestId}", but its assertion says it answers "${other}" (SubjectConfirmationData InResponseTo).`,
          { idp },
        ),
      );
    }
    const clock = clockCheck(exchange, digest.steps, idp);
    if (clock) findings.push(clock);
    const response = exchange.response;
    const now = response ? analysisTime(response, digest) : undefined;
    const analysis = response
      ? {
          xml: response.message.xml!,
          options: {
            ...(judgedAs ? { mode: judgedAs.mode, ids: judgedAs.ids } : {}),
            ...(idp ? { idp } : {}),
            ...(judgement.idpCertPem ? { idpCertPem: judgement.idpCertPem } : {}),
            ...(judgement.idpIssuer ? { idpIssuer: judgement.idpIssuer } : {}),
            ...(now ? { now } : {}),
          },
        }
      : null;
    return { exchange, judgedAs, analysis, findings };
  });

  const findings: Finding[] = [];
  const loop = loopCheck(planned, idp);
  if (loop) findings.push(loop);
  const name = digest.format === 'har' ? 'HAR file' : 'SAML-tracer export';
  if (digest.messages.length === 0) {
    findings.push(
      captureFinding(
        'capture-no-saml',
        'error',
        digest.entries === 0
          ? `The ${name} holds no requests: it was saved before the login, or with ${digest.format === 'har' ? 'the Network tab' : "SAML-tracer's list"} empty.`
          : `The ${name} holds ${groupDigits(digest.entries)} request${digest.entries === 1 ? '' : 's'} but no SAML message: it was recorded without the login, or without "Preserve log", so the trip to the IdP and back was dropped.`,
        idp,
      ),
    );
  }
  if (digest.limits.truncated) {
    findings.push(
      captureFinding(
        'capture-truncated',
        'warning',
        `The ${name} ends in the middle (it was cut short): the ${groupDigits(digest.entries)} requests before the cut were read.`,
        idp,
      ),
    );
  }
  if (digest.limits.skippedEntryCount > 0) {
    const biggest = Math.max(...digest.limits.skippedEntries.map((s) => s.chars));
    findings.push(
      captureFinding(
        'capture-entry-too-large',
        'info',
        `${digest.limits.skippedEntryCount} request${digest.limits.skippedEntryCount === 1 ? ' was' : 's were'} too large to read (the largest ${Math.round(biggest / 1_000_000)} MB) and ${digest.limits.skippedEntryCount === 1 ? 'was' : 'were'} skipped.`,
        idp,
      ),
    );
  }
  for (const item of paired.unreadable) {
    findings.push(
      captureFinding('capture-message-unreadable', 'warning', `A ${item.message.param} sent to ${item.message.url} could not be read: ${item.problem}`, idp),
    );
  }
  if (digest.limits.droppedMessages > 0 || digest.limits.droppedSteps > 0) {
    findings.push(
      captureFinding(
        'capture-limits',
        'warning',
        `The capture is larger than the diagnosis reads: ${digest.limits.droppedMessages} SAML message${digest.limits.droppedMessages === 1 ? '' : 's'} and ${digest.limits.droppedSteps} page${digest.limits.droppedSteps === 1 ? '' : 's'} after the first ones were left out.`,
        idp,
      ),
    );
  }
  if (!judgement.mode) {
    const inferred = planned.map((p) => p.judgedAs).filter((j): j is JudgedAs => j !== null);
    const kinds = [...new Map(inferred.map((j) => [`${j.mode}:${Object.values(j.ids)[0]}`, j])).values()];
    if (kinds.length > 0) {
      const list = kinds
        .map(
          (j) =>
            `${describeRecognisedSp({ mode: j.mode, id: (Object.values(j.ids)[0] as string | undefined) ?? '' })} (from ${BASIS_WORDS[j.from as Exclude<JudgementSource, 'profile'>]})`,
        )
        .join('; ');
      findings.push(captureFinding('capture-judged-as', 'info', `No customer profile was given: the responses were judged as ${list}.`, idp));
    }
  }
  const users = new Set(paired.exchanges.flatMap((e) => e.response?.summary.nameIds ?? [])).size;
  return { digest, exchanges: planned, findings, users };
}
