import { scaled } from '../rules/decimal';
import { GRADE_PATTERN } from './grade';
import { evaluateBatch, type EvaluateBatchResult, type NonStatisticalResult, type StatisticalResult } from './evaluate-batch';

/**
 * Bulk evaluation of inspection batches: the same answers as `evaluateBatch` (the exact contract, which stays the
 * reference — evaluate-batches.test.ts compares the two over random and edge inputs), computed with integers held in
 * JS numbers instead of bigints and without the zod parse. Every input this path is not sure about — a bad or unusual
 * request, the σ0 method, a value near a rounding half, sums that could leave the exact integer range — goes to
 * `evaluateBatch` itself, errors included.
 */
export function evaluateBatches(inputs: readonly unknown[]): EvaluateBatchResult[] {
  const out = new Array<EvaluateBatchResult>(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = fastEvaluation(inputs[i]) ?? evaluateBatch(inputs[i]);
  return out;
}

/** Integers stay exact below 2^53; every product below is bounded by this before it is formed. */
const SAFE = 2 ** 50;
const GRADES = new Map<string, number | null>();

/** f_cu,k in tenths as `gradeSchema` reads it, or null when the contract would refuse the grade. */
function gradeTenths(g: string): number | null {
  let t = GRADES.get(g);
  if (t !== undefined) return t;
  const m = GRADE_PATTERN.exec(g);
  if (!m || !(Number(m[1]) > 0)) t = null;
  else {
    const [int, frac = '0'] = m[1].split('.');
    t = Number(int) * 10 + Number(frac);
  }
  if (GRADES.size < 1000) GRADES.set(g, t);
  return t;
}

/**
 * `scaled(x, 1)` as a number: x·10 rounded half-up. The float product is within ~1e-8 of the written decimal times
 * ten in this range, so only a product near a half can round differently; those take the exact route.
 */
function tenths(x: number): number {
  const t = x * 10;
  const f = t - Math.floor(t);
  if (f > 0.4999 && f < 0.5001) return Number(scaled(x, 1));
  return Math.round(t);
}

/** 四舍五入 of a / b for integers 0 ≤ a < 2^50, b > 0 (the float quotient is exact enough to floor there). */
const roundDiv = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));

/** √(p / q) rounded half-up (`sqrtRoundHalfUp`) for 4p and q(2k − 1)² below 2^50. */
function sqrtRound(p: number, q: number): number | null {
  let k = Math.floor(Math.sqrt(p / q)) + 1;
  if (4 * p >= SAFE || q * (2 * k - 1) ** 2 >= SAFE) return null;
  while (k > 0 && 4 * p < q * (2 * k - 1) ** 2) k -= 1;
  return k;
}

/** The fast answer, or null where `evaluateBatch` must answer (exported for the differential test). */
export function fastEvaluation(input: unknown): EvaluateBatchResult | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const r = input as Record<string, unknown>;
  if (r.method != null && r.method !== 'auto') return null;
  if (r.sigma0ComputedMPa != null || r.previousPeriodGroupStrengthsMPa != null || r.previousPeriodGroups != null || r.previousPeriodDays != null) return null;
  if (typeof r.grade !== 'string') return null;
  const fk = gradeTenths(r.grade);
  const list = r.groupStrengthsMPa;
  if (fk === null || !Array.isArray(list) || list.length === 0 || list.length > 100_000) return null;
  const n = list.length;
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const x = list[i];
    if (typeof x !== 'number' || !(x >= 0.1 && x < 1e5)) return null;
    const v = tenths(x);
    sum += v;
    sumSq += v * v;
    if (v < min) min = v;
  }
  // Σ ≤ 1e11, Σ² ≤ 1e17 would not be exact: keep n·Σf² and the products below 2^50
  if (n * sumSq >= SAFE / 400) return null;
  const m = roundDiv(sum, n);
  if (n < 10) {
    const l3 = fk >= 600 ? 110 : 115;
    const failed: ('mean' | 'min')[] = [];
    if (m * 100 < l3 * fk) failed.push('mean');
    if (min * 100 < 95 * fk) failed.push('min');
    const res: NonStatisticalResult = { methodUsed: 'non_statistical', n, lambda3: l3 / 100, lambda4: 95 / 100, meanMPa: m / 10, minMPa: min / 10, result: failed.length ? '不合格' : '合格', passed: failed.length === 0, failedChecks: failed };
    return res;
  }
  const l1 = n >= 20 ? 95 : n >= 15 ? 105 : 115;
  const l2 = n >= 20 ? 85 : n >= 15 ? 85 : 90;
  const s = sqrtRound(100 * (n * sumSq - sum * sum), n * (n - 1));
  if (s === null) return null;
  const sUsed = s > 250 ? s : 250;
  const failed: ('mean' | 'min')[] = [];
  if (m * 1000 < fk * 1000 + l1 * sUsed) failed.push('mean');
  if (min * 100 < l2 * fk) failed.push('min');
  const res: StatisticalResult = { methodUsed: 'statistical_unknown_sigma', n, lambda1: l1 / 100, lambda2: l2 / 100, meanMPa: m / 10, sMPa: s / 100, sUsedMPa: sUsed / 100, minMPa: min / 10, result: failed.length ? '不合格' : '合格', passed: failed.length === 0, failedChecks: failed };
  return res;
}
