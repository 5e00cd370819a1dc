import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exact, fromScaled, isqrt, roundHalfUp, scaled, sqrtRoundHalfUp } from './decimal';

test('exact reads a number as the decimal it was written as', () => {
  assert.deepEqual(exact(1.005), { n: 1005n, d: 1000n });
  assert.deepEqual(exact(30), { n: 30n, d: 1n });
  assert.deepEqual(exact(-2.5), { n: -25n, d: 10n });
  assert.deepEqual(exact(1e-7), { n: 1n, d: 10_000_000n });
  assert.deepEqual(exact(1.5e21), { n: 1_500_000_000_000_000_000_000n, d: 1n });
  assert.throws(() => exact(Number.NaN), /finite/);
});

test('scaled rounds half up (四舍五入) where the float would round down', () => {
  // 1.005 × 100 is 100.49999999999999 in binary floating point; the decimal 1.005 rounds to 1.01.
  assert.equal(Math.round(1.005 * 100), 100);
  assert.equal(scaled(1.005, 2), 101n);
  assert.equal(scaled(30.25, 1), 303n);
  assert.equal(scaled(30.24, 1), 302n);
  assert.equal(scaled(2.345, 2), 235n);
  assert.equal(scaled(-2.5, 0), -3n, 'a negative half goes away from zero');
  assert.equal(scaled(30, 1), 300n);
});

test('roundHalfUp of a rational', () => {
  assert.equal(roundHalfUp({ n: 5n, d: 2n }), 3n);
  assert.equal(roundHalfUp({ n: 7n, d: 3n }), 2n);
  assert.equal(roundHalfUp({ n: 8n, d: 3n }), 3n);
});

test('isqrt and sqrtRoundHalfUp are exact', () => {
  assert.equal(isqrt(0n), 0n);
  assert.equal(isqrt(15n), 3n);
  assert.equal(isqrt(16n), 4n);
  assert.equal(isqrt(10n ** 40n + 1n), 10n ** 20n);
  assert.equal(sqrtRoundHalfUp(25n, 4n), 3n, '√6.25 = 2.5 exactly → 3');
  assert.equal(sqrtRoundHalfUp(24n, 4n), 2n, '√6 = 2.449 → 2');
  assert.equal(sqrtRoundHalfUp(0n, 7n), 0n);
  assert.equal(sqrtRoundHalfUp(144n, 9n), 4n);
  assert.equal(fromScaled(481n, 1), 48.1);
  assert.equal(fromScaled(346n, 2), 3.46);
});
