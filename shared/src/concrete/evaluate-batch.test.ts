import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateBatch } from './evaluate-batch';

const ev = (req: Record<string, unknown>) => evaluateBatch({ grade: 'C30', ...req }) as Record<string, unknown>;
const repeat = (v: number, n: number) => Array.from({ length: n }, () => v);

test('auto picks the method by n: < 10 non-statistical, ≥ 10 statistical with σ unknown', () => {
  assert.equal(ev({ groupStrengthsMPa: repeat(40, 9) }).methodUsed, 'non_statistical');
  assert.equal(ev({ groupStrengthsMPa: repeat(40, 10) }).methodUsed, 'statistical_unknown_sigma');
  assert.equal(ev({ groupStrengthsMPa: repeat(40, 1), method: 'auto' }).methodUsed, 'non_statistical');
});

test('表5.1.3 λ1/λ2: 10–14 → 1.15/0.90, 15–19 → 1.05/0.85, ≥ 20 → 0.95/0.85', () => {
  for (const [n, l1, l2] of [[10, 1.15, 0.9], [14, 1.15, 0.9], [15, 1.05, 0.85], [19, 1.05, 0.85], [20, 0.95, 0.85], [60, 0.95, 0.85]]) {
    const r = ev({ groupStrengthsMPa: repeat(40, n) });
    assert.equal(r.n, n);
    assert.equal(r.lambda1, l1, `λ1 n=${n}`);
    assert.equal(r.lambda2, l2, `λ2 n=${n}`);
  }
});

test('statistical: S is the sample deviation to 0.01, floored at 2.5; equality with the threshold passes', () => {
  // 40.6, 28.6, 40.6, 28.6 and six 34.6: mean 34.6, deviations ±6 four times → Σd² = 144, S = √(144/9) = 4.00.
  // m ≥ 30 + 1.15 × 4.00 = 34.60 → passes by equality; min 28.6 ≥ 0.90 × 30 = 27.0.
  const data = [40.6, 28.6, 40.6, 28.6, ...repeat(34.6, 6)];
  assert.deepEqual(ev({ groupStrengthsMPa: data }), {
    methodUsed: 'statistical_unknown_sigma', n: 10, lambda1: 1.15, lambda2: 0.9, meanMPa: 34.6, sMPa: 4, sUsedMPa: 4, minMPa: 28.6, result: '合格', passed: true, failedChecks: [],
  });
  // every value 0.1 lower: mean 34.5 < 34.60 → mean fails
  const lower = ev({ groupStrengthsMPa: data.map((v) => Math.round((v - 0.1) * 10) / 10) });
  assert.deepEqual([lower.meanMPa, lower.sMPa, lower.failedChecks, lower.result, lower.passed], [34.5, 4, ['mean'], '不合格', false]);
  // five 30.0 and five 40.0: mean 35.0, S = √(250/9) = 5.27; 35.0 < 30 + 1.15 × 5.27 = 36.06 → mean fails
  const wide = ev({ groupStrengthsMPa: [...repeat(30, 5), ...repeat(40, 5)] });
  assert.deepEqual([wide.meanMPa, wide.sMPa, wide.sUsedMPa, wide.minMPa, wide.failedChecks], [35, 5.27, 5.27, 30, ['mean']]);
  // a tight batch: S = 0.05 → S used 2.5; m ≥ 30 + 1.15 × 2.5 = 32.875 → 33.0 passes, 32.8 fails
  const tight = ev({ groupStrengthsMPa: [...repeat(33, 5), ...repeat(33.1, 5)] });
  assert.deepEqual([tight.meanMPa, tight.sMPa, tight.sUsedMPa, tight.failedChecks], [33.1, 0.05, 2.5, []]);
  assert.deepEqual(ev({ groupStrengthsMPa: repeat(32.8, 10) }).failedChecks, ['mean']);
});

test('statistical: S uses the exact mean, not the mean rounded to 0.1', () => {
  // nine 35.0 and one 35.4: exact mean 35.04, Σd² = 9 × 0.0016 + 0.36² = 0.144, S = √0.016 = 0.126 → 0.13.
  // (Σf² − n·m² with m rounded to 35.0 would give √(3.16/9) = 0.59.)
  const r = ev({ groupStrengthsMPa: [...repeat(35, 9), 35.4] });
  assert.equal(r.sMPa, 0.13);
  assert.equal(r.meanMPa, 35);
});

test('statistical: the minimum check uses λ2 (0.90 for 10–14, 0.85 from 15)', () => {
  // n = 10, C30: min ≥ 27.0; 26.9 fails. n = 15: min ≥ 25.5; 26.9 passes.
  const ten = ev({ groupStrengthsMPa: [26.9, ...repeat(45, 9)] });
  assert.deepEqual(ten.failedChecks, ['min']);
  assert.deepEqual(ev({ groupStrengthsMPa: [27, ...repeat(45, 9)] }).failedChecks, []);
  assert.deepEqual(ev({ groupStrengthsMPa: [26.9, ...repeat(45, 14)] }).failedChecks, []);
  assert.deepEqual(ev({ groupStrengthsMPa: [25.4, ...repeat(45, 14)] }).failedChecks, ['min']);
  assert.deepEqual(ev({ groupStrengthsMPa: [20, ...repeat(31, 9)] }).failedChecks, ['mean', 'min']);
});

test('non-statistical 表5.2.2: λ3 1.15 below C60, 1.10 from C60; λ4 0.95', () => {
  // C30: m ≥ 34.5, min ≥ 28.5
  assert.deepEqual(ev({ groupStrengthsMPa: [34.5, 34.5, 34.5] }), { methodUsed: 'non_statistical', n: 3, lambda3: 1.15, lambda4: 0.95, meanMPa: 34.5, minMPa: 34.5, result: '合格', passed: true, failedChecks: [] });
  // the mean is rounded to 0.1 before the comparison: 34.467 → 34.5 passes; 34.433 → 34.4 fails
  assert.deepEqual(ev({ groupStrengthsMPa: [34.4, 34.5, 34.5] }).failedChecks, []);
  assert.deepEqual(ev({ groupStrengthsMPa: [34.4, 34.4, 34.5] }).failedChecks, ['mean']);
  assert.deepEqual(ev({ groupStrengthsMPa: [28.5, 37.5, 37.5] }).failedChecks, []);
  assert.deepEqual(ev({ groupStrengthsMPa: [28.4, 37.5, 37.5] }).failedChecks, ['min']);
  // C55 (< C60): 1.15 × 55 = 63.25 → 63.3 passes, 63.2 fails
  assert.equal((evaluateBatch({ grade: 'C55', groupStrengthsMPa: [63.3, 63.3] }) as Record<string, unknown>).passed, true);
  assert.equal((evaluateBatch({ grade: 'C55', groupStrengthsMPa: [63.2, 63.2] }) as Record<string, unknown>).passed, false);
  // C60: 1.10 × 60 = 66.0, 0.95 × 60 = 57.0
  const c60 = evaluateBatch({ grade: 'C60', groupStrengthsMPa: [66, 66, 66] }) as Record<string, unknown>;
  assert.deepEqual([c60.lambda3, c60.lambda4, c60.passed], [1.1, 0.95, true]);
  assert.deepEqual((evaluateBatch({ grade: 'C60', groupStrengthsMPa: [56.9, 70.6, 70.6] }) as Record<string, unknown>).failedChecks, ['min']);
  assert.deepEqual((evaluateBatch({ grade: 'C60', groupStrengthsMPa: [65.9, 65.9, 65.9] }) as Record<string, unknown>).failedChecks, ['mean']);
});

const s0 = (req: Record<string, unknown>) => ev({ method: 'sigma0_known', previousPeriodGroups: 45, previousPeriodDays: 60, ...req });

test('σ0 known §5.1.2: three checks with σ0 floored at 2.5', () => {
  // C30, σ0 2.00 → 2.50: m ≥ 30 + 1.75 = 31.75 → 31.8 passes; min ≥ 28.25 and ≥ 0.90 × 30 = 27.0
  assert.deepEqual(s0({ sigma0ComputedMPa: 2, groupStrengthsMPa: [31.8, 31.8, 31.8] }), { result: '合格', passed: true, meanMPa: 31.8, minMPa: 31.8, sigma0UsedMPa: 2.5, failedChecks: [] });
  assert.deepEqual(s0({ sigma0ComputedMPa: 2, groupStrengthsMPa: [31.7, 31.7, 31.7] }).failedChecks, ['mean']);
  assert.deepEqual(s0({ sigma0ComputedMPa: 2, groupStrengthsMPa: [28.3, 33.5, 33.5] }).failedChecks, []);
  assert.deepEqual(s0({ sigma0ComputedMPa: 2, groupStrengthsMPa: [28.2, 33.6, 33.6] }).failedChecks, ['min_sigma']);
  // σ0 given to 0.001 is rounded half-up to 0.01: 3.445 → 3.45; 0.7 × 3.45 = 2.415 → m ≥ 32.415
  const r = s0({ sigma0ComputedMPa: 3.445, groupStrengthsMPa: [32.4, 32.4, 32.5] });
  assert.deepEqual([r.sigma0UsedMPa, r.meanMPa, r.failedChecks, 'sigma0MPa' in r], [3.45, 32.4, ['mean'], false]);
});

test('σ0 known: min ≥ 0.85 fcu,k up to C20, 0.90 above', () => {
  // C20, σ0 5.0: min ≥ 20 − 3.5 = 16.5 and ≥ 0.85 × 20 = 17.0 (equality passes); 16.9 fails only min_grade
  const c20 = (min: number) => evaluateBatch({ grade: 'C20', method: 'sigma0_known', sigma0ComputedMPa: 5, previousPeriodGroups: 50, previousPeriodDays: 90, groupStrengthsMPa: [min, 30, 30] }) as Record<string, unknown>;
  assert.deepEqual(c20(17).failedChecks, []);
  assert.deepEqual(c20(16.9).failedChecks, ['min_grade']);
  assert.deepEqual(c20(16.4).failedChecks, ['min_sigma', 'min_grade']);
  // C25 (> C20), σ0 5.0: min ≥ 0.90 × 25 = 22.5; 22.4 fails only min_grade (25 − 3.5 = 21.5)
  const c25 = (min: number) => evaluateBatch({ grade: 'C25', method: 'sigma0_known', sigma0ComputedMPa: 5, previousPeriodGroups: 50, previousPeriodDays: 90, groupStrengthsMPa: [min, 35, 35] }) as Record<string, unknown>;
  assert.deepEqual(c25(22.5).failedChecks, []);
  assert.deepEqual(c25(22.4).failedChecks, ['min_grade']);
  // all three
  assert.deepEqual(c25(10).failedChecks, ['mean', 'min_sigma', 'min_grade']);
});

test('σ0 from the previous period: sample deviation (n − 1), to 0.01, reported as sigma0MPa', () => {
  // 15 each of 28, 32, 36: mean 32, Σd² = 15 × 16 × 2 = 480, σ0 = √(480/44) = 3.3029 → 3.30; 0.7 × 3.30 = 2.31
  const prev = [...repeat(28, 15), ...repeat(32, 15), ...repeat(36, 15)];
  const base = { method: 'sigma0_known', previousPeriodGroupStrengthsMPa: prev, previousPeriodDays: 75 };
  assert.deepEqual(ev({ ...base, groupStrengthsMPa: [32.4, 32.4, 32.4] }), { result: '合格', passed: true, meanMPa: 32.4, minMPa: 32.4, sigma0UsedMPa: 3.3, sigma0MPa: 3.3, failedChecks: [] });
  assert.deepEqual(ev({ ...base, groupStrengthsMPa: [32.3, 32.3, 32.3] }).failedChecks, ['mean']);
  // a calm previous period: σ0 0.5 is reported, 2.5 is used
  const calm = ev({ ...base, previousPeriodGroupStrengthsMPa: [...repeat(30, 23), ...repeat(31, 22)], groupStrengthsMPa: [40, 40, 40] });
  assert.deepEqual([calm.sigma0MPa, calm.sigma0UsedMPa], [0.51, 2.5]);
});

test('σ0 known not applicable, reasons in their order: sample < 45, period < 60 days, batch ≠ 3 groups', () => {
  const b = { method: 'sigma0_known', sigma0ComputedMPa: 3 };
  assert.deepEqual(ev({ ...b, previousPeriodGroups: 44, previousPeriodDays: 59, groupStrengthsMPa: [35, 35, 35, 35] }), { applicable: false, reason: 'previous_period_sample_lt_45' });
  assert.deepEqual(ev({ ...b, previousPeriodGroups: 45, previousPeriodDays: 59, groupStrengthsMPa: [35, 35, 35, 35] }), { applicable: false, reason: 'previous_period_lt_60_days' });
  assert.deepEqual(ev({ ...b, previousPeriodGroups: 45, previousPeriodDays: 60, groupStrengthsMPa: [35, 35, 35, 35] }), { applicable: false, reason: 'batch_must_be_3_groups' });
  assert.deepEqual(ev({ ...b, previousPeriodGroups: 45, previousPeriodDays: 60, groupStrengthsMPa: [35, 35] }), { applicable: false, reason: 'batch_must_be_3_groups' });
  // the group count defaults to the list's length: 44 values → not applicable
  assert.deepEqual(ev({ method: 'sigma0_known', previousPeriodGroupStrengthsMPa: repeat(30, 44), previousPeriodDays: 90, groupStrengthsMPa: [35, 35, 35] }), { applicable: false, reason: 'previous_period_sample_lt_45' });
  // more than 90 days is only "preferably not" (宜): still applicable
  assert.equal(ev({ ...b, previousPeriodGroups: 45, previousPeriodDays: 120, groupStrengthsMPa: [35, 35, 35] }).passed, true);
});

test('evaluate_batch bad requests', () => {
  assert.throws(() => ev({ groupStrengthsMPa: [] }), /groupStrengthsMPa: expected at least one group/);
  assert.throws(() => ev({ groupStrengthsMPa: [30, 'x'] }), /groupStrengthsMPa\[1\]/);
  assert.throws(() => ev({ groupStrengthsMPa: [30], method: 'sigma' }), /method: /);
  assert.throws(() => ev({ groupStrengthsMPa: [30], grade: 'C 30' }), /grade: expected a grade C<number>/);
  assert.throws(() => ev({ method: 'sigma0_known', previousPeriodGroups: 45, previousPeriodDays: 60, groupStrengthsMPa: [35, 35, 35] }), /sigma0ComputedMPa: required/);
  assert.throws(() => ev({ method: 'sigma0_known', sigma0ComputedMPa: 3, previousPeriodDays: 60, groupStrengthsMPa: [35, 35, 35] }), /previousPeriodGroups: required/);
  assert.throws(() => ev({ method: 'sigma0_known', sigma0ComputedMPa: 3, previousPeriodGroups: 45, groupStrengthsMPa: [35, 35, 35] }), /previousPeriodDays: required/);
  assert.throws(() => ev({ method: 'sigma0_known', sigma0ComputedMPa: -1, previousPeriodGroups: 45, previousPeriodDays: 60, groupStrengthsMPa: [35, 35, 35] }), /sigma0ComputedMPa/);
});
