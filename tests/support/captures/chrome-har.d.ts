// chrome-har ships no types; the one function the tests use.
declare module 'chrome-har' {
  export function harFromMessages(messages: unknown[], options?: { includeTextFromResponseBody?: boolean }): unknown;
}
