import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateBatch } from './evaluate-batch';
import { evaluateBatches, fastEvaluation } from './evaluate-batches';

/** A small seeded generator (mulberry32): the same inputs on every run, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the contract answers, or the error it throws (message and code), as JSON text: key order counts. */
const answer = (f: () => unknown) => {
  try {
    return JSON.stringify(f());
  } catch (e) {
    const d = e as { message?: string; code?: string };
    return `error ${d.code} ${d.message}`;
  }
};

const same = (input: unknown, label: string) => {
  const expected = answer(() => evaluateBatch(input));
  assert.equal(answer(() => evaluateBatches([input])[0]), expected, `${label}: ${JSON.stringify(input)?.slice(0, 300)}`);
  const fast = fastEvaluation(input);
  if (fast) assert.deepStrictEqual(fast, evaluateBatch(input), label);
  return fast !== null;
};

const GRADES = ['C15', 'C20', 'C25', 'C30', 'C35', 'C40', 'C50', 'C55', 'C59.9', 'C60', 'C80', 'C100', 'C7.5', 'C999.9'];

test('bulk evaluation equals evaluateBatch on 20,000 random batches (1–60 groups, 0.1 MPa and finer values)', () => {
  const r = rng(20261207);
  let fast = 0;
  const N = 20_000;
  for (let i = 0; i < N; i++) {
    const grade = GRADES[Math.floor(r() * GRADES.length)];
    const fcuk = Number(grade.slice(1));
    const n = r() < 0.5 ? 1 + Math.floor(r() * 12) : 1 + Math.floor(r() * 60);
    const spread = r() < 0.3 ? 0.5 : r() < 0.5 ? 5 : 20;
    const digits = r() < 0.6 ? 1 : r() < 0.5 ? 2 : 3;
    const values = Array.from({ length: n }, () => {
      const v = fcuk * (0.8 + r() * 0.5) + (r() - 0.5) * spread;
      return Math.max(0.1, Number(v.toFixed(digits)));
    });
    const input = { grade, groupStrengthsMPa: values, ...(r() < 0.2 ? { method: r() < 0.5 ? 'auto' : null } : {}) };
    if (same(input, `random #${i}`)) fast++;
  }
  // the fast path did the work (and was compared), not the fallback
  assert.ok(fast > N * 0.95, `fast path answered ${fast} of ${N}`);
});

test('bulk evaluation equals evaluateBatch at the rounding halves, the thresholds and the λ steps', () => {
  // the doubles just below a written half (e.g. 3.4499999999999997): the float ×10 rounds up to the half, the
  // written decimal does not — the case the exact route exists for
  const below = [0.44999999999999996, 1.8499999999999999, 3.3499999999999996, 3.4499999999999997, 6.449999999999999, 7.6499999999999995, 28.449999999999996, 34.449999999999996];
  const halves = [...below, 0.05, 0.15, 1.15, 1.005, 2.675, 30.05, 30.15, 30.25, 34.55, 28.45, 39.95, 59.85, 1.45, 8.345, 1234.55, 99999.95, 99999.9];
  for (const grade of ['C30', 'C60', 'C20']) {
    for (const h of halves) {
      for (const n of [1, 3, 9, 10, 14, 15, 19, 20, 45]) {
        same({ grade, groupStrengthsMPa: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? h : 34.5 + (i % 5) / 10)) }, `half ${h} n=${n}`);
      }
    }
  }
  // exactly at the thresholds (equality passes): C30 non-statistical mean 34.5, min 28.5; statistical S at the floor
  for (const v of [34.4, 34.5, 34.6, 28.4, 28.5, 28.6, 27, 26.9]) same({ grade: 'C30', groupStrengthsMPa: [v, 40, 40] }, `threshold ${v}`);
  for (const n of [10, 14, 15, 19, 20, 100, 1000]) {
    same({ grade: 'C30', groupStrengthsMPa: Array.from({ length: n }, () => 32.9) }, `constant n=${n}`);
    same({ grade: 'C30', groupStrengthsMPa: Array.from({ length: n }, (_, i) => (i % 2 ? 40.6 : 28.6)) }, `alternating n=${n}`);
  }
  // a large spread: S far above the floor; huge values leave the fast range and are answered by the contract
  same({ grade: 'C30', groupStrengthsMPa: Array.from({ length: 30 }, (_, i) => 5 + i * 3.3) }, 'wide');
  same({ grade: 'C30', groupStrengthsMPa: [1e5, 2e5, 3e7, 1e12, 5e15] }, 'huge');
  same({ grade: 'C30', groupStrengthsMPa: Array.from({ length: 5000 }, (_, i) => 99_999.9 - i) }, 'large values, many groups');
});

test('bulk evaluation refuses bad input exactly as evaluateBatch does (same code and message)', () => {
  const bad: unknown[] = [
    null, undefined, 42, 'C30', [], [{ grade: 'C30' }], {},
    { grade: 'c30', groupStrengthsMPa: [30] }, { grade: 'C 30', groupStrengthsMPa: [30] }, { grade: 'C0', groupStrengthsMPa: [30] },
    { grade: 'C30.55', groupStrengthsMPa: [30] }, { grade: 'C1000', groupStrengthsMPa: [30] }, { grade: 30, groupStrengthsMPa: [30] },
    { grade: 'C30', groupStrengthsMPa: [] }, { grade: 'C30', groupStrengthsMPa: [30, -1] }, { grade: 'C30', groupStrengthsMPa: [0] },
    { grade: 'C30', groupStrengthsMPa: [0.04] }, { grade: 'C30', groupStrengthsMPa: [0.05] }, { grade: 'C30', groupStrengthsMPa: [30, NaN] },
    { grade: 'C30', groupStrengthsMPa: [30, Infinity] }, { grade: 'C30', groupStrengthsMPa: ['30'] }, { grade: 'C30', groupStrengthsMPa: [30, null] },
    { grade: 'C30', groupStrengthsMPa: '30,31' }, { grade: 'C30', groupStrengthsMPa: [30], method: 'median' },
    { grade: 'C30', groupStrengthsMPa: [30], sigma0ComputedMPa: 'x' }, { grade: 'C30', groupStrengthsMPa: [30], previousPeriodGroups: 4.5 },
    { grade: 'C30', groupStrengthsMPa: [30, 31, 32], method: 'sigma0_known' },
  ];
  bad.forEach((input, i) => same(input, `bad #${i}`));
  // sparse arrays and extra fields
  same({ grade: 'C30', groupStrengthsMPa: [30, , 31] }, 'sparse'); // eslint-disable-line no-sparse-arrays
  same({ grade: 'C30', groupStrengthsMPa: [30, 31, 32], note: 'ignored', lab: { id: 1 } }, 'extra fields');
});

test('the σ0 method and the optional fields go to the contract path and answer the same', () => {
  const prev = Array.from({ length: 45 }, (_, i) => 33 + (i % 7) / 2);
  for (const input of [
    { grade: 'C30', groupStrengthsMPa: [35, 36, 34.5], method: 'sigma0_known', sigma0ComputedMPa: 3.1, previousPeriodGroups: 45, previousPeriodDays: 60 },
    { grade: 'C30', groupStrengthsMPa: [35, 36, 34.5], method: 'sigma0_known', previousPeriodGroupStrengthsMPa: prev, previousPeriodDays: 90 },
    { grade: 'C20', groupStrengthsMPa: [22, 21, 19.5], method: 'sigma0_known', sigma0ComputedMPa: 1.2, previousPeriodGroups: 50, previousPeriodDays: 61 },
    { grade: 'C30', groupStrengthsMPa: [35, 36], method: 'sigma0_known', sigma0ComputedMPa: 3.1, previousPeriodGroups: 45, previousPeriodDays: 60 },
    { grade: 'C30', groupStrengthsMPa: [35, 36, 34.5], method: 'auto', sigma0ComputedMPa: 3.1 },
  ]) {
    assert.equal(fastEvaluation(input), null);
    same(input, JSON.stringify(input).slice(0, 60));
  }
});
