import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cumulativeControlMm, defaultControl } from './control-defaults';

test('level-1 pile wall top vertical: 10 mm / 0.1 %H / 2 mm/d (lower end of 表8.0.4)', () => {
  assert.deepEqual(defaultControl('wallTopVertical', 1, 'pile'), { absoluteMm: 10, percentH: 0.1, rate: 2 });
});

test('cumulative control = min(absolute, %·H)', () => {
  const c = defaultControl('wallTopHorizontal', 2, 'diaphragmWall')!; // 30 mm, 0.3 %H
  assert.equal(cumulativeControlMm(c, 8), 24); // 0.3 % of 8 m = 24 mm < 30
  assert.equal(cumulativeControlMm(c, 15), 30); // 45 mm > 30
});

test('soil-nail walls have looser limits than piles', () => {
  assert.ok(defaultControl('wallTopHorizontal', 1, 'soilNail')!.absoluteMm! > defaultControl('wallTopHorizontal', 1, 'pile')!.absoluteMm!);
});

test('force items carry a fraction of member capacity, not mm', () => {
  assert.deepEqual(defaultControl('strutForce', 1, 'pile'), { forceFraction: 0.6 });
  assert.equal(cumulativeControlMm({ forceFraction: 0.6 }, 10), null);
});
