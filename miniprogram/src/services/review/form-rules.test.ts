import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijingField, beijingToIso } from './form-rules';

test('the meeting time is Beijing wall time; anything else is refused', () => {
  assert.equal(beijingToIso('2026-12-08 09:30'), '2026-12-08T01:30:00.000Z');
  assert.equal(beijingToIso(' 2026-12-08T00:15 '), '2026-12-07T16:15:00.000Z');
  for (const bad of ['2026-02-30 09:00', '2026-13-01 09:00', '2026-12-08 24:00', '2026-12-08 9:30', '明天上午', '']) assert.equal(beijingToIso(bad), null, bad);
  assert.equal(beijingField(Date.parse('2026-12-07T16:15:00Z')), '2026-12-08 00:15');
});
