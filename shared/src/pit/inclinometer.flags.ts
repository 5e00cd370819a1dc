import { exceeds } from './float-compare';
import type { PitFlag } from './leveling.types';

/** Checksums below this (mm) count as zero: the survey's A180 mirrors A0 exactly. */
const ZERO_CHECKSUM_MM = 0.005;

export type InclinometerFlagOptions = {
  /** |CSᵢ − median(CS)| above this flags a checksum outlier (default 1.0 mm). */
  tolerance_mm?: number;
  /** Checksums of the initial survey per depth, to flag jumps survey-to-survey. */
  initialChecksum_mm?: readonly number[];
};

const median = (xs: readonly number[]): number => {
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * QA and anti-fabrication flags of one inclinometer survey (docs/domain/pit.md §2.3):
 * `checksum_outlier` per depth where |CSᵢ − median(CS)| > tolerance, `checksum_jump` per depth
 * where |CSᵢ − CSᵢ(initial)| > tolerance, and `mirror_readings` when CS ≡ 0.00 at every depth
 * (A180 is an exact mirror of A0: hand-made data). CS = A0 + A180.
 *
 * @example
 *   inclinometerFlags([0.5, 1.0], [0.44, 0.4], [-0.44, -0.4]) // [{ code: 'mirror_readings' }]
 */
export const inclinometerFlags = (
  depths_m: readonly number[],
  A0: readonly number[],
  A180: readonly number[],
  opts: InclinometerFlagOptions = {},
): PitFlag[] => {
  const tol = opts.tolerance_mm ?? 1.0;
  const n = depths_m.length;
  const cs = new Array<number>(n);
  for (let i = 0; i < n; i++) cs[i] = A0[i] + A180[i];
  return checksumFlags(depths_m, cs, tol, opts.initialChecksum_mm);
};

/**
 * The same flags from precomputed checksums (mm).
 *
 * @example
 *   checksumFlags([0.5, 1, 1.5], [0.3, 0.2, 2.9], 1.0) // [{ code: 'checksum_outlier', depth_m: 1.5, ... }]
 */
export const checksumFlags = (depths_m: readonly number[], checksum: readonly number[], tol: number, initial?: readonly number[]): PitFlag[] => {
  const flags: PitFlag[] = [];
  const n = checksum.length;
  if (n === 0) return flags;
  const med = median(checksum);
  let allZero = true;
  for (let i = 0; i < n; i++) {
    const c = checksum[i];
    if (Math.abs(c) >= ZERO_CHECKSUM_MM) allZero = false;
    if (exceeds(Math.abs(c - med), tol)) flags.push({ code: 'checksum_outlier', depth_m: depths_m[i], checksum_mm: c, median_mm: med });
    if (initial && exceeds(Math.abs(c - initial[i]), tol)) flags.push({ code: 'checksum_jump', depth_m: depths_m[i], checksum_mm: c, initial_checksum_mm: initial[i] });
  }
  if (allZero && n >= 2) flags.push({ code: 'mirror_readings' });
  return flags;
};
