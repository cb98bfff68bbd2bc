import { SEVERITY_WORDS, type Finding } from '../../shared/findings';
import { sentence } from '../../shared/text';
import { CliUsageError } from './errors';

export type OutputFormat = 'text' | 'json';

export function parseFormat(value: string | undefined, allowed: readonly string[] = ['text', 'json']): string {
  const format = value ?? allowed[0]!;
  if (!allowed.includes(format)) {
    throw new CliUsageError(`--format must be one of ${allowed.join(', ')}; "${format}" is not.`);
  }
  return format;
}

export function printJson(document: unknown): void {
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

export function printText(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A finding as people read it: its severity in words, what is wrong, how to fix it (the code stays in --format json). */
export function findingLines(finding: Finding, indent = ''): string[] {
  return [`${indent}${SEVERITY_WORDS[finding.severity]}: ${finding.message}`, `${indent}  How to fix it: ${finding.fix}`];
}

/** One line of a message: the first, without a leading "error:" (commander's prefix). */
export function firstLine(message: string): string {
  return message
    .replace(/^error:\s*/i, '')
    .split('\n')[0]!
    .trim();
}

/** A line on stderr, as one full sentence: "flex-sso: There is no file x.xml." */
export function printProblem(message: string): void {
  process.stderr.write(`flex-sso: ${sentence(firstLine(message))}\n`);
}

/** A warning on stderr, as one full sentence. */
export function printWarning(message: string): void {
  process.stderr.write(`flex-sso: Warning: ${sentence(firstLine(message))}\n`);
}

/**
 * Input that could not be read as what the command reads (exit 2): the problem once, as the one
 * line on stderr, then on stdout only how to fix it, with no report of empty fields around it.
 */
export function printUnreadable(findings: readonly Finding[], fallback: string): void {
  const [first, ...others] = findings;
  printProblem(first?.message ?? fallback);
  const lines = first ? [`How to fix it: ${first.fix}`] : [];
  for (const finding of others) lines.push('', ...findingLines(finding));
  if (lines.length > 0) printText(lines.join('\n'));
}
