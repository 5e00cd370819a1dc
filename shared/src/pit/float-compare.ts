/**
 * Threshold comparisons that binary floating point cannot fool (docs/domain/pit.md §6): 0.7 × 3.0 is
 * 2.0999999999999996 in binary, yet 2.1 mm must count as having reached 70 % of 3.0 mm.
 * Values within a relative 1e-9 of the threshold count as equal to it.
 */
export const REL_EPS = 1e-9;

/**
 * True when `value` ≥ `threshold`, treating near-equal values as equal.
 *
 * @example
 *   reaches(2.1, 0.7 * 3.0) // true
 */
export const reaches = (value: number, threshold: number): boolean =>
  value >= threshold - REL_EPS * Math.max(Math.abs(value), Math.abs(threshold));

/**
 * True when `value` > `threshold` by more than float noise.
 *
 * @example
 *   exceeds(2.1, 0.7 * 3.0) // false: equal within 1e-9
 */
export const exceeds = (value: number, threshold: number): boolean =>
  value > threshold + REL_EPS * Math.max(Math.abs(value), Math.abs(threshold));

/**
 * Lower bound below which a ratio does not reach `fraction` (precomputed for hot loops).
 *
 * @example
 *   const y = reachBound(0.7); (2.1 / 3.0) >= y // true
 */
export const reachBound = (fraction: number): number => fraction * (1 - REL_EPS);

/**
 * Upper bound a ratio must pass to count as strictly above `fraction` (precomputed for hot loops).
 *
 * @example
 *   const f = exceedBound(0.7); (2.1 / 3.0) > f // false
 */
export const exceedBound = (fraction: number): number => fraction * (1 + REL_EPS);
