import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classByCode } from './classes';
import { CN_HOLIDAYS_2025 } from './cn-holidays-2025.testing';
import {
  DEFAULT_WORKING_CALENDAR,
  addWorkingHours,
  deadlineFor,
  isOverdue,
  isWorkingDay,
  makeWorkingCalendar,
  workingHoursBetween,
  type WorkingCalendar,
} from './working-calendar';
import { assertThrowsCode, prng, sh, wall } from './city.testing';

const plain = DEFAULT_WORKING_CALENDAR;
const cn2025 = makeWorkingCalendar(CN_HOLIDAYS_2025);

test('adds working hours across lunch, evenings and weekends (Mon–Fri 08:30–12:00, 14:00–18:00)', () => {
  // 2025-06-09 is a Monday.
  const table: [string, number, string][] = [
    ['2025-06-09 10:00', 1, '2025-06-09 11:00'],
    ['2025-06-09 11:00', 1, '2025-06-09 12:00'], // ends exactly at lunch: 12:00, not 14:00
    ['2025-06-09 11:00', 2, '2025-06-09 15:00'], // across lunch
    ['2025-06-09 11:50', 0.25, '2025-06-09 14:05'],
    ['2025-06-09 12:30', 1, '2025-06-09 15:00'], // starts during lunch
    ['2025-06-09 07:00', 1, '2025-06-09 09:30'], // before work
    ['2025-06-09 19:00', 1, '2025-06-10 09:30'], // evening
    ['2025-06-09 08:30', 7.5, '2025-06-09 18:00'], // one working day
    ['2025-06-09 09:00', 7.5, '2025-06-10 09:00'],
    ['2025-06-13 17:00', 2, '2025-06-16 09:30'], // Friday → Monday
    ['2025-06-14 10:00', 1, '2025-06-16 09:30'], // Saturday
    ['2025-06-15 23:59', 0.5, '2025-06-16 09:00'], // Sunday night
    ['2025-06-09 10:00', 112.5, '2025-06-30 10:00'], // 15 working days
    ['2025-06-09 13:00', 0, '2025-06-09 13:00'], // nothing to add
  ];
  for (const [start, hours, end] of table) assert.equal(wall(addWorkingHours(sh(start), hours, plain)), end, `${start} + ${hours} h`);
});

test('holidays and 调休 make-up days (2025 National Day, New Year, Spring Festival)', () => {
  const table: [string, number, string][] = [
    ['2025-09-30 17:00', 2, '2025-10-09 09:30'], // 10/1–10/8 off
    ['2025-10-10 17:00', 2, '2025-10-11 09:30'], // Saturday 10/11 is a 调休 working day
    ['2025-10-11 17:30', 1, '2025-10-13 09:00'], // … and Sunday 10/12 is not
    ['2025-09-28 10:00', 1, '2025-09-28 11:00'], // Sunday 9/28 is a 调休 working day
    ['2024-12-31 17:00', 2, '2025-01-02 09:30'], // 元旦
    ['2025-01-27 17:00', 2, '2025-02-05 09:30'], // 春节 1/28–2/4
    ['2025-09-26 10:00', 112.5, '2025-10-23 10:00'], // 违法搭建: 15 working days over the holiday
  ];
  for (const [start, hours, end] of table) assert.equal(wall(addWorkingHours(sh(start), hours, cn2025)), end, `${start} + ${hours} h`);
  // the same starts without the holiday data land elsewhere, so the data is really used
  assert.equal(wall(addWorkingHours(sh('2025-09-30 17:00'), 2, plain)), '2025-10-01 09:30');
  assert.equal(wall(addWorkingHours(sh('2025-10-10 17:00'), 2, plain)), '2025-10-13 09:30');
});

test('which days are worked', () => {
  const table: [WorkingCalendar, string, boolean][] = [
    [plain, '2025-06-09 23:59', true],
    [plain, '2025-06-14 00:00', false],
    [plain, '2025-10-01 10:00', true],
    [cn2025, '2025-10-01 10:00', false],
    [cn2025, '2025-10-11 10:00', true],
    [cn2025, '2025-10-12 10:00', false],
    [cn2025, '2025-02-08 00:00', true],
  ];
  for (const [cal, at, worked] of table) assert.equal(isWorkingDay(cal, sh(at)), worked, at);
});

test('working hours between two instants', () => {
  const table: [WorkingCalendar, string, string, number][] = [
    [plain, '2025-06-09 11:00', '2025-06-09 15:00', 2],
    [plain, '2025-06-09 12:10', '2025-06-09 13:50', 0],
    [plain, '2025-06-13 17:00', '2025-06-16 09:30', 2],
    [plain, '2025-06-09 15:00', '2025-06-09 11:00', -2],
    [plain, '2025-06-09 10:00', '2025-06-09 10:00', 0],
    [plain, '2025-09-30 08:30', '2025-10-09 18:00', 60],
    [cn2025, '2025-09-30 08:30', '2025-10-09 18:00', 15],
    [cn2025, '2025-10-10 17:00', '2025-10-13 09:00', 9], // 1 + the 调休 Saturday's 7.5 + 0.5
  ];
  for (const [cal, a, b, h] of table) assert.equal(workingHoursBetween(sh(a), sh(b), cal), h, `${a} → ${b}`);
});

test('addWorkingHours and workingHoursBetween agree on 2,000 random starts', () => {
  const rnd = prng(42);
  const from = sh('2024-12-20 00:00').getTime();
  for (const cal of [plain, cn2025]) {
    for (let i = 0; i < 1000; i++) {
      const start = new Date(from + Math.floor(rnd() * 400 * 86_400) * 1000);
      const minutes = Math.floor(rnd() * 200 * 60);
      const end = addWorkingHours(start, minutes / 60, cal);
      assert.equal(Math.round(workingHoursBetween(start, end, cal) * 60), minutes, `${start.toISOString()} + ${minutes} min`);
      if (minutes > 0) assert.ok(isWorkingDay(cal, new Date(end.getTime() - 1)), 'a deadline falls in working time');
    }
  }
});

test('deadlines per class from dispatch; overdue strictly after the deadline', () => {
  const road = classByCode('event', '0104'); // 道路不洁: 5 h, urgent 2 h
  const building = classByCode('event', '0101'); // 违法搭建: 15 working days
  const table: [typeof road, boolean, string, WorkingCalendar, string][] = [
    [road, false, '2025-06-09 16:00', plain, '2025-06-10 11:30'],
    [road, true, '2025-06-09 16:00', plain, '2025-06-09 18:00'],
    [road, true, '2025-06-09 16:30', plain, '2025-06-10 09:00'],
    [building, false, '2025-09-26 10:00', cn2025, '2025-10-23 10:00'],
  ];
  for (const [cls, urgent, dispatched, cal, due] of table) assert.equal(wall(deadlineFor(cls, urgent, sh(dispatched), cal)), due);
  const deadline = sh('2025-06-10 11:30');
  assert.equal(isOverdue(deadline, deadline), false);
  assert.equal(isOverdue(deadline, new Date(deadline.getTime() + 1)), true);
  assert.equal(isOverdue(deadline, sh('2025-06-10 11:29')), false);
});

test('custom calendars: offset, periods and working days', () => {
  const utcShift = makeWorkingCalendar({ utcOffsetMinutes: 0, periods: [{ start: '09:00', end: '17:00' }], workDays: [1, 2, 3, 4, 5, 6] });
  assert.equal(utcShift.hoursPerDay, 8);
  assert.equal(addWorkingHours(new Date('2025-06-14T16:00:00Z'), 2, utcShift).toISOString(), '2025-06-16T10:00:00.000Z'); // Sat → Mon
  assert.equal(plain.hoursPerDay, 7.5);
});

test('bad calendars and inputs are refused', () => {
  const table: [Parameters<typeof makeWorkingCalendar>[0], string][] = [
    [{ periods: [{ start: '8:30', end: '12:00' }] }, 'HH:MM'],
    [{ periods: [{ start: '14:00', end: '12:00' }] }, '重叠'],
    [{ periods: [{ start: '08:30', end: '12:00' }, { start: '11:00', end: '18:00' }] }, '重叠'],
    [{ holidays: ['2025-02-30'] }, 'YYYY-MM-DD'],
    [{ holidays: ['2025-10-11'], makeUpWorkdays: ['2025-10-11'] }, '2025-10-11'],
    [{ workDays: [0] }, '1–7'],
    [{ utcOffsetMinutes: 8 * 60 * 60 }, '时区'],
  ];
  for (const [spec, part] of table) assertThrowsCode(() => makeWorkingCalendar(spec), 'invalid_calendar', part);
  assertThrowsCode(() => addWorkingHours(sh('2025-06-09 10:00'), -1, plain), 'invalid_hours');
  assertThrowsCode(() => addWorkingHours(new Date(Number.NaN), 1, plain), 'invalid_time');
  assertThrowsCode(() => addWorkingHours(sh('2025-06-09 10:00'), 1, makeWorkingCalendar({ workDays: [] })), 'invalid_calendar', '十年');
});
