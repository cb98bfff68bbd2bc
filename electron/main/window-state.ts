import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

const DEFAULT_BOUNDS: WindowBounds = { width: 1180, height: 820 };

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Reads the remembered window size; anything unreadable gives the default size. */
export function loadWindowBounds(userDataDir: string): WindowBounds {
  try {
    const saved: unknown = JSON.parse(readFileSync(join(userDataDir, 'window-state.json'), 'utf8'));
    if (typeof saved === 'object' && saved !== null) {
      const { width, height, x, y } = saved as Record<string, unknown>;
      if (isNumber(width) && isNumber(height) && width >= 640 && height >= 480) {
        return { width, height, ...(isNumber(x) && isNumber(y) ? { x, y } : {}) };
      }
    }
  } catch {
    // first run or unreadable file: the default size is right
  }
  return DEFAULT_BOUNDS;
}

export function saveWindowBounds(userDataDir: string, bounds: WindowBounds): void {
  const target = join(userDataDir, 'window-state.json');
  try {
    writeFileSync(`${target}.tmp`, JSON.stringify(bounds));
    renameSync(`${target}.tmp`, target);
  } catch {
    // losing the window size is harmless
  }
}
