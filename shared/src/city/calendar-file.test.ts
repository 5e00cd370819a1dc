import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarSpecOf, missingCalendarYear, parseCalendarFile } from './calendar-file';
import { makeWorkingCalendar } from './working-calendar';
import { stepDeadline, slaOfClass } from './step-sla';
import { sh, wall } from './city.testing';

test('a calendar file: holidays and 调休 days of the declared year', () => {
  const { days, errors } = parseCalendarFile('date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-10,workday,国庆节调休\n# comment\n2026-09-20,班,\n', 2026);
  assert.deepEqual(errors, []);
  assert.deepEqual(days.map((d) => `${d.date}:${d.kind}`), ['2026-09-20:workday', '2026-10-01:holiday', '2026-10-10:workday']);
});

test('hostile calendar files: impossible dates, other years, duplicates, bad kinds — by line', () => {
  const { errors } = parseCalendarFile('date,kind,name\n2026-02-30,holiday,x\n2025-12-31,holiday,y\n2026-10-01,holiday,国庆\n2026-10-01,workday,重复\n2026-13-01,holiday,z\n2026-05-01,rest,w\n', 2026);
  assert.deepEqual(errors, [
    { line: 2, message: '日期不存在：2026-02-30' },
    { line: 3, message: '日期 2025-12-31 不在 2026 年内' },
    { line: 5, message: '日期重复：2026-10-01（第 4 行已有）' },
    { line: 6, message: '日期不存在：2026-13-01' },
    { line: 7, message: '类型应为 holiday（节假日）或 workday（调休上班）：rest' },
  ]);
  assert.match(parseCalendarFile('day,type\n', 2026).errors[0].message, /表头/);
  assert.match(parseCalendarFile('date,kind\n', 1899).errors[0].message, /年份/);
});

test('a case created the day before 国庆 2026 is due after the holiday', () => {
  const { days } = parseCalendarFile('date,kind,name\n2026-10-01,holiday,\n2026-10-02,holiday,\n2026-10-05,holiday,\n2026-10-06,holiday,\n2026-10-07,holiday,\n2026-10-10,workday,\n', 2026);
  const cal = makeWorkingCalendar(calendarSpecOf([{ days }]));
  const sla = slaOfClass({ limits: { urgentHours: 2, normalHours: 5 } });
  // 17:00 on 9/30: one hour left that day, the second on 10/8 (Thursday, the first working day after)
  assert.equal(wall(stepDeadline(sla, 'accept', false, sh('2026-09-30 17:00'), cal)), '2026-10-08 09:30');
  assert.equal(wall(stepDeadline(sla, 'handle', false, sh('2026-10-09 17:00'), cal)), '2026-10-10 14:30'); // 10/10 is a 调休 Saturday
});

test('the missing-year warning starts 30 days before the year and stays while the year runs without one', () => {
  assert.equal(missingCalendarYear([2026], sh('2026-12-01 23:00')), null);
  assert.equal(missingCalendarYear([2026], sh('2026-12-02 00:00')), 2027);
  assert.equal(missingCalendarYear([2026, 2027], sh('2026-12-20 00:00')), null);
  assert.equal(missingCalendarYear([2025], sh('2026-03-01 00:00')), 2026);
});

test('the header may be written in Chinese (日期,类型,名称), as the admin page shows it', () => {
  const { days, errors } = parseCalendarFile('日期,类型,名称\n2026-10-01,节假日,国庆节\n2026-10-10,调休上班,国庆节调休\n', 2026);
  assert.deepEqual(errors, []);
  assert.deepEqual(days.map((d) => [d.date, d.kind]), [['2026-10-01', 'holiday'], ['2026-10-10', 'workday']]);
});
