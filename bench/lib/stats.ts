/** Small statistics helpers. All inputs are milliseconds (or any unit); outputs are rounded for JSON. */

export const round = (x: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(asc: readonly number[], p: number): number {
  if (asc.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * asc.length);
  return asc[Math.min(asc.length - 1, Math.max(0, rank - 1))];
}

export function median(xs: readonly number[]): number {
  const a = sorted(xs);
  if (a.length === 0) return NaN;
  const mid = a.length >> 1;
  return a.length % 2 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
}

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;
}

/** value / baseline, rounded; null when the baseline is unusable. */
export function ratio(value: number, baseline: number, digits = 2): number | null {
  return baseline > 0 && Number.isFinite(value) ? round(value / baseline, digits) : null;
}

export const kb = (bytes: number) => round(bytes / 1024, 1);

/** Seconds/milliseconds formatting for the summary table. */
export const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)) + ' ms';
export const fmtRatio = (r: number | null | undefined) => (r == null ? '—' : `${r}×`);
export const fmtKb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
