import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exceedBound } from './float-compare';
import { controlValue, solveJudge } from './judge';
import { levelJudge, worseLevel } from './levels';
import { assertClose, assertThrowsCode } from './pit.testing';

const levels = { yellow: 0.7, orange: 0.85, red: 1.0 };

test('levels on |value| with inclusive boundaries that binary floats cannot fool (0.7 × 3.0)', () => {
  const r = solveJudge({ kind: 'judge', levels, control_value: 3.0, values: [2.1, -2.1, 2.09, 2.55, 2.549, 3.0, -3.2, 0, 2.0999999999999996] });
  assert.deepEqual(r.values!.toArray().map((v) => v.level), ['yellow', 'yellow', 'normal', 'orange', 'yellow', 'red', 'red', 'normal', 'yellow']);
  assert.equal(r.control_value, 3);
  assert.equal(r.control_basis, 'control_value');
  assertClose(r.values!.at(0).ratio, 0.7, 1e-15);
  assert.equal(r.values!.at(1).value, -2.1);
  assertClose(r.values!.at(6).ratio, 3.2 / 3, 1e-15);
  assert.equal(r.worst_level, 'red');
  assert.deepEqual(r.rates.toArray(), []);
});

test('control = min(absolute, percent_H % of H) in mm', () => {
  const cases: [object, number, string][] = [
    [{ absolute: 30, percent_H: 0.25, H_m: 10 }, 25, 'percent_H'],
    [{ absolute: 20, percent_H: 0.25, H_m: 10 }, 20, 'absolute'],
    [{ absolute: 30, percent_H: 0.25, H_m: 12 }, 30, 'absolute'],
    [{ percent_H: 0.3, H_m: 15 }, 45, 'percent_H'],
    [{ absolute: 40 }, 40, 'absolute'],
  ];
  for (const [control, value, basis] of cases) {
    const c = controlValue({ control });
    assertClose(c.value, value, 1e-12, JSON.stringify(control));
    assert.equal(c.basis, basis);
  }
  // 0.25 % of 12 m is exactly 30 mm, so 21 mm reaches 70 %.
  assert.equal(solveJudge({ kind: 'judge', levels, control: { percent_H: 0.25, H_m: 12 }, values: [21] }).values!.at(0).level, 'yellow');
});

test('rates: the consecutive rule counts epochs strictly above the fraction and fires red', () => {
  const r = solveJudge({
    kind: 'judge',
    levels,
    control_value: 30,
    rates: [1.5, 1.41, 1.4, 1.5, 1.6, 1.7, 0.5, 2.0, -1.5, -1.5, -1.5],
    rate_control: 2,
    consecutive: { n: 3, fraction: 0.7 },
  });
  assert.deepEqual(r.rates.toArray().map((x) => x.consecutive_count), [1, 2, 0, 1, 2, 3, 0, 1, 2, 3, 4]);
  assert.deepEqual(r.rates.toArray().map((x) => x.consecutive_triggered), [false, false, false, false, false, true, false, false, false, true, true]);
  assert.deepEqual(r.rates.toArray().map((x) => x.level), ['yellow', 'yellow', 'yellow', 'yellow', 'yellow', 'orange', 'normal', 'red', 'yellow', 'yellow', 'yellow']);
  assert.deepEqual(r.rates.toArray().map((x) => x.final_level), ['yellow', 'yellow', 'yellow', 'yellow', 'yellow', 'red', 'normal', 'red', 'yellow', 'red', 'red']);
  assert.equal(r.rate_control, 2);
  assertClose(r.rates.at(0).ratio, 0.75, 1e-15);
  assert.equal(r.rates.at(8).rate, -1.5);
  assert.equal(r.worst_level, 'red');
  assert.equal(r.values, undefined, 'no values judged: no values answered');
  assert.equal(r.control_value, undefined);
});

test('a rate equal to the fraction in decimal is not "strictly above" even when the float ratio is', () => {
  assert.equal(2.1 / 3 > 0.7, true);
  const r = solveJudge({ kind: 'judge', levels, control_value: 10, rates: [2.1, 2.1, 2.1, 2.1], rate_control: 3, consecutive: { n: 3, fraction: 0.7 } });
  assert.deepEqual(r.rates.toArray().map((x) => x.consecutive_count), [0, 0, 0, 0]);
  assert.deepEqual(r.rates.toArray().map((x) => x.final_level), ['yellow', 'yellow', 'yellow', 'yellow']);
  assert.equal(r.worst_level, 'yellow');
});

test('consecutive rule: configurable level and n; absent rule never fires', () => {
  const rates = [1.5, 1.5, 1.5];
  const orange = solveJudge({ kind: 'judge', levels, control_value: 10, rates, rate_control: 2, consecutive: { n: 2, fraction: 0.7, level: 'orange' } });
  assert.deepEqual(orange.rates.toArray().map((x) => x.final_level), ['yellow', 'orange', 'orange']);
  const none = solveJudge({ kind: 'judge', levels, control_value: 10, rates, rate_control: 2 });
  assert.deepEqual(none.rates.toArray().map((x) => [x.consecutive_count, x.consecutive_triggered, x.final_level]), [[0, false, 'yellow'], [0, false, 'yellow'], [0, false, 'yellow']]);
});

test('values and rates together: worst level over both', () => {
  const r = solveJudge({ kind: 'judge', levels, control_value: 30, values: [10, 26], rates: [0.5, 1.8], rate_control: 2 });
  assert.deepEqual(r.values!.toArray().map((v) => v.level), ['normal', 'orange']);
  assert.deepEqual(r.rates.toArray().map((v) => v.level), ['normal', 'orange']);
  assert.equal(r.worst_level, 'orange');
  assert.equal(solveJudge({ kind: 'judge', levels, control_value: 30, values: [1] }).worst_level, 'normal');
});

test('rates alone (§6): no values and no cumulative control; the answer has rates but no control_value or values', () => {
  // rate control 2 mm/d: 1.5 → 75 % yellow, 1.8 → 90 % orange, 2.0 → 100 % red; three in a row > 70 % fire red.
  const req = { kind: 'judge', levels, rates: [1.5, 1.8, 1.5, 0.2], rate_control: 2, consecutive: { n: 3, fraction: 0.7 } };
  const r = solveJudge(req);
  const json = JSON.parse(JSON.stringify(r));
  assert.deepEqual(Object.keys(json).sort(), ['kind', 'rate_control', 'rates', 'worst_level']);
  assert.deepEqual(json.rates.map((x: { level: string; final_level: string; consecutive_count: number }) => [x.level, x.consecutive_count, x.final_level]), [['yellow', 1, 'yellow'], ['orange', 2, 'orange'], ['yellow', 3, 'red'], ['normal', 0, 'normal']]);
  assert.equal(r.worst_level, 'red');
  // without `consecutive` too
  assert.deepEqual(solveJudge({ kind: 'judge', levels, rates: [2], rate_control: 2 }).rates.toArray().map((x) => x.final_level), ['red']);
  // a control given with rates only is not judged and not answered
  assert.equal(solveJudge({ ...req, control_value: 3 }).control_value, undefined);
});

test('invalid judge requests name the field', () => {
  const ok = { kind: 'judge', levels, control_value: 3, values: [1] };
  const cases: [unknown, string, string][] = [
    [{ ...ok, levels: { yellow: 0.9, orange: 0.85, red: 1 } }, 'invalid_request', 'levels.orange: must be ≥ levels.yellow'],
    [{ ...ok, levels: { yellow: 0.7, orange: 0.85, red: 0.8 } }, 'invalid_request', 'levels.red: must be ≥ levels.orange'],
    [{ ...ok, levels: { yellow: 0.7, orange: 0.85 } }, 'invalid_request', 'levels.red: required'],
    [{ ...ok, control_value: 0 }, 'invalid_request', 'control_value: Too small'],
    [{ ...ok, control_value: undefined }, 'invalid_request', 'control_value: required (or control)'],
    [{ ...ok, control: { absolute: 3 } }, 'invalid_request', 'control: give either control_value or control, not both'],
    [{ ...ok, control_value: undefined, control: { percent_H: 0.2 } }, 'invalid_request', 'control.H_m: required when percent_H is given'],
    [{ ...ok, control_value: undefined, control: {} }, 'invalid_request', 'control.absolute: required'],
    [{ ...ok, values: [1, 2, '3'] }, 'invalid_request', 'values[2]: expected number, received string'],
    [{ ...ok, values: [1, null] }, 'invalid_request', 'values[1]: expected number, received null'],
    [{ ...ok, values: 'all' }, 'invalid_request', 'values: expected array'],
    [{ ...ok, rates: [1] }, 'invalid_request', 'rate_control: required when rates are given'],
    [{ ...ok, rates: [1, true], rate_control: 2 }, 'invalid_request', 'rates[1]: expected number, received boolean'],
    [{ ...ok, values: undefined }, 'invalid_request', 'values: give values, rates or both'],
    [{ kind: 'judge', levels, values: [1], rates: [1], rate_control: 2 }, 'invalid_request', 'control_value: required (or control)'],
    [{ kind: 'judge', levels, rate_control: 2 }, 'invalid_request', 'values: give values, rates or both'],
    [{ ...ok, rates: [1], rate_control: 2, consecutive: { n: 0, fraction: 0.7 } }, 'invalid_request', 'consecutive.n: Too small'],
    [{ ...ok, rates: [1], rate_control: 2, consecutive: { n: 3, fraction: 0.7, level: 'black' } }, 'invalid_request', 'consecutive.level: Invalid option'],
  ];
  for (const [req, code, message] of cases) assertThrowsCode(() => solveJudge(req), code, message);
});

test('the hot loops agree with a plain per-element reference (levels incl. equal thresholds, every rule level, -0, boundaries)', () => {
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const levelSets = [levels, { yellow: 0.8, orange: 0.8, red: 1 }, { yellow: 0.5, orange: 0.9, red: 0.9 }, { yellow: 1, orange: 1, red: 1 }];
  for (const lv of levelSets) {
    for (const ruleLevel of [undefined, 'yellow', 'orange', 'red'] as const) {
      const c = 3;
      const rc = 2;
      const pick = () => {
        const r = rnd();
        if (r < 0.1) return [lv.yellow, lv.orange, lv.red, 0.7][Math.floor(rnd() * 4)] * (rnd() < 0.5 ? c : rc) * (rnd() < 0.5 ? -1 : 1);
        if (r < 0.12) return rnd() < 0.5 ? 0 : -0;
        return Math.round((rnd() - 0.5) * 2 * 4 * 100) / 100;
      };
      const values = Array.from({ length: 400 }, pick);
      const rates = Array.from({ length: 400 }, pick);
      const consecutive = { n: 2 + Math.floor(rnd() * 3), fraction: 0.7, ...(ruleLevel ? { level: ruleLevel } : {}) };
      const r = solveJudge({ kind: 'judge', levels: lv, control_value: c, values, rates, rate_control: rc, consecutive });
      const levelOf = levelJudge(lv);
      const bound = exceedBound(consecutive.fraction);
      let count = 0;
      const abs = (v: number) => (v < 0 ? -v : v); // as the solver: −0 keeps its sign (a ratio of −0 prints as 0)
      values.forEach((v, i) => assert.deepEqual(r.values!.at(i), { value: v, ratio: abs(v) / c, level: levelOf(abs(v) / c) }, `value ${i}`));
      rates.forEach((v, i) => {
        const ratio = abs(v) / rc;
        count = ratio > bound ? count + 1 : 0;
        const triggered = count >= consecutive.n;
        const level = levelOf(ratio);
        assert.deepEqual(r.rates.at(i), { rate: v, ratio, level, consecutive_count: count, consecutive_triggered: triggered, final_level: triggered ? worseLevel(level, ruleLevel ?? 'red') : level }, `rate ${i}`);
      });
    }
  }
});

test('the columns serialise to exactly the §6 objects (what `cityloop pit solve` prints)', () => {
  const r = solveJudge({ kind: 'judge', levels, control_value: 3, values: [2.1, -0, -3.2], rates: [2.2, 2.25, 2.3, 0.1], rate_control: 3, consecutive: { n: 3, fraction: 0.7 } });
  const json = JSON.parse(JSON.stringify(r));
  assert.deepEqual(json.values, [
    { value: 2.1, ratio: 2.1 / 3, level: 'yellow' },
    { value: 0, ratio: 0, level: 'normal' },
    { value: -3.2, ratio: 3.2 / 3, level: 'red' },
  ]);
  assert.deepEqual(json.rates.map((x: { consecutive_triggered: boolean; final_level: string }) => [x.consecutive_triggered, x.final_level]), [[false, 'yellow'], [false, 'yellow'], [true, 'red'], [false, 'normal']]);
  assert.deepEqual([...r.values!].map((v) => v.level), ['yellow', 'normal', 'red']);
  assert.equal(r.rates.length, 4);
});
