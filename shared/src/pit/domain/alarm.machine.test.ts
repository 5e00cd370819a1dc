import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextAlarmStatus, allowedAlarmActions, type AlarmAction, type AlarmStatus } from './alarm.machine';

const ok: [AlarmStatus, AlarmAction, AlarmStatus][] = [
  ['raised', 'handle', 'handled'],
  ['handled', 'archive', 'archived'],
  ['handled', 'return', 'raised'],
  ['raised', 'comment', 'raised'],
  ['handled', 'require_action', 'raised'],
  ['raised', 'escalate', 'raised'],
  ['handled', 'exceed_again', 'raised'],
];
for (const [from, action, to] of ok) test(`${from} --${action}--> ${to}`, () => assert.equal(nextAlarmStatus(from, action), to));

const refused: [AlarmStatus, AlarmAction][] = [
  ['raised', 'archive'],
  ['raised', 'return'],
  ['handled', 'handle'],
  ['archived', 'handle'],
  ['archived', 'comment'],
  ['archived', 'exceed_again'],
];
for (const [from, action] of refused)
  test(`${from} refuses ${action}`, () => assert.throws(() => nextAlarmStatus(from, action), (e: { code: string }) => e.code === 'invalid_transition'));

test('an archived alarm is closed: no action applies', () => assert.deepEqual(allowedAlarmActions('archived'), []));
