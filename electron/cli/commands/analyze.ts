import type { Command } from 'commander';
import { isModeId, MODE_IDS, spValues, type ModeIds } from '../../../shared/domain/modes';
import type { AnalysisReport } from '../../../shared/saml/report';
import { MAX_RESPONSE_CHARS } from '../../../shared/saml/input';
import { parseNow } from '../now';
import { CliUsageError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../errors';
import { readIdpCertificate } from '../idp-cert';
import { readInput } from '../read-input';
import { findingLines, parseFormat, printJson, printProblem, printText, printUnreadable } from '../output';
import { previewLines, verdictLine } from '../verdict-text';
import { idpOptionHelp, parseIdpOption, usageErrorFrom } from './ids';

/** A response as pasted: base64 or a URL-encoded POST body of the largest response the analysis reads. */
const MAX_RESPONSE_INPUT_BYTES = 3 * MAX_RESPONSE_CHARS;

const UNREADABLE = 'The input could not be read as a SAML response.';

interface AnalyzeFlags {
  mode?: string;
  connection?: string;
  accountSid?: string;
  realm?: string;
  idp?: string;
  idpCert?: string;
  idpIssuer?: string;
  now?: string;
  inResponseTo?: string;
  format?: string;
  har?: string;
  samlTracer?: string;
  showPersonalData?: boolean;
}

/** A path as it would be typed in a shell (quoted when it holds anything but plain characters). */
function shellWord(path: string): string {
  return /^[\w./@:+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function summarize(report: AnalysisReport): string {
  const lines: string[] = [];
  const s = report.signature;
  lines.push(verdictLine(report));
  lines.push(
    `Signature: ${
      !s.checked
        ? 'not checked (no certificate)'
        : s.valid === true
          ? `valid, against the ${s.certificate === 'given' ? 'given IdP certificate' : 'certificate inside the document (integrity only)'}`
          : s.valid === false
            ? 'NOT valid'
            : 'nothing to verify'
    }`,
  );
  if (report.facts) {
    const f = report.facts;
    lines.push(`Issuer: ${f.issuer ?? '-'}`, `NameID: ${f.nameId ?? '-'}`, `Destination: ${f.destination ?? '-'}`, `Audience: ${f.audience ?? '-'}`);
    lines.push(
      `Signed: response ${f.responseSigned ? 'yes' : 'no'}, assertion ${f.assertionSigned === null ? 'unknown (encrypted)' : f.assertionSigned ? 'yes' : 'no'}`,
    );
    for (const a of f.attributes) lines.push(`  ${a.name} = ${a.values.join(' | ')}`);
  }
  for (const finding of report.findings) lines.push('', ...findingLines(finding));
  lines.push(...previewLines(report));
  return lines.join('\n');
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('diagnose a SAML response (XML, base64 or a POST body), or every SAML exchange in a browser capture (--har, --saml-tracer), with fixes')
    .argument('[input]', 'a file holding the response, or - for stdin')
    .option('--har <file>', "a HAR file exported from a browser's Network tab: diagnose every SAML exchange in it")
    .option('--saml-tracer <file>', 'a SAML-tracer export (JSON): diagnose every SAML exchange in it')
    .option('--show-personal-data', 'with --har/--saml-tracer: keep NameID and attribute values in the output (redacted by default)')
    .option('--mode <mode>', `the Twilio mode: ${MODE_IDS.join(', ')}`)
    .option('--connection <id>', 'the SSO connection id (JQ…), for flex-enhanced')
    .option('--account-sid <sid>', 'the Account SID (AC…), for flex-legacy')
    .option('--realm <sid>', 'the Realm SID (JB…), for frontline')
    .option('--idp <idp>', `the identity provider, for fixes in its words: ${idpOptionHelp()}`)
    .option('--idp-cert <file>', 'the IdP signing certificate (PEM) as pasted in Twilio; without it trust is not checked')
    .option('--idp-issuer <issuer>', 'the Identity Provider Issuer as set in Twilio')
    .option('--now <time>', 'judge validity windows at this ISO 8601 time instead of now')
    .option('--in-response-to <id>', 'the AuthnRequest id the response must answer')
    .option('--format <format>', 'text or json', 'text')
    .action(async (input: string | undefined, flags: AnalyzeFlags) => {
      const format = parseFormat(flags.format);
      const capture = flags.har ?? flags.samlTracer;
      if (flags.har !== undefined && flags.samlTracer !== undefined) throw new CliUsageError('give either --har or --saml-tracer, not both');
      if (capture !== undefined && input !== undefined)
        throw new CliUsageError('give either a response to analyse or a capture (--har / --saml-tracer), not both');
      if (capture === undefined && input === undefined)
        throw new CliUsageError('name the response to analyse (a file, or - for stdin), or a capture with --har FILE or --saml-tracer FILE');
      if (capture === undefined && flags.showPersonalData) throw new CliUsageError('--show-personal-data goes with --har or --saml-tracer');
      if (flags.mode !== undefined && !isModeId(flags.mode)) throw new CliUsageError(`--mode must be one of ${MODE_IDS.join(', ')}; "${flags.mode}" is not`);
      const idp = flags.idp === undefined ? undefined : parseIdpOption(flags.idp);
      const ids: ModeIds = {};
      if (flags.connection !== undefined) ids.connectionId = flags.connection;
      if (flags.accountSid !== undefined) ids.accountSid = flags.accountSid;
      if (flags.realm !== undefined) ids.realmSid = flags.realm;
      if (flags.mode !== undefined) {
        try {
          spValues(flags.mode, ids);
        } catch (error) {
          throw usageErrorFrom(error);
        }
      }
      const idpCertPem = await readIdpCertificate(flags.idpCert);
      if (capture !== undefined) {
        if (flags.now !== undefined || flags.inResponseTo !== undefined)
          throw new CliUsageError('--now and --in-response-to do not go with a capture: its own times and requests are used');
        const { runCaptureAnalysis } = await import('./analyze-capture');
        await runCaptureAnalysis({
          // Both options read either format (the file says which it is); the names are what users look for.
          file: capture,
          judgement: {
            ...(flags.mode !== undefined ? { mode: flags.mode, ids } : {}),
            ...(idp !== undefined ? { idp } : {}),
            ...(idpCertPem !== undefined ? { idpCertPem } : {}),
            ...(flags.idpIssuer !== undefined ? { idpIssuer: flags.idpIssuer } : {}),
          },
          format,
          showPersonalData: flags.showPersonalData === true,
        });
        return;
      }
      const now = parseNow(flags.now);
      const text = await readInput(input!, MAX_RESPONSE_INPUT_BYTES, 'SAML response');
      const { analyzeSamlResponse } = await import('../../services/analysis');
      const report = await analyzeSamlResponse(text, {
        mode: flags.mode as never,
        ids,
        idp,
        idpCertPem,
        idpIssuer: flags.idpIssuer,
        now,
        expectedInResponseTo: flags.inResponseTo,
        metadataGivenFix: `Read it as metadata instead: flex-sso metadata ${shellWord(input!)}`,
      });
      if (report.facts === null) {
        // Not a response (metadata, not XML…): no verdict about a login, only the problem and its fix.
        if (format === 'json') {
          printJson(report);
          printProblem(report.findings[0]?.message ?? UNREADABLE);
        } else printUnreadable(report.findings, UNREADABLE);
        process.exitCode = EXIT_USAGE;
        return;
      }
      if (format === 'json') printJson(report);
      else printText(summarize(report));
      // 1 for errors and for an unverified verdict alike: nothing unverified passes as fine.
      process.exitCode = report.verdict === 'ok' ? EXIT_OK : EXIT_FINDINGS;
    });
}
