import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../errors';
import { cubeTenthsFromLoad, groupStrength } from './group-strength';

const gs = (req: Record<string, unknown>) => groupStrength({ grade: 'C30', ...req });
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(isDomainError(e));
    return e.code;
  }
  assert.fail('expected an error');
};

test('GB/T 50107 §4.3.1: mean of 3 when no extreme deviates by more than 15 % of the median', () => {
  // 30.0, 31.0, 32.0: deviations 1.0 ≤ 4.65 → mean 31.0
  assert.deepEqual(gs({ cubesMPa: [32, 30, 31] }), { valid: true, representativeMPa: 31, method: 'mean' });
});

test('exactly 15 % does not exceed (超过 is strict); 15 % + 0.1 does', () => {
  // median 40.0, 15 % = 6.0: 46.0 deviates by exactly 6.0 → mean (40 + 40 + 46) / 3 = 42.0
  assert.deepEqual(gs({ cubesMPa: [40, 40, 46] }), { valid: true, representativeMPa: 42, method: 'mean' });
  // both extremes exactly 15 %: 34.0 and 46.0 → mean 40.0
  assert.deepEqual(gs({ cubesMPa: [34, 40, 46] }), { valid: true, representativeMPa: 40, method: 'mean' });
  // 46.1 − 40.0 = 6.1 > 6.0 → the median 40.0 (not the mean of the other two, 40.0 and 40.0 here anyway)
  assert.deepEqual(gs({ cubesMPa: [40, 46.1, 40] }), { valid: true, representativeMPa: 40, method: 'median' });
  // the low extreme: 40.0 − 33.9 = 6.1 > 6.0 → median 40.0, although the other two average 40.5
  assert.deepEqual(gs({ cubesMPa: [33.9, 40, 41] }), { valid: true, representativeMPa: 40, method: 'median' });
  // both exceed → invalid
  assert.deepEqual(gs({ cubesMPa: [33.9, 40, 46.1] }), { valid: false, reason: 'both_extremes_exceed_15pct' });
});

test('§4.3.2 size factors below C60, the worked 200 mm example and half-up rounding', () => {
  // 42.5 / 45.8 / 52.8 on 200 mm: 52.8 − 45.8 = 7.0 > 6.87 → median 45.8 × 1.05 = 48.09 → 48.1
  assert.deepEqual(gs({ cubeSizeMm: 200, cubesMPa: [42.5, 45.8, 52.8] }), { valid: true, representativeMPa: 48.1, method: 'median' });
  // 100 mm: mean 31.0 × 0.95 = 29.45 exactly → 四舍五入 29.5 (a float computation rounds it to 29.4)
  assert.deepEqual(gs({ cubeSizeMm: 100, cubesMPa: [30, 31, 32] }), { valid: true, representativeMPa: 29.5, method: 'mean' });
  // base × factor is rounded once: mean 29.0667 × 1.05 = 30.52 → 30.5 (rounding the mean first, 29.1 × 1.05 = 30.555 → 30.6)
  assert.deepEqual(gs({ cubeSizeMm: 200, cubesMPa: [29, 29, 29.2] }), { valid: true, representativeMPa: 30.5, method: 'mean' });
  // default size is 150 mm (factor 1), null counts as absent
  assert.deepEqual(gs({ cubeSizeMm: null, cubesMPa: [30, 31, 32] }), { valid: true, representativeMPa: 31, method: 'mean' });
});

test('cubesMPa given to 0.01 are rounded half-up to 0.1 first', () => {
  // 30.05 → 30.1 each (the float 30.05 × 10 is 300.49999…)
  assert.deepEqual(gs({ cubesMPa: [30.05, 30.05, 30.05] }), { valid: true, representativeMPa: 30.1, method: 'mean' });
});

test('failure loads: f = F·1000 / size², rounded to 0.1 before the representative value', () => {
  // 150 mm: A = 22 500 mm². 678.4 kN → 30.151 → 30.2; 680 → 30.222 → 30.2; 690 → 30.667 → 30.7
  // mean of the rounded strengths 91.1 / 3 = 30.367 → 30.4 (the unrounded strengths would give 30.3)
  assert.deepEqual(gs({ failureLoadsKN: [678.4, 680, 690] }), { valid: true, cubeStrengthsMPa: [30.2, 30.2, 30.7], representativeMPa: 30.4, method: 'mean' });
  // 100 mm: 300.5 kN → 30.05 MPa exactly → 30.1; × 0.95 on the mean
  assert.equal(cubeTenthsFromLoad(300.5, 100), 301n);
  assert.equal(cubeTenthsFromLoad(300.4, 100), 300n);
  // 200 mm: A = 40 000 mm². 1700, 1832, 2112 kN → 42.5, 45.8, 52.8 → the worked example again
  assert.deepEqual(gs({ cubeSizeMm: 200, failureLoadsKN: [1700, 1832, 2112] }), { valid: true, cubeStrengthsMPa: [42.5, 45.8, 52.8], representativeMPa: 48.1, method: 'median' });
  // strengths are reported in input order, also when the group is invalid
  assert.deepEqual(gs({ failureLoadsKN: [1037.25, 762.75, 900] }), { valid: false, cubeStrengthsMPa: [46.1, 33.9, 40], reason: 'both_extremes_exceed_15pct' });
});

test('C60 and above: a non-standard cube needs a test-determined factor', () => {
  assert.deepEqual(groupStrength({ grade: 'C60', cubeSizeMm: 100, cubesMPa: [60, 61, 62] }), { valid: false, reason: 'c60_nonstandard_needs_test_factor' });
  assert.deepEqual(groupStrength({ grade: 'C80', cubeSizeMm: 200, failureLoadsKN: [3200, 3240, 3280] }), { valid: false, cubeStrengthsMPa: [80, 81, 82], reason: 'c60_nonstandard_needs_test_factor' });
  // with it: 61.0 × 0.93 = 56.73 → 56.7
  assert.deepEqual(groupStrength({ grade: 'C60', cubeSizeMm: 100, cubesMPa: [60, 61, 62], testDeterminedSizeFactor: 0.93 }), { valid: true, representativeMPa: 56.7, method: 'mean' });
  // on the standard cube no factor is needed (and a given one is not applied)
  assert.deepEqual(groupStrength({ grade: 'C60', cubesMPa: [60, 61, 62], testDeterminedSizeFactor: 0.9 }), { valid: true, representativeMPa: 61, method: 'mean' });
  // C55 is below C60: the fixed 0.95 applies, a test factor is not used
  assert.deepEqual(groupStrength({ grade: 'C55', cubeSizeMm: 100, cubesMPa: [60, 61, 62], testDeterminedSizeFactor: 0.9 }), { valid: true, representativeMPa: 58, method: 'mean' });
  // the 15 % rule is decided first (§4.3.1 before §4.3.2)
  assert.deepEqual(groupStrength({ grade: 'C60', cubeSizeMm: 100, cubesMPa: [50.8, 60, 69.1] }), { valid: false, reason: 'both_extremes_exceed_15pct' });
});

test('bad requests are invalid_request naming the field; extra fields are ignored', () => {
  for (const grade of ['c30', 'C 30', '30', 'C', 'C30MPa', 'C0', 'C3.25', 30, null]) assert.equal(code(() => gs({ grade, cubesMPa: [30, 31, 32] })), 'invalid_request', String(grade));
  assert.throws(() => gs({ grade: 'c30', cubesMPa: [30, 31, 32] }), /^DomainError: grade: expected a grade C<number>/);
  assert.throws(() => gs({ cubesMPa: [30, 31] }), /cubesMPa: expected exactly 3 cubes, got 2/);
  assert.throws(() => gs({ failureLoadsKN: [1, 2, 3, 4] }), /failureLoadsKN: expected exactly 3 cubes, got 4/);
  assert.throws(() => gs({ cubesMPa: [30, '31', 32] }), /cubesMPa\[1\]: expected number/);
  assert.throws(() => gs({ cubesMPa: [30, -31, 32] }), /cubesMPa\[1\]/);
  assert.throws(() => gs({ cubeSizeMm: 120, cubesMPa: [30, 31, 32] }), /cubeSizeMm: expected 100, 150 or 200/);
  assert.throws(() => gs({}), /cubesMPa: required: cubesMPa or failureLoadsKN/);
  assert.throws(() => gs({ cubesMPa: [30, 31, 32], failureLoadsKN: [675, 700, 720] }), /not both/);
  assert.throws(() => gs({ cubesMPa: [30, 31, 32], testDeterminedSizeFactor: 0 }), /testDeterminedSizeFactor/);
  assert.throws(() => groupStrength({ cubesMPa: [30, 31, 32] }), /grade: required/);
  assert.deepEqual(gs({ cubesMPa: [30, 31, 32], lab: 'x', remark: { a: 1 } }), { valid: true, representativeMPa: 31, method: 'mean' });
  // decimal grades such as C7.5 are C<number> too
  assert.deepEqual(groupStrength({ grade: 'C7.5', cubesMPa: [8, 8, 8] }), { valid: true, representativeMPa: 8, method: 'mean' });
});
