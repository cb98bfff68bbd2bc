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
