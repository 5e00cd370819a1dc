import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checksumFlags, inclinometerFlags } from './inclinometer.flags';

test('exported forensic helper for the ingest function', () => {
  assert.deepEqual(inclinometerFlags([0.5, 1.0], [0.44, 0.4], [-0.44, -0.4]), [{ code: 'mirror_readings' }]);
  assert.deepEqual(inclinometerFlags([0.5], [0.44], [-0.44]), [], 'one depth is not enough to call it a mirror');
  assert.deepEqual(inclinometerFlags([0.5, 1.0], [0.44, 0.4], [-0.43, -0.4]), [], '0.01 mm of noise is not a mirror');
  const f = checksumFlags([0.5, 1, 1.5], [0.3, 0.2, 2.9], 1.0);
  assert.deepEqual(f.map((x) => [x.code, x.depth_m]), [['checksum_outlier', 1.5]]);
  // Exactly the tolerance away from the median is not an outlier (1.3 − 0.3 = 0.9999999999999999 or 1.0).
  assert.deepEqual(checksumFlags([0.5, 1, 1.5], [0.3, 0.3, 1.3], 1.0), []);
  assert.deepEqual(inclinometerFlags([0.5, 1], [0.3, 0.3], [0, 0], { initialChecksum_mm: [0.3, -0.8] }).map((x) => [x.code, x.depth_m]), [['checksum_jump', 1]]);
  assert.deepEqual(checksumFlags([], [], 1), []);
});
