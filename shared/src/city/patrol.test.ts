import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dueTasks, inWindow, missedIn, periodOf, type PatrolRule } from './patrol';

const at = (s: string) => new Date(s);
const rule: PatrolRule = { id: 'r1', facilityIds: ['f1', 'f2'], per: 'day', times: 2, window: { start: '08:00', end: '18:00' }, patrollerIds: ['p1'], active: true };

test('periods are local (Asia/Shanghai) days, ISO weeks and months', () => {
  assert.deepEqual(periodOf('day', at('2026-11-25T17:30:00Z')), { start: at('2026-11-25T16:00:00Z'), end: at('2026-11-26T16:00:00Z') }); // 01:30 local on the 26th
  const w = periodOf('week', at('2026-11-26T04:00:00Z')); // Thursday
  assert.equal(w.start.toISOString(), '2026-11-22T16:00:00.000Z'); // Monday 00:00 local
  assert.equal(periodOf('month', at('2026-11-30T20:00:00Z')).start.toISOString(), '2026-11-30T16:00:00.000Z'); // already December locally
});

test('checks count only inside the daily window', () => {
  assert.equal(inWindow(rule, at('2026-11-26T00:30:00Z')), true); // 08:30
  assert.equal(inWindow(rule, at('2026-11-26T11:00:00Z')), false); // 19:00
});

test('due tasks: what each patroller still owes today', () => {
  const checks = [{ facilityId: 'f1', patrollerId: 'p1', at: at('2026-11-26T01:00:00Z') }, { facilityId: 'f1', patrollerId: 'p1', at: at('2026-11-25T01:00:00Z') }];
  const due = dueTasks([rule], checks, 'p1', at('2026-11-26T05:00:00Z'));
  assert.deepEqual(due.map((d) => [d.facilityId, d.done, d.remaining]), [['f1', 1, 1], ['f2', 0, 2]]);
  assert.deepEqual(dueTasks([rule], checks, 'someone-else', at('2026-11-26T05:00:00Z')), []);
  assert.deepEqual(dueTasks([{ ...rule, active: false }], checks, 'p1', at('2026-11-26T05:00:00Z')), []);
});

test('missed: the period is judged after it ends', () => {
  const checks = [{ facilityId: 'f1', patrollerId: 'p1', at: at('2026-11-25T01:00:00Z') }, { facilityId: 'f1', patrollerId: 'p1', at: at('2026-11-25T02:00:00Z') }];
  assert.deepEqual(missedIn(rule, checks, at('2026-11-25T10:00:00Z')), [{ facilityId: 'f1', done: 2, missed: 0 }, { facilityId: 'f2', done: 0, missed: 2 }]);
});
