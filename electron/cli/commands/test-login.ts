import type { Command } from 'commander';
import type { AnalysisReport } from '../../../shared/saml/report';
import { requireChromium } from '../../services/chromium';
import { ChromiumMissingError } from '../../services/errors';
import { CliUsageError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../errors';
import { readIdpCertificate } from '../idp-cert';
import { findingLines, parseFormat, printJson, printProblem, printText, printWarning } from '../output';
import { previewLines, verdictLine } from '../verdict-text';
import { addModeOptions, idpOptionHelp, parseIdpOption, readIds, parseMode, usageErrorFrom, type IdOptions } from './ids';

interface TestLoginFlags extends IdOptions {
  idpSsoUrl?: string;
  idpInitUrl?: string;
  idp?: string;
  idpCert?: string;
  idpIssuer?: string;
  relayState?: string;
  browser?: string;
  headless?: boolean;
  timeout?: string;
  allowRealLogin?: boolean;
  format?: string;
}

const DEFAULT_TIMEOUT_SECONDS = 300;

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new CliUsageError(`--timeout must be a number of seconds between 1 and 3600; "${value}" is not`);
  }
  return Math.round(seconds * 1000);
}

function textReport(report: AnalysisReport, relayState: string | undefined): string {
  const lines = [verdictLine(report)];
  const s = report.signature;
  lines.push(
    `Signature: ${!s.checked ? 'not checked (give --idp-cert)' : s.valid === true ? `valid (${s.certificate === 'given' ? 'against the given certificate' : 'against the certificate inside the response only'})` : 'NOT valid'}`,
  );
  if (report.facts) {
    const f = report.facts;
    lines.push(`Issuer: ${f.issuer ?? '-'}`, `NameID: ${f.nameId ?? '-'}`, `Destination: ${f.destination ?? '-'}`, `Audience: ${f.audience ?? '-'}`);
    for (const a of f.attributes) lines.push(`  ${a.name} = ${a.values.join(' | ')}`);
  }
  lines.push(`RelayState: ${relayState ?? '(none)'}`);
  for (const finding of report.findings) lines.push('', ...findingLines(finding));
  lines.push(...previewLines(report));
  return lines.join('\n');
}

export function registerTestLoginCommand(program: Command): void {
  addModeOptions(
    program.command('test-login').description('log in through your IdP in Chromium, capture the response before it reaches Twilio, and diagnose it'),
  )
    .option('--idp-sso-url <url>', "SP-initiated: the IdP's SSO URL (as set in Twilio); an AuthnRequest is sent there")
    .option('--idp-init-url <url>', 'IdP-initiated: the app launch URL (Okta embed link, Entra "Test" / My Apps link)')
    .option('--idp <idp>', `the identity provider, for fixes in its words: ${idpOptionHelp()}`)
    .option('--idp-cert <file>', 'the IdP signing certificate (PEM) as pasted in Twilio; without it trust is not checked')
    .option('--idp-issuer <issuer>', 'the Identity Provider Issuer as set in Twilio')
    .option('--relay-state <value>', 'RelayState to send with an SP-initiated request')
    .option('--browser <path>', 'the Chromium or Chrome executable (default: found as the README says)')
    .option('--headless', 'no window (only for IdPs that sign in without typing, e.g. an existing session)')
    .option('--timeout <seconds>', `how long to wait for the login (default ${DEFAULT_TIMEOUT_SECONDS})`)
    .option('--allow-real-login', 'also send the response on to Twilio: this CREATES A BILLED FLEX USER (off by default)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: TestLoginFlags) => {
      const format = parseFormat(flags.format);
      const mode = parseMode(flags.mode);
      const { ids } = readIds(flags);
      const idp = flags.idp === undefined ? undefined : parseIdpOption(flags.idp);
      if ((flags.idpSsoUrl === undefined) === (flags.idpInitUrl === undefined)) {
        throw new CliUsageError('give either --idp-sso-url (SP-initiated) or --idp-init-url (IdP-initiated), not both or neither');
      }
      const timeoutMs = parseTimeout(flags.timeout);
      const idpCertPem = await readIdpCertificate(flags.idpCert);
      // Loaded only now: playwright-core and node-saml are large and only this command needs them.
      const { checkLoginTestOptions, createPlaywrightHost, startLoginTest, LoginTestOptionsError } = await import('../../services/login-test');
      const options = {
        mode,
        ids,
        ...(idp ? { idp } : {}),
        ...(flags.idpSsoUrl !== undefined ? { idpSsoUrl: flags.idpSsoUrl } : {}),
        ...(flags.idpInitUrl !== undefined ? { idpInitUrl: flags.idpInitUrl } : {}),
        ...(flags.relayState !== undefined ? { relayState: flags.relayState } : {}),
        ...(idpCertPem ? { idpCertPem } : {}),
        ...(flags.idpIssuer !== undefined ? { idpIssuer: flags.idpIssuer } : {}),
        timeoutMs,
        allowRealLogin: flags.allowRealLogin === true,
      };
      const optionsProblem = (error: unknown): unknown => (error instanceof LoginTestOptionsError ? new CliUsageError(error.message) : usageErrorFrom(error));
      // Every option is checked before anything about this computer (Chromium, a display) is.
      try {
        checkLoginTestOptions(options);
      } catch (error) {
        throw optionsProblem(error);
      }
      let executablePath: string;
      try {
        executablePath = requireChromium('The login test', flags.browser);
      } catch (error) {
        if (error instanceof ChromiumMissingError) throw new CliUsageError(error.message);
        throw error;
      }
      const headless = flags.headless === true;
      if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
        throw new CliUsageError(
          'no display to open the login window on (DISPLAY is not set); run it on a desktop, or add --headless for an IdP that needs no typing',
        );
      }

      let session;
      try {
        session = startLoginTest(createPlaywrightHost({ executablePath, headless }), options);
      } catch (error) {
        throw optionsProblem(error);
      }
      if (flags.allowRealLogin === true) {
        printWarning('--allow-real-login sends the response on to Twilio; the login creates (and bills) a Flex user.');
      }
      const interrupt = (): void => void session.cancel();
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      // A progress note only for a person at a terminal: scripts get one line on failure.
      if (format === 'text' && process.stderr.isTTY)
        process.stderr.write(`flex-sso: ${headless ? 'Waiting for the IdP (headless)…' : 'Log in with a test user in the Chromium window…'}\n`);
      const final = await session.done;
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);

      if (final.phase !== 'done' || !final.report) {
        printProblem(final.message);
        process.exitCode = EXIT_USAGE;
        return;
      }
      if (format === 'json') printJson(final.report);
      else printText(`${textReport(final.report, final.relayState)}\n\n${final.message} (diagnosed in ${final.captureToDiagnosisMs ?? '?'} ms)`);
      process.exitCode = final.report.verdict === 'ok' ? EXIT_OK : EXIT_FINDINGS;
    });
}
