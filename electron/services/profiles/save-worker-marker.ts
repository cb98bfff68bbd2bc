/** The `notes` a save-worker save writes for `revision` (~64 KiB, so a torn write shows). */
export function marker(revision: number): string {
  const unit = `${revision};`;
  return unit.repeat(Math.ceil(65_536 / unit.length));
}
