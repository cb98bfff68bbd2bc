/**
 * The diagnosis of a capture: one report per SAML exchange (each response judged by the login
 * test's analysis, plus what only the capture shows), the capture's own findings, and what the
 * file holds that should not have been sent. Exports redact the users' names and attribute values
 * unless the consultant asks for them.
 */
import type { Finding } from '../findings';
import { MODES, type ModeId, type ModeIds } from '../domain/modes';
import type { AnalysisReport } from '../saml/report';
import { groupDigits, type CaptureFormat, type SamlBinding } from './digest';
import type { CapturePlan, JudgementSource } from './diagnose';

export const CAPTURE_VERDICTS = ['ok', 'fail', 'unverified', 'no-response'] as const;
export type CaptureVerdict = (typeof CAPTURE_VERDICTS)[number];
export const EXCHANGE_KINDS = ['sp-initiated', 'idp-initiated', 'request-only'] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

/** ok: Flex would accept it and its signature was checked against the admin's certificate. */
function analysisVerdict(report: AnalysisReport): Exclude<CaptureVerdict, 'no-response'> {
  const given = (report as { verdict?: unknown }).verdict;
  if (given === 'ok' || given === 'fail' || given === 'unverified') return given;
  if (report.findings.some((f) => f.severity === 'error')) return 'fail';
  return report.signature.valid === true && report.signature.certificate === 'given' ? 'ok' : 'unverified';
}

export interface ExchangeMessageFacts {
  id: string | null;
  issuer: string | null;
  /** Where the browser sent it (origin, path and `connection`). */
  sentTo: string;
  binding: SamlBinding;
  /** "request": seen in the request itself; "form-page": only in the page that would have posted it. */
  source: 'request' | 'form-page';
  deflated: boolean;
  relayState: string | null;
  at: string | null;
  issueInstant: string | null;
}

export interface ExchangeReport {
  /** 1-based position on the timeline. */
  index: number;
  kind: ExchangeKind;
  verdict: CaptureVerdict;
  at: string | null;
  request: (ExchangeMessageFacts & { acsUrl: string | null }) | null;
  response: (ExchangeMessageFacts & { inResponseTo: string | null; status: string | null; postedAgain: number }) | null;
  judgedAs: { from: JudgementSource; mode: ModeId; ids: ModeIds; label: string } | null;
  /** What only the capture shows about this exchange. */
  findings: Finding[];
  /** The response judged exactly as the login test judges it; null without a readable response. */
  analysis: AnalysisReport | null;
}

export interface PrivacyNotice {
  kind: 'password' | 'masked-password' | 'cookies' | 'authorization' | 'tokens' | 'personal-data' | 'page-content';
  severity: 'warning' | 'info';
  message: string;
}

export interface CaptureReport {
  kind: 'capture-diagnosis';
  source: { format: CaptureFormat; creator: string | null; entries: number; exportedAt: string | null; fileName: string | null };
  verdict: Exclude<CaptureVerdict, 'no-response'>;
  ok: boolean;
  /** One sentence for the timeline's head. */
  summary: string;
  exchanges: ExchangeReport[];
  findings: Finding[];
  privacy: { notices: PrivacyNotice[] };
  /** True when NameID and attribute values were replaced by "[redacted]". */
  redacted: boolean;
}

const FORMAT_NAME: Record<CaptureFormat, string> = { har: 'HAR file', 'saml-tracer': 'SAML-tracer export' };

function plural(count: number, one: string, many = `${one}s`): string {
  return `${groupDigits(count)} ${count === 1 ? one : many}`;
}

function privacyNotices(plan: CapturePlan): PrivacyNotice[] {
  const p = plan.digest.privacy;
  const file = `This ${FORMAT_NAME[plan.digest.format]}`;
  const out: PrivacyNotice[] = [];
  const typed = p.passwordFields.filter((f) => !f.masked);
  if (typed.length > 0) {
    const where = typed
      .slice(0, 3)
      .map((f) => `the field "${f.field}" sent to ${f.url}`)
      .join('; ');
    out.push({
      kind: 'password',
      severity: 'warning',
      message: `${file} holds a password typed into a form (${where}): delete the file after use, and have that user change the password if the file was e-mailed or stored anywhere shared.`,
    });
  }
  const masked = p.passwordFields.filter((f) => f.masked);
  if (masked.length > 0 && typed.length === 0) {
    out.push({
      kind: 'masked-password',
      severity: 'info',
      message: `${file} has a password field ("${masked[0]!.field}") whose value the exporting tool replaced; the password itself is not in it.`,
    });
  }
  if (p.cookieRequests + p.cookieResponses > 0) {
    out.push({
      kind: 'cookies',
      severity: 'warning',
      message: `${file} holds cookies (${[p.cookieRequests > 0 ? `sent with ${plural(p.cookieRequests, 'request')}` : '', p.cookieResponses > 0 ? `set by ${plural(p.cookieResponses, 'response')}` : ''].filter(Boolean).join(', ')}): they can let whoever holds the file into those sign-in sessions until they expire; delete the file after use.`,
    });
  }
  if (p.authorizationHeaders > 0) {
    const schemes = p.authorizationSchemes.length ? ` (${p.authorizationSchemes.join(', ')})` : '';
    out.push({
      kind: 'authorization',
      severity: 'warning',
      message: `${file} holds Authorization headers${schemes} in ${plural(p.authorizationHeaders, 'request')}: credentials or tokens that may still work; delete the file after use.`,
    });
  }
  if (p.tokensInUrls > 0) {
    out.push({
      kind: 'tokens',
      severity: 'warning',
      message: `${file} holds access or session tokens in ${plural(p.tokensInUrls, 'URL')}; delete the file after use.`,
    });
  }
  if (plan.users > 0) {
    out.push({
      kind: 'personal-data',
      severity: 'info',
      message: `${file} holds personal data: its SAML responses name ${plural(plan.users, 'user')} (NameID and attributes such as e-mail address and name). They are shown here for the diagnosis only, and exports leave them out unless you ask for them.`,
    });
  }
  if (p.responseBodies > 0) {
    out.push({
      kind: 'page-content',
      severity: 'info',
      message: `${file} holds the content of ${plural(p.responseBodies, 'page or response', 'pages and responses')}, which can include personal data.`,
    });
  }
  return out;
}

function messageFacts(read: NonNullable<CapturePlan['exchanges'][number]['exchange']['request']>): ExchangeMessageFacts {
  const { message, summary } = read;
  return {
    id: summary.id,
    issuer: summary.issuer,
    sentTo: message.url,
    binding: message.binding,
    source: message.source,
    deflated: message.deflated,
    relayState: message.relayState,
    at: message.at ?? message.serverDate,
    issueInstant: summary.issueInstant,
  };
}

function worstVerdict(verdicts: ReadonlyArray<Exclude<CaptureVerdict, 'no-response'>>): Exclude<CaptureVerdict, 'no-response'> {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('unverified') || verdicts.length === 0) return verdicts.length === 0 ? 'fail' : 'unverified';
  return 'ok';
}

/** Puts the plan and the analyses (in the plan's order; null where there was none) into the report. */
export function assembleCaptureReport(
  plan: CapturePlan,
  analyses: ReadonlyArray<AnalysisReport | null>,
  options: { redact: boolean; fileName?: string },
): CaptureReport {
  const exchanges: ExchangeReport[] = plan.exchanges.map((planned, i) => {
    const { exchange, judgedAs, findings } = planned;
    const analysis = analyses[i] ?? null;
    const captureErrors = findings.some((f) => f.severity === 'error');
    let verdict: CaptureVerdict;
    if (analysis) verdict = captureErrors ? 'fail' : analysisVerdict(analysis);
    else verdict = captureErrors ? 'fail' : 'no-response';
    const request = exchange.request ? { ...messageFacts(exchange.request), acsUrl: exchange.request.summary.acsUrl } : null;
    const response = exchange.response
      ? {
          ...messageFacts(exchange.response),
          inResponseTo: exchange.response.summary.inResponseTo,
          status: exchange.response.summary.status,
          postedAgain: exchange.repeats,
        }
      : null;
    return {
      index: i + 1,
      kind: exchange.request ? (exchange.response ? 'sp-initiated' : 'request-only') : 'idp-initiated',
      verdict,
      at: request?.at ?? response?.at ?? null,
      request,
      response,
      judgedAs: judgedAs ? { from: judgedAs.from, mode: judgedAs.mode, ids: judgedAs.ids, label: MODES[judgedAs.mode].label } : null,
      findings,
      analysis,
    };
  });
  const captureErrors = plan.findings.some((f) => f.severity === 'error');
  const perExchange = exchanges.map((e) => (e.verdict === 'no-response' ? 'fail' : e.verdict));
  const verdict = captureErrors ? 'fail' : worstVerdict(perExchange);
  const responses = exchanges.filter((e) => e.response !== null).length;
  const counts = (['ok', 'fail', 'unverified'] as const).map((v) => [v, exchanges.filter((e) => e.verdict === v).length] as const).filter(([, n]) => n > 0);
  const words = { ok: 'would log the user in', fail: 'would fail', unverified: 'could not be verified (no IdP certificate)' } as const;
  const summary =
    exchanges.length === 0
      ? 'No SAML exchange was found in the capture.'
      : `${plural(exchanges.length, 'SAML exchange')} (${plural(responses, 'response')}): ${counts.map(([v, n]) => `${n} ${words[v]}`).join(', ') || 'none answered'}.`;
  const report: CaptureReport = {
    kind: 'capture-diagnosis',
    source: {
      format: plan.digest.format,
      creator: plan.digest.creator,
      entries: plan.digest.entries,
      exportedAt: plan.digest.exportedAt,
      fileName: options.fileName ?? null,
    },
    verdict,
    ok: verdict === 'ok',
    summary,
    exchanges,
    findings: plan.findings,
    privacy: { notices: privacyNotices(plan) },
    redacted: false,
  };
  return options.redact ? redactCaptureReport(report) : report;
}

export const REDACTED = '[redacted]';

/**
 * The report with every NameID and attribute value replaced, wherever it appears (facts, the
 * Worker preview, and inside finding messages that quote a value).
 */
export function redactCaptureReport(report: CaptureReport): CaptureReport {
  const secrets = new Set<string>();
  for (const exchange of report.exchanges) {
    const facts = exchange.analysis?.facts;
    if (facts?.nameId) secrets.add(facts.nameId);
    for (const attribute of facts?.attributes ?? []) for (const value of attribute.values) secrets.add(value);
    for (const value of Object.values(exchange.analysis?.worker?.attributes ?? {})) {
      if (typeof value === 'string') secrets.add(value);
      else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') secrets.add(item);
    }
  }
  const needles = [...secrets].filter((s) => s.trim().length >= 3).sort((a, b) => b.length - a.length);
  const scrub = (text: string): string => {
    let out = text;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  };
  const scrubFinding = (f: Finding): Finding => ({ ...f, message: scrub(f.message) });
  return {
    ...report,
    redacted: true,
    findings: report.findings.map(scrubFinding),
    exchanges: report.exchanges.map((exchange) => {
      const analysis = exchange.analysis;
      if (!analysis) return { ...exchange, findings: exchange.findings.map(scrubFinding) };
      const facts = analysis.facts
        ? {
            ...analysis.facts,
            nameId: analysis.facts.nameId === null ? null : REDACTED,
            attributes: analysis.facts.attributes.map((a) => ({ ...a, values: a.values.map(() => REDACTED) })),
          }
        : null;
      const worker = analysis.worker
        ? {
            ...analysis.worker,
            attributes: Object.fromEntries(
              Object.entries(analysis.worker.attributes).map(([name, value]) => [
                name,
                typeof value === 'string' ? REDACTED : Array.isArray(value) ? value.map(() => REDACTED) : value,
              ]),
            ),
          }
        : null;
      return {
        ...exchange,
        findings: exchange.findings.map(scrubFinding),
        analysis: { ...analysis, facts, worker, findings: analysis.findings.map(scrubFinding) },
      };
    }),
  };
}
