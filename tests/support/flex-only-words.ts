/**
 * Words and values that belong to Flex only. A Frontline output or screen carrying one reads like
 * Flex (issue 11): the Flex name, Workers and TaskRouter, Insights roles, full_name, Flex's billing
 * warning, the Flex logout URL and login host, Flex's configuration. The tool's own name
 * "flex-sso" is removed before searching.
 */
export const FLEX_ONLY_WORDS: readonly RegExp[] = [
  /\bFlex\b/,
  /\bWorkers?\b/,
  /TaskRouter/,
  /\bwfo\./,
  /full_name/,
  /flex\.twilio\.com/,
  /\bbilled\b/,
  /reach Flex/,
  /Flex configuration/,
  /login\.flex\./,
  /Insights/,
];

/** The first Flex-only word in `text` with some context around it, or null. */
export function firstFlexOnlyWord(text: string): string | null {
  const cleaned = text.replace(/flex-sso/g, '');
  for (const word of FLEX_ONLY_WORDS) {
    const hit = word.exec(cleaned);
    if (hit) return `${String(word)} near "${cleaned.slice(Math.max(0, hit.index - 60), hit.index + 60).replace(/\s+/g, ' ')}"`;
  }
  return null;
}
