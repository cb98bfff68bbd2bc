/** The `notes` a save-worker save writes for `revision` (~40 kB, so a torn write shows). */
export function marker(revision: number): string {
  const unit = `${revision};`;
  return unit.repeat(Math.ceil(40_000 / unit.length));
}
