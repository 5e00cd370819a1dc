import * as z from 'zod';
import { fromScaled, roundHalfUp, exact, scaled } from '../rules/decimal';
import { parseRules, rulesError } from '../rules/rules-request';
import { C60_TENTHS, gradeSchema } from './grade';

const three = z.array(z.number().positive()).length(3, { error: (iss) => `expected exactly 3 cubes, got ${(iss.input as unknown[]).length}` });

export const groupStrengthRequestSchema = z.object({
  grade: gradeSchema,
  cubeSizeMm: z.union([z.literal(100), z.literal(150), z.literal(200)], { error: 'expected 100, 150 or 200' }).nullish().transform((v) => v ?? 150),
  cubesMPa: three.nullish(),
  failureLoadsKN: three.nullish(),
  testDeterminedSizeFactor: z.number().positive().nullish(),
});
export type GroupStrengthRequest = z.output<typeof groupStrengthRequestSchema>;

export type GroupStrengthResult = {
  valid: boolean;
  cubeStrengthsMPa?: number[];
  representativeMPa?: number;
  method?: 'mean' | 'median';
  reason?: 'both_extremes_exceed_15pct' | 'c60_nonstandard_needs_test_factor';
};

/** Size factors below C60 (GB/T 50107-2010 §4.3.2), in hundredths; the standard cube is 1. */
const SIZE_FACTOR_HUNDREDTHS = { 100: 95n, 150: 100n, 200: 105n } as const;

/**
 * One cube's strength f = F·1000 / A (N/mm² = MPa), rounded half-up to 0.1 MPa, in tenths.
 *
 * @example
 *   cubeTenthsFromLoad(675, 150) // 300n  (675 000 N / 22 500 mm² = 30.0 MPa)
 */
export function cubeTenthsFromLoad(loadKN: number, sizeMm: number): bigint {
  const f = exact(loadKN);
  return roundHalfUp({ n: f.n * 10_000n, d: f.d * BigInt(sizeMm * sizeMm) });
}

/** Does `a` deviate from the median `m` by strictly more than 15 % of `m`? (|a − m| · 20 > 3m, in tenths.) */
const exceeds15 = (a: bigint, m: bigint): boolean => (a > m ? a - m : m - a) * 20n > 3n * m;

/**
 * The representative value of one group of 3 cubes (GB/T 50107-2010 §4.3.1–4.3.2; docs/domain/concrete.md §1):
 * the mean of the 3, or the median when exactly one extreme deviates from it by strictly more than 15 %;
 * invalid when both do. Then × the size factor (< C60: 100 mm 0.95, 200 mm 1.05; ≥ C60 on a non-standard
 * cube only a test-determined factor), rounded half-up to 0.1 MPa. Pure; all arithmetic in integers.
 *
 * @example
 *   groupStrength({ grade: 'C30', cubeSizeMm: 200, cubesMPa: [42.5, 45.8, 52.8] })
 *   // { valid: true, representativeMPa: 48.1, method: 'median' }
 */
export function groupStrength(input: unknown): GroupStrengthResult {
  const req = parseRules(groupStrengthRequestSchema, input);
  const hasCubes = req.cubesMPa != null;
  const hasLoads = req.failureLoadsKN != null;
  if (hasCubes === hasLoads) {
    throw rulesError(hasCubes ? 'cubesMPa' : 'cubesMPa', hasCubes ? 'give either cubesMPa or failureLoadsKN, not both' : 'required: cubesMPa or failureLoadsKN (3 numbers)');
  }
  const tenths = hasLoads ? req.failureLoadsKN!.map((F) => cubeTenthsFromLoad(F, req.cubeSizeMm)) : req.cubesMPa!.map((f) => scaled(f, 1));
  if (tenths.some((t) => t <= 0n)) throw rulesError(hasLoads ? 'failureLoadsKN' : 'cubesMPa', 'each cube strength must be at least 0.1 MPa after rounding');
  const out: GroupStrengthResult = { valid: false };
  if (hasLoads) out.cubeStrengthsMPa = tenths.map((t) => fromScaled(t, 1));

  const [lo, mid, hi] = [...tenths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const highOut = exceeds15(hi, mid);
  const lowOut = exceeds15(lo, mid);
  if (highOut && lowOut) return { ...out, reason: 'both_extremes_exceed_15pct' };

  // Factor as a rational; base × factor rounded once, at the end.
  let factor: { n: bigint; d: bigint };
  if (req.cubeSizeMm === 150) factor = { n: 1n, d: 1n };
  else if (req.grade.fcukTenths >= C60_TENTHS) {
    if (req.testDeterminedSizeFactor == null) return { ...out, reason: 'c60_nonstandard_needs_test_factor' };
    factor = exact(req.testDeterminedSizeFactor);
  } else factor = { n: SIZE_FACTOR_HUNDREDTHS[req.cubeSizeMm], d: 100n };

  const method = highOut || lowOut ? 'median' : 'mean';
  const base = method === 'median' ? { n: mid, d: 1n } : { n: lo + mid + hi, d: 3n };
  const representative = roundHalfUp({ n: base.n * factor.n, d: base.d * factor.d });
  return { valid: true, ...(out.cubeStrengthsMPa ? { cubeStrengthsMPa: out.cubeStrengthsMPa } : {}), representativeMPa: fromScaled(representative, 1), method };
}
