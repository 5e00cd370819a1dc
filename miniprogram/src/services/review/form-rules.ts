/** Checks of the review pages' forms (pure: unit-tested). */

/** "YYYY-MM-DD HH:mm" (or with a `T`) in Beijing time → ISO; null when it is not a real time. */
export function beijingToIso(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi);
  // 02-30 rolls over to March: refuse rather than move the meeting
  if (new Date(ms + 8 * 3_600_000).getUTCDate() !== d) return null;
  return new Date(ms).toISOString();
}

/** The Beijing wall time of an instant, as the meeting field shows it. */
export const beijingField = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
