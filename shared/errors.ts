/** The words of an error, whatever was thrown (an Error's message, else the thrown value as text). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
