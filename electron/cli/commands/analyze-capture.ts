/**
 * `flex-sso analyze --har FILE` / `--saml-tracer FILE`: every SAML exchange in a browser capture,
 * judged like a login test; JSON with one report per exchange. The file is streamed (bounded
 * memory) and what it holds that should not have been sent is said, never shown.
 */
import type { CaptureJudgement } from '../../../shared/capture/diagnose';
import type { CaptureReport, ExchangeReport } from '../../../shared/capture/report';
import { CliUsageError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../errors';
import { findingLines, printJson, printProblem, printText, printUnreadable } from '../output';

const NO_SAML = 'The capture holds no SAML message.';

const VERDICT_WORDS: Record<ExchangeReport['verdict'], string> = {
  ok: 'would log the user in',
  fail: 'would fail',
  unverified: 'not verified (give --idp-cert)',
  'no-response': 'no response',
};

function describeExchange(exchange: ExchangeReport): string[] {
  const lines: string[] = [];
  const when = exchange.at ? `${exchange.at} ` : '';
  const what =
    exchange.kind === 'idp-initiated'
      ? 'IdP-initiated response'
      : exchange.kind === 'request-only'
        ? 'AuthnRequest without a response'
        : 'AuthnRequest and response';
  lines.push(`${exchange.index}. ${when}${what}: ${VERDICT_WORDS[exchange.verdict]}`);
  if (exchange.request)
    lines.push(
      `   request ${exchange.request.id ?? '-'} from ${exchange.request.issuer ?? '-'} to ${exchange.request.sentTo} (${exchange.request.binding}${exchange.request.deflated ? ', deflated' : ''})`,
    );
  if (exchange.response) {
    lines.push(
      `   response ${exchange.response.id ?? '-'} from ${exchange.response.issuer ?? '-'} posted to ${exchange.response.sentTo}${exchange.response.relayState ? `, RelayState ${exchange.response.relayState}` : ''}`,
    );
  }
  if (exchange.judgedAs)
    lines.push(`   judged as ${exchange.judgedAs.label} ${Object.values(exchange.judgedAs.ids)[0] ?? ''} (from ${exchange.judgedAs.from})`);
  for (const finding of [...exchange.findings, ...(exchange.analysis?.findings ?? [])]) {
    lines.push(...findingLines(finding, '   '));
  }
  return lines;
}

function privacyLines(report: CaptureReport): string[] {
  return ['What this file holds that should not have been sent:', ...report.privacy.notices.map((notice) => `  - ${notice.message}`)];
}

function summarize(report: CaptureReport): string {
  const lines: string[] = [];
  if (report.privacy.notices.length > 0) lines.push(...privacyLines(report), '');
  lines.push(report.summary);
  for (const finding of report.findings) lines.push(...findingLines(finding));
  for (const exchange of report.exchanges) lines.push('', ...describeExchange(exchange));
  if (report.redacted) lines.push('', 'User names and attribute values are redacted; add --show-personal-data to include them.');
  return lines.join('\n');
}

export interface CaptureCommandInput {
  file: string;
  judgement: CaptureJudgement;
  format: string;
  showPersonalData: boolean;
}

export async function runCaptureAnalysis(input: CaptureCommandInput): Promise<void> {
  const { readCaptureFile, analyzeCapture } = await import('../../services/capture');
  const read = await readCaptureFile(input.file);
  if (!read.ok) throw new CliUsageError(read.message);
  const report = await analyzeCapture(read.digest, input.judgement, {
    redact: !input.showPersonalData,
    fileName: input.file.split(/[\\/]/).pop() ?? input.file,
  });
  if (read.digest.messages.length === 0) {
    // Nothing to diagnose: why (once, on stderr) and how to capture the login, with no empty report.
    const noSaml = report.findings.find((f) => f.code === 'capture-no-saml');
    const findings = noSaml ? [noSaml, ...report.findings.filter((f) => f !== noSaml)] : report.findings;
    if (input.format === 'json') {
      printJson(report);
      printProblem(noSaml?.message ?? NO_SAML);
    } else {
      printUnreadable(findings, NO_SAML);
      if (report.privacy.notices.length > 0) printText(['', ...privacyLines(report)].join('\n'));
    }
    process.exitCode = EXIT_USAGE;
    return;
  }
  if (input.format === 'json') printJson(report);
  else printText(summarize(report));
  process.exitCode = report.verdict === 'ok' ? EXIT_OK : EXIT_FINDINGS;
}
