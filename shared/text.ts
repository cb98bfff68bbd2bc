/**
 * Small rules for the words the user reads, in one place (both sides use them).
 */

/**
 * A message as the user reads it: a capital first letter and a full stop at the end (a message
 * that already ends in . ! or ?, maybe followed by a closing quote or bracket, is left as it is).
 */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]["'\u201d)\]]*$/.test(capital) ? capital : `${capital}.`;
}

/** Text made safe inside HTML (element content and quoted attribute values). */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
