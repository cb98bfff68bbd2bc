/** Bad usage or unreadable input: one line on stderr, exit status 2, never a stack trace. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
