import { test } from 'node:test';
import assert from 'node:assert/strict';
import { levelRaisedAt } from './level-raised';

const t = (m: number) => new Date(Date.UTC(2026, 4, 1, 8, m));

test('an alarm raised orange and then red reports when it turned red; one that never rose reports nothing', () => {
  const raise = { action: 'alarm.raise', at: t(0), data: { level: 'orange' } };
  assert.equal(levelRaisedAt([raise]), null);
  assert.equal(levelRaisedAt([raise, { action: 'alarm.exceed_again', at: t(5), data: { level: 'orange' } }]), null, 'the same level again is no rise');
  assert.deepEqual(levelRaisedAt([raise, { action: 'alarm.handle', at: t(3) }, { action: 'alarm.exceed_again', at: t(9), data: { level: 'red' } }]), { at: t(9), level: 'red' });
  assert.deepEqual(
    levelRaisedAt([{ action: 'alarm.raise', at: t(0), data: { level: 'yellow' } }, { action: 'alarm.exceed_again', at: t(4), data: { level: 'orange' } }, { action: 'alarm.exceed_again', at: t(8), data: { level: 'yellow' } }]),
    { at: t(4), level: 'orange' },
    'a lower reading later does not move the time',
  );
});
