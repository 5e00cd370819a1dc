import { roundHalfUp, sqrtRoundHalfUp } from '../rules/decimal';

/**
 * Mean of values given in tenths, rounded half-up to 0.1 (in tenths).
 *
 * @example
 *   meanTenths([300n, 310n, 321n]) // 310n  (31.03 → 31.0)
 */
export const meanTenths = (values: readonly bigint[]): bigint => roundHalfUp({ n: values.reduce((a, b) => a + b, 0n), d: BigInt(values.length) });

/** The smallest of values in tenths. */
export const minTenths = (values: readonly bigint[]): bigint => values.reduce((a, b) => (b < a ? b : a));

/**
 * Sample standard deviation (n − 1) of values in tenths, rounded half-up to 0.01 MPa (in hundredths), exactly:
 * S² = (nΣf² − (Σf)²) / (n(n − 1)) in tenths², so S in hundredths = √(100 · (nΣf² − (Σf)²) / (n(n − 1))).
 * Uses the exact mean (the standard's Σf² − n·m² with m unrounded); needs n ≥ 2.
 *
 * @example
 *   stdevHundredths([300n, 320n]) // 141n  (√2 = 1.414… → 1.41)
 */
export function stdevHundredths(values: readonly bigint[]): bigint {
  const n = BigInt(values.length);
  if (n < 2n) throw new RangeError('a standard deviation needs at least 2 values');
  let sum = 0n;
  let sumSq = 0n;
  for (const v of values) {
    sum += v;
    sumSq += v * v;
  }
  return sqrtRoundHalfUp(100n * (n * sumSq - sum * sum), n * (n - 1n));
}
