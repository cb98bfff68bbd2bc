import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

export interface RovingFocus {
  /** Give it to the container as its `ref`. */
  setContainer(element: HTMLElement | null): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  onFocus(event: FocusEvent<HTMLElement>): void;
}

function enabledButtons(container: HTMLElement | null): HTMLElement[] {
  return Array.from(container?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? []);
}

function rowOf(element: HTMLElement): Element | null {
  return element.closest('tr, [role="row"], li') ?? element.parentElement;
}

/**
 * A roving tab stop over the buttons inside a container (a table of rows with actions): the whole
 * group is one Tab stop, the arrow keys move between its buttons (Left/Right along the row,
 * Up/Down to the same action in the next row), Home/End to the first and last. The button last
 * focused keeps the tab stop.
 */
export function useRovingFocus(): RovingFocus {
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const current = useRef<HTMLElement | null>(null);

  // After every render: exactly one button is in the tab order.
  useEffect(() => {
    const all = enabledButtons(container);
    const keep = all.find((button) => button === current.current) ?? all[0];
    for (const button of all) button.tabIndex = button === keep ? 0 : -1;
  });

  const onKeyDown = useCallback((event: KeyboardEvent<HTMLElement>) => {
    const all = enabledButtons(event.currentTarget);
    const here = event.target as HTMLElement;
    const from = all.indexOf(here);
    if (from < 0) return;
    let to: HTMLElement | undefined;
    if (event.key === 'ArrowRight') to = all[from + 1];
    else if (event.key === 'ArrowLeft') to = all[from - 1];
    else if (event.key === 'Home') to = all[0];
    else if (event.key === 'End') to = all.at(-1);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const rows = [...new Set(all.map(rowOf))];
      const column = all.filter((button) => rowOf(button) === rowOf(here)).indexOf(here);
      const nextRow = rows[rows.indexOf(rowOf(here)) + (event.key === 'ArrowDown' ? 1 : -1)];
      const candidates = nextRow ? all.filter((button) => rowOf(button) === nextRow) : [];
      to = candidates[Math.min(column, candidates.length - 1)];
    } else return;
    event.preventDefault();
    if (!to) return;
    current.current = to;
    for (const button of all) button.tabIndex = button === to ? 0 : -1;
    to.focus();
  }, []);

  // A button focused by a click or by Tab becomes the group's stop.
  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => {
    if (event.target instanceof HTMLButtonElement) current.current = event.target;
  }, []);

  return { setContainer, onKeyDown, onFocus };
}
