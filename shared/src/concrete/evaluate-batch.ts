import * as z from 'zod';
import { fromScaled, scaled } from '../rules/decimal';
import { parseRules, rulesError } from '../rules/rules-request';
import { meanTenths, minTenths, stdevHundredths } from './batch-statistics';
import { C20_TENTHS, C60_TENTHS, gradeSchema, type Grade } from './grade';

const strengths = z.array(z.number().positive());

export const evaluateBatchRequestSchema = z.object({
  grade: gradeSchema,
  groupStrengthsMPa: strengths.min(1, 'expected at least one group'),
  method: z.enum(['auto', 'sigma0_known']).nullish().transform((m) => m ?? 'auto'),
  sigma0ComputedMPa: z.number().nonnegative().nullish(),
  previousPeriodGroupStrengthsMPa: strengths.nullish(),
  previousPeriodGroups: z.number().int().nonnegative().nullish(),
  previousPeriodDays: z.number().nonnegative().nullish(),
});
export type EvaluateBatchRequest = z.output<typeof evaluateBatchRequestSchema>;

type Verdict = { result: '合格' | '不合格'; passed: boolean };
export type StatisticalResult = Verdict & { methodUsed: 'statistical_unknown_sigma'; n: number; lambda1: number; lambda2: number; meanMPa: number; sMPa: number; sUsedMPa: number; minMPa: number; failedChecks: ('mean' | 'min')[] };
export type NonStatisticalResult = Verdict & { methodUsed: 'non_statistical'; n: number; lambda3: number; lambda4: number; meanMPa: number; minMPa: number; failedChecks: ('mean' | 'min')[] };
export type Sigma0NotApplicable = { applicable: false; reason: 'previous_period_sample_lt_45' | 'previous_period_lt_60_days' | 'batch_must_be_3_groups' };
export type Sigma0Result = Verdict & { meanMPa: number; minMPa: number; sigma0UsedMPa: number; sigma0MPa?: number; failedChecks: ('mean' | 'min_sigma' | 'min_grade')[] };
export type EvaluateBatchResult = StatisticalResult | NonStatisticalResult | Sigma0NotApplicable | Sigma0Result;

/** λ1, λ2 in hundredths by the number of groups (GB/T 50107-2010 表5.1.3). */
export const lambdas12 = (n: number): [bigint, bigint] => (n >= 20 ? [95n, 85n] : n >= 15 ? [105n, 85n] : [115n, 90n]);
/** λ3, λ4 in hundredths by grade (表5.2.2): < C60 1.15 / 0.95, ≥ C60 1.10 / 0.95. */
export const lambdas34 = (fcukTenths: bigint): [bigint, bigint] => (fcukTenths >= C60_TENTHS ? [110n, 95n] : [115n, 95n]);
/** The floor of S and σ0: 2.5 MPa, in hundredths (§5.1.2, §5.1.3). */
export const SIGMA_FLOOR_HUNDREDTHS = 250n;
/** The σ0 method's previous period: at least 45 groups over at least 60 days (§5.1.2). */
export const SIGMA0_MIN_GROUPS = 45;
export const SIGMA0_MIN_DAYS = 60;

const verdict = <C extends string>(failed: C[]): Verdict & { failedChecks: C[] } => ({ result: failed.length ? '不合格' : '合格', passed: failed.length === 0, failedChecks: failed });
const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);

/**
 * Mean and minimum checks, all in 10⁻⁴ MPa: tenths × 1000, hundredths × hundredths, tenths × 1000.
 * A value equal to its threshold passes.
 */
function statistical(g: Grade, values: bigint[]): StatisticalResult {
  const n = values.length;
  const [l1, l2] = lambdas12(n);
  const m = meanTenths(values);
  const min = minTenths(values);
  const s = stdevHundredths(values);
  const sUsed = maxBig(s, SIGMA_FLOOR_HUNDREDTHS);
  const failed: ('mean' | 'min')[] = [];
  if (m * 1000n < g.fcukTenths * 1000n + l1 * sUsed) failed.push('mean');
  if (min * 100n < l2 * g.fcukTenths) failed.push('min');
  return { methodUsed: 'statistical_unknown_sigma', n, lambda1: fromScaled(l1, 2), lambda2: fromScaled(l2, 2), meanMPa: fromScaled(m, 1), sMPa: fromScaled(s, 2), sUsedMPa: fromScaled(sUsed, 2), minMPa: fromScaled(min, 1), ...verdict(failed) };
}

function nonStatistical(g: Grade, values: bigint[]): NonStatisticalResult {
  const [l3, l4] = lambdas34(g.fcukTenths);
  const m = meanTenths(values);
  const min = minTenths(values);
  const failed: ('mean' | 'min')[] = [];
  if (m * 100n < l3 * g.fcukTenths) failed.push('mean');
  if (min * 100n < l4 * g.fcukTenths) failed.push('min');
  return { methodUsed: 'non_statistical', n: values.length, lambda3: fromScaled(l3, 2), lambda4: fromScaled(l4, 2), meanMPa: fromScaled(m, 1), minMPa: fromScaled(min, 1), ...verdict(failed) };
}

function sigma0Known(req: EvaluateBatchRequest, values: bigint[]): Sigma0NotApplicable | Sigma0Result {
  const list = req.previousPeriodGroupStrengthsMPa;
  if (list != null && req.sigma0ComputedMPa != null) throw rulesError('sigma0ComputedMPa', 'give either sigma0ComputedMPa or previousPeriodGroupStrengthsMPa, not both');
  if (list == null && req.sigma0ComputedMPa == null) throw rulesError('sigma0ComputedMPa', "required for method 'sigma0_known' (or give previousPeriodGroupStrengthsMPa)");
  const groups = req.previousPeriodGroups ?? list?.length;
  if (groups == null) throw rulesError('previousPeriodGroups', 'required (number of groups in the previous period) when sigma0ComputedMPa is given');
  if (req.previousPeriodDays == null) throw rulesError('previousPeriodDays', "required for method 'sigma0_known' (length of the previous period in days)");

  if (groups < SIGMA0_MIN_GROUPS) return { applicable: false, reason: 'previous_period_sample_lt_45' };
  if (req.previousPeriodDays < SIGMA0_MIN_DAYS) return { applicable: false, reason: 'previous_period_lt_60_days' };
  if (values.length !== 3) return { applicable: false, reason: 'batch_must_be_3_groups' };
  if (list != null && list.length < 2) throw rulesError('previousPeriodGroupStrengthsMPa', 'expected at least 2 values to compute σ0');

  const sigma0 = list != null ? stdevHundredths(list.map((f) => scaled(f, 1))) : scaled(req.sigma0ComputedMPa!, 2);
  const used = maxBig(sigma0, SIGMA_FLOOR_HUNDREDTHS);
  const fk = req.grade.fcukTenths;
  const m = meanTenths(values);
  const min = minTenths(values);
  const failed: ('mean' | 'min_sigma' | 'min_grade')[] = [];
  if (m * 1000n < fk * 1000n + 70n * used) failed.push('mean');
  if (min * 1000n < fk * 1000n - 70n * used) failed.push('min_sigma');
  if (min * 100n < (fk <= C20_TENTHS ? 85n : 90n) * fk) failed.push('min_grade');
  const v = verdict(failed);
  return { result: v.result, passed: v.passed, meanMPa: fromScaled(m, 1), minMPa: fromScaled(min, 1), sigma0UsedMPa: fromScaled(used, 2), ...(list != null ? { sigma0MPa: fromScaled(sigma0, 2) } : {}), failedChecks: failed };
}

/**
 * Evaluates one inspection batch of group representative values (GB/T 50107-2010 §5; docs/domain/concrete.md §2):
 * `sigma0_known` (§5.1.2, 3 consecutive groups and σ0 from the previous period), or `auto`: n ≥ 10 the
 * statistical method with σ unknown (§5.1.3), n < 10 the non-statistical method (§5.2.2). Mean and min to
 * 0.1 MPa, S and σ0 to 0.01 MPa (四舍五入), every comparison in integers; equality passes.
 *
 * @example
 *   evaluateBatch({ grade: 'C30', groupStrengthsMPa: [35, 36, 34.5] })
 *   // { methodUsed: 'non_statistical', n: 3, lambda3: 1.15, lambda4: 0.95, meanMPa: 35.2, minMPa: 34.5, result: '合格', passed: true, failedChecks: [] }
 */
export function evaluateBatch(input: unknown): EvaluateBatchResult {
  const req = parseRules(evaluateBatchRequestSchema, input);
  const values = req.groupStrengthsMPa.map((f) => scaled(f, 1));
  if (values.some((v) => v <= 0n)) throw rulesError('groupStrengthsMPa', 'each group strength must be at least 0.1 MPa after rounding');
  if (req.method === 'sigma0_known') return sigma0Known(req, values);
  return values.length >= 10 ? statistical(req.grade, values) : nonStatistical(req.grade, values);
}
