import { CliUsageError } from './errors';

/** `--now`: an ISO 8601 date or time to use instead of the clock (dates the output compares, validity windows). */
export function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new CliUsageError(`--now must be an ISO 8601 time such as 2025-01-31T12:00:00Z; "${value}" is not`);
  }
  return new Date(value);
}
