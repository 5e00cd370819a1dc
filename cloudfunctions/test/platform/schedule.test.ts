import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSchedule, dueJobs, type ScheduleRow } from '../../src/platform/schedule';

// Beijing time is UTC+8: 10:05 in Beijing is 02:05Z.
const bj = (hhmm: string, day = '2026-12-07') => new Date(new Date(`${day}T${hhmm}:00+08:00`).getTime() + 17_000); // 17 s into the minute, as a late tick
const TABLE: ScheduleRow[] = [
  { name: 'five', schedule: { everyMinutes: 5 } },
  { name: 'quarter-past', schedule: { everyMinutes: 60, at: 15 } },
  { name: 'nightly', schedule: { everyMinutes: 1440, at: 150 } },
  { name: 'every-minute', schedule: { everyMinutes: 1 } },
];
const names = (now: Date) => dueJobs(TABLE, now).map((r) => r.name);

test('dueJobs: the jobs whose schedule has a run in the minute of now, in Beijing time', () => {
  assert.deepEqual(names(bj('10:05')), ['five', 'every-minute']);
  assert.deepEqual(names(bj('10:06')), ['every-minute']);
  assert.deepEqual(names(bj('10:15')), ['five', 'quarter-past', 'every-minute']);
  assert.deepEqual(names(bj('02:30')), ['five', 'nightly', 'every-minute']);
  assert.deepEqual(names(bj('14:30')), ['five', 'every-minute'], 'nightly is 02:30 Beijing, not 02:30 UTC or 14:30');
});

test('dueJobs: over one day each job runs exactly as often as its schedule says', () => {
  const counts = new Map<string, number>();
  const start = new Date('2026-12-06T16:00:00Z').getTime(); // midnight in Beijing
  for (let m = 0; m < 1440; m++) for (const r of dueJobs(TABLE, new Date(start + m * 60_000 + 5000))) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(counts), { five: 288, 'quarter-past': 24, nightly: 1, 'every-minute': 1440 });
});

test('describeSchedule reads as the schedule', () => {
  assert.equal(describeSchedule({ everyMinutes: 5 }), 'every 5 min');
  assert.equal(describeSchedule({ everyMinutes: 60, at: 15 }), 'hourly at :15');
  assert.equal(describeSchedule({ everyMinutes: 1440, at: 150 }), 'daily at 02:30 (UTC+8)');
});
