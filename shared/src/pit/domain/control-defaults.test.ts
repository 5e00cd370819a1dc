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

test('the items added for a level-1 pit carry their defaults (docs/domain/pit.md §1.2–1.3, lower/stricter end)', () => {
  // building tilt 2/1000 = 2 ‰, its speed 0.0001·H/d over height H = 0.1 ‰/d
  assert.deepEqual(defaultControl('buildingTilt', 1, 'pile'), { absolute: 2, rate: 0.1 });
  assert.equal(cumulativeControlMm(defaultControl('buildingTilt', 1, 'soilNail')!, 12), 2, 'tilt does not scale with the pit depth');
  assert.deepEqual(defaultControl('roadSettlement', 1, 'pile'), { absoluteMm: 10, rate: 3 });
  assert.deepEqual(defaultControl('buildingCrack', 2, 'pile'), { absoluteMm: 1.5 });
  assert.deepEqual(defaultControl('groundCrack', 3, 'smw'), { absoluteMm: 10 });
  assert.deepEqual(defaultControl('wallInternalForce', 1, 'diaphragmWall'), { forceFraction: 0.6 });
  assert.deepEqual(defaultControl('wallInternalForce', 2, 'diaphragmWall'), { forceFraction: 0.7 });
});
