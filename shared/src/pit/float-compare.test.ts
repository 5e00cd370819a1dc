import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exceedBound, exceeds, reachBound, reaches } from './float-compare';

test('0.7 × 3.0 = 2.0999999999999996: 2.1 reaches it and does not exceed it', () => {
  assert.equal(0.7 * 3.0, 2.0999999999999996);
  assert.equal(reaches(2.1, 0.7 * 3.0), true);
  assert.equal(exceeds(2.1, 0.7 * 3.0), false);
  assert.equal(reaches(2.0999999999999996, 2.1), true);
  assert.equal(reaches(2.09, 2.1), false);
  assert.equal(exceeds(2.11, 2.1), true);
  assert.equal(2.1 / 3.0 >= reachBound(0.7), true);
  assert.equal(2.1 / 3.0 > exceedBound(0.7), false);
  assert.equal(0.3 / 0.1 >= reachBound(3), true); // 2.9999999999999996
  assert.equal(reaches(0, 0), true);
  assert.equal(exceeds(0, 0), false);
});
