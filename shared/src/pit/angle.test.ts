import assert from 'node:assert/strict';
import { test } from 'node:test';
import { azimuthDeg, cosDeg, normalizeDeg, sinDeg, wrapDeg } from './angle';
import { assertClose } from './pit.testing';

test('exact trig at quadrants, ordinary values elsewhere', () => {
  assert.deepEqual([0, 90, 180, 270, 360, -90, 450].map(sinDeg), [0, 1, 0, -1, 0, -1, 1]);
  assert.deepEqual([0, 90, 180, 270, 360].map(cosDeg), [1, 0, -1, 0, 1]);
  assertClose(sinDeg(30), 0.5, 1e-15);
  assertClose(cosDeg(60), 0.5, 1e-15);
});

test('normalise, wrap and azimuth', () => {
  assert.equal(normalizeDeg(-90), 270);
  assert.equal(normalizeDeg(720), 0);
  assert.equal(normalizeDeg(-1e-20), 0);
  assert.equal(wrapDeg(350), -10);
  assert.equal(wrapDeg(180), 180);
  assert.equal(wrapDeg(-180), 180);
  assert.deepEqual([[0, 1], [1, 0], [0, -1], [-1, 0]].map(([e, n]) => azimuthDeg(e, n)), [0, 90, 180, 270]);
  assertClose(azimuthDeg(1, 1), 45, 1e-12);
  assertClose(azimuthDeg(-1, 1), 315, 1e-12);
});
