import type { Command } from 'commander';
import { longDate } from '../../../shared/domain/dates';
import type { MetadataReport } from '../../../shared/saml/report';
import { CliUsageError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../errors';
import { findingLines, parseFormat, printJson, printProblem, printText, printUnreadable } from '../output';
import { MAX_METADATA_CHARS } from '../../../shared/saml/input';
import { readInput } from '../read-input';
import { parseNow } from '../now';
import { idpOptionHelp, parseIdpOption } from './ids';
import { errorMessage } from '../../../shared/errors';

const UNREADABLE = 'The metadata could not be read.';

interface MetadataFlags {
  now?: string;
  entityId?: string;
  idp?: string;
  timeout?: string;
  format?: string;
}

function summarize(report: MetadataReport): string {
  const lines: string[] = [];
  lines.push(`Entity ID: ${report.entityId ?? '-'}`);
  if (report.entities) lines.push(`Identity providers in this aggregate: ${report.entities.join(', ')}`);
  for (const [binding, url] of Object.entries(report.ssoUrls)) lines.push(`SSO ${binding.replace(/^.*:/, '')}: ${url}`);
  report.certificates.forEach((cert, index) => {
    lines.push(
      `Certificate ${index + 1} (${cert.use}): ${cert.subject}, ${cert.expired ? 'EXPIRED on' : 'valid until'} ${longDate(cert.notAfter)}, SHA-256 ${cert.sha256Fingerprint}`,
    );
  });
  lines.push('', 'Twilio Console fields:');
  lines.push(`  Identity Provider Issuer: ${report.consoleFields.identityProviderIssuer ?? '-'}`);
  lines.push(`  Single Sign-On URL: ${report.consoleFields.singleSignOnUrl ?? '-'}`);
  lines.push(`  X.509 Certificate: ${report.consoleFields.certificateAdvice}`);
  if (report.consoleFields.x509Certificate) lines.push(report.consoleFields.x509Certificate.trimEnd());
  for (const finding of report.findings) lines.push('', ...findingLines(finding));
  return lines.join('\n');
}

export function registerMetadataCommand(program: Command): void {
  program
    .command('metadata')
    .description('read IdP metadata (file, URL or -) and give the Twilio Console fields')
    .argument('<source>', 'a metadata file, an https:// URL, or - for stdin')
    .option('--now <time>', 'judge certificate expiry at this ISO 8601 time instead of now')
    .option('--entity-id <id>', 'in an aggregate (EntitiesDescriptor), the identity provider to read')
    .option('--idp <idp>', `the identity provider, for fixes in its words: ${idpOptionHelp()}`)
    .option('--timeout <seconds>', 'how long to wait for a URL', '15')
    .option('--format <format>', 'text or json', 'text')
    .action(async (source: string, flags: MetadataFlags) => {
      const format = parseFormat(flags.format);
      const now = parseNow(flags.now);
      const idp = flags.idp === undefined ? undefined : parseIdpOption(flags.idp);
      const timeout = Number(flags.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 600) throw new CliUsageError('--timeout must be a number of seconds between 1 and 600');
      const { importMetadata, fetchMetadata } = await import('../../services/analysis');
      let text: string;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
        try {
          text = await fetchMetadata(source, { timeoutMs: timeout * 1000 });
        } catch (error) {
          throw new CliUsageError(errorMessage(error));
        }
      } else {
        text = await readInput(source, MAX_METADATA_CHARS, 'metadata document');
      }
      const report = await importMetadata({ xml: text }, { now, entityId: flags.entityId, idp });
      if (report.entityId === null && !report.entities) {
        // Not metadata at all: the problem and what to fetch instead, never a table of empty fields.
        if (format === 'json') {
          printJson(report);
          printProblem(report.findings[0]?.message ?? UNREADABLE);
        } else printUnreadable(report.findings, UNREADABLE);
        process.exitCode = EXIT_USAGE;
        return;
      }
      if (format === 'json') printJson(report);
      else printText(summarize(report));
      process.exitCode = report.ok ? EXIT_OK : EXIT_FINDINGS;
    });
}
