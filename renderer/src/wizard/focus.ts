/**
 * Moving keyboard focus where the admin needs it: a field (found by its Field's data-field), or
 * a heading. Focus also brings the element into view, centred, so it is never below the fold.
 */
export function focusField(field: string): boolean {
  const container = document.querySelector(`[data-field="${CSS.escape(field)}"]`);
  if (!container) return false;
  const target =
    container.querySelector('input[type="radio"]:checked') ??
    container.querySelector('input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled]), button:not([disabled])');
  if (!(target instanceof HTMLElement)) return false;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'center' });
  return true;
}

export function focusElement(element: HTMLElement | null): void {
  if (!element) return;
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'nearest' });
}

/** Input types where Enter means "done here, next step", as in a form. */
const ADVANCING_INPUTS = new Set(['text', 'url', 'email', 'search', 'tel', 'radio']);

/**
 * Whether Enter on this element should move to the next step: a one-line field or a radio button,
 * unless it sits in an element marked `data-enter-action` (a field whose own button Enter presses).
 */
export function enterAdvances(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLInputElement) || !ADVANCING_INPUTS.has(target.type)) return false;
  return target.closest('[data-enter-action]') === null;
}
