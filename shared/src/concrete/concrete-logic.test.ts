import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requiredGroups, samplingShortfall } from './sampling-frequency';
import { batchDeviations } from './batch-deviation';
import { DEFAULT_CONCRETE_RULES, judgeDivergence, nextCredit, plantStatus } from './consequence-rules';

test('sampling frequency (GB 50204-2015 §7.4.1): per 100 m³ and per 100 batches, one per shift, per 200 m³ over 1000 m³', () => {
  assert.equal(requiredGroups({ volumeM3: 8 }), 1);
  assert.equal(requiredGroups({ volumeM3: 100 }), 1);
  assert.equal(requiredGroups({ volumeM3: 100.5 }), 2);
  assert.equal(requiredGroups({ volumeM3: 250, batches: 120 }), 3);
  assert.equal(requiredGroups({ volumeM3: 90, batches: 230 }), 3, 'small batches: the batch count decides');
  assert.equal(requiredGroups({ volumeM3: 60, shifts: 2 }), 2);
  assert.equal(requiredGroups({ volumeM3: 1000 }), 10);
  assert.equal(requiredGroups({ volumeM3: 1500, batches: 700 }), 8);
  assert.equal(samplingShortfall(3, 1), 2);
  assert.equal(samplingShortfall(3, 4), 0);
});

test('batch deviations: each material against mix × volume, flagged beyond its tolerance, equality passes', () => {
  const mix = [
    { material: 'cement', kgPerM3: 300 },
    { material: 'sand', kgPerM3: 800 },
    { material: 'water', kgPerM3: 180 },
  ] as const;
  const d = batchDeviations(mix, [
    { material: 'cement', kg: 612, lotId: 'a' },
    { material: 'sand', kg: 1700, lotId: 'b' },
  ], 2);
  assert.deepEqual(d.map((x) => [x.material, x.deviationPct, x.exceeded]), [['cement', 2, false], ['sand', 6.3, true], ['water', -100, true]]);
  assert.equal(batchDeviations(mix.slice(0, 1), [{ material: 'cement', kg: 612, lotId: 'a' }], 2, { cement: 1 })[0].exceeded, true, 'the mix’s own tolerance');
});

test('divergence rule as data: lab fails while the self-test passes, or they differ by more than 15 %', () => {
  const r = DEFAULT_CONCRETE_RULES.divergence;
  assert.deepEqual(judgeDivergence(r, { fcuk: 30, labMPa: 26.1, labPassed: false, selfMPa: 33 }), { diverges: true, reasons: ['lab_fail_self_pass', 'difference_exceeds'], diffPct: 26.4 });
  assert.deepEqual(judgeDivergence(r, { fcuk: 30, labMPa: 40, labPassed: true, selfMPa: 46 }).diverges, false, 'exactly 15 % does not exceed');
  assert.deepEqual(judgeDivergence(r, { fcuk: 30, labMPa: 40, labPassed: true, selfMPa: 46.1 }).reasons, ['difference_exceeds']);
  assert.deepEqual(judgeDivergence({ labFailSelfPass: false, maxDiffPct: 50 }, { fcuk: 30, labMPa: 28, labPassed: false, selfMPa: 31 }).diverges, false, 'the rule can be switched off');
  assert.equal(judgeDivergence(r, { fcuk: 30, labMPa: 28, labPassed: false, selfMPa: null }).diverges, false, 'no self-test, nothing to compare');
});

test('credit and plant status from rules as data', () => {
  assert.equal(nextCredit(100, DEFAULT_CONCRETE_RULES, 'batch_failed'), 90);
  assert.equal(nextCredit(5, DEFAULT_CONCRETE_RULES, 'unticketed'), 0);
  const conds = [{ key: 'a' }, { key: 'b' }];
  assert.equal(plantStatus(conds, ['a', 'b'], false), 'qualified');
  assert.equal(plantStatus(conds, ['a'], false), 'unqualified');
  assert.equal(plantStatus(conds, ['a', 'b'], true), 'suspended');
});
