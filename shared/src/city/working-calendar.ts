import { invalid } from '../errors';
import type { CityClass } from './classes';

/**
 * The working calendar behind every SLA clock (case clocks count 工作时, docs/domain/city.md §1.2). All arithmetic
 * is done in the calendar's fixed UTC offset (Asia/Shanghai = +08:00, no DST), never the machine's TZ.
 */
export type WorkingCalendarSpec = {
  /** minutes east of UTC; 480 = Asia/Shanghai */
  utcOffsetMinutes: number;
  /** ISO weekdays that are normally worked, 1 = Monday … 7 = Sunday */
  workDays: readonly number[];
  /** working periods of a working day, 'HH:MM' local, sorted and non-overlapping */
  periods: readonly { start: string; end: string }[];
  /** local dates 'YYYY-MM-DD' that are not worked even if their weekday is */
  holidays: readonly string[];
  /** 调休: local dates that are worked even if their weekday is not */
  makeUpWorkdays: readonly string[];
};

/** A validated calendar; build it once with `makeWorkingCalendar`. */
export type WorkingCalendar = {
  readonly spec: WorkingCalendarSpec;
  readonly offsetMs: number;
  /** [start, end) in ms after local midnight */
  readonly periods: readonly (readonly [number, number])[];
  readonly hoursPerDay: number;
  readonly holidays: ReadonlySet<number>;
  readonly makeUpWorkdays: ReadonlySet<number>;
  readonly workDays: ReadonlySet<number>;
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Give up after ten years without enough working time (a calendar with no working days). */
const MAX_DAYS = 3_660;

/** Mon–Fri 08:30–12:00 and 14:00–18:00 at +08:00, no holidays. */
export const DEFAULT_CALENDAR_SPEC: WorkingCalendarSpec = {
  utcOffsetMinutes: 480,
  workDays: [1, 2, 3, 4, 5],
  periods: [
    { start: '08:30', end: '12:00' },
    { start: '14:00', end: '18:00' },
  ],
  holidays: [],
  makeUpWorkdays: [],
};

const hhmm = (s: string, field: string): number => {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
  const v = m ? (Number(m[1]) * 60 + Number(m[2])) * 60_000 : NaN;
  if (!(v <= DAY)) throw invalid(`工作日历时段格式应为 HH:MM：${field} = ${s}`, 'invalid_calendar');
  return v;
};

const dayOf = (date: string, field: string): number => {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== date) throw invalid(`工作日历日期格式应为 YYYY-MM-DD：${field} = ${date}`, 'invalid_calendar');
  return t / DAY;
};

/**
 * Validates a calendar spec (defaults: Mon–Fri 08:30–12:00 and 14:00–18:00, +08:00, no holidays).
 * Throws `invalid_calendar` for malformed times or dates, overlapping periods, or a date that is both
 * a holiday and a make-up day.
 * @example makeWorkingCalendar({ holidays: ['2025-10-01'], makeUpWorkdays: ['2025-10-11'] }).hoursPerDay // 7.5
 */
export function makeWorkingCalendar(spec: Partial<WorkingCalendarSpec> = {}): WorkingCalendar {
  const s: WorkingCalendarSpec = { ...DEFAULT_CALENDAR_SPEC, ...spec };
  if (!Number.isInteger(s.utcOffsetMinutes) || Math.abs(s.utcOffsetMinutes) > 14 * 60) throw invalid('工作日历时区偏移无效', 'invalid_calendar');
  for (const d of s.workDays) if (!Number.isInteger(d) || d < 1 || d > 7) throw invalid(`工作日应为 1–7：${d}`, 'invalid_calendar');
  const periods = s.periods.map((p, i) => [hhmm(p.start, `periods[${i}].start`), hhmm(p.end, `periods[${i}].end`)] as const);
  periods.forEach(([a, b], i) => {
    if (!(a < b) || (i > 0 && a < periods[i - 1][1])) throw invalid('工作时段须按时间先后排列且互不重叠', 'invalid_calendar');
  });
  const holidays = new Set(s.holidays.map((d, i) => dayOf(d, `holidays[${i}]`)));
  const makeUp = new Set(s.makeUpWorkdays.map((d, i) => dayOf(d, `makeUpWorkdays[${i}]`)));
  for (const d of makeUp) if (holidays.has(d)) throw invalid(`同一天不能既是节假日又是调休工作日：${new Date(d * DAY).toISOString().slice(0, 10)}`, 'invalid_calendar');
  return {
    spec: s,
    offsetMs: s.utcOffsetMinutes * 60_000,
    periods,
    hoursPerDay: periods.reduce((sum, [a, b]) => sum + (b - a), 0) / HOUR,
    holidays,
    makeUpWorkdays: makeUp,
    workDays: new Set(s.workDays),
  };
}

/** Mon–Fri 08:30–12:00, 14:00–18:00, Asia/Shanghai, no holidays: add the year's holidays for production. */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = makeWorkingCalendar();

/** ISO weekday of a local day number (day 0 = 1970-01-01, a Thursday). */
const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/**
 * Whether the calendar day (in the calendar's offset) containing `at` is worked: 调休 days are,
 * holidays are not, otherwise the weekday decides.
 * @example isWorkingDay(DEFAULT_WORKING_CALENDAR, new Date('2025-06-07T10:00:00+08:00')) // false (Saturday)
 */
export function isWorkingDay(calendar: WorkingCalendar, at: Date): boolean {
  return isWorkingDayNumber(calendar, Math.floor((at.getTime() + calendar.offsetMs) / DAY));
}

function isWorkingDayNumber(c: WorkingCalendar, day: number): boolean {
  if (c.makeUpWorkdays.has(day)) return true;
  if (c.holidays.has(day)) return false;
  return c.workDays.has(isoWeekday(day));
}

const checkDate = (d: Date, name: string) => {
  if (!(d instanceof Date) || !Number.isFinite(d.getTime())) throw invalid(`${name} 不是有效时间`, 'invalid_time');
};

/**
 * The instant at which `hours` working hours have elapsed after `start`. Time outside working periods
 * does not count; a start outside them begins at the next period. A deadline that lands exactly on the
 * end of a period is that end (12:00, not 14:00). `hours = 0` returns `start`.
 * @example addWorkingHours(new Date('2025-06-06T17:00:00+08:00'), 2, DEFAULT_WORKING_CALENDAR) // 2025-06-09T09:30:00+08:00 (Friday → Monday)
 */
export function addWorkingHours(start: Date, hours: number, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): Date {
  checkDate(start, 'start');
  if (!Number.isFinite(hours) || hours < 0) throw invalid(`工作小时数应为非负数：${hours}`, 'invalid_hours');
  let remaining = Math.round(hours * HOUR);
  if (remaining === 0) return new Date(start.getTime());
  const local = start.getTime() + calendar.offsetMs;
  let day = Math.floor(local / DAY);
  let inDay = local - day * DAY;
  for (let i = 0; i < MAX_DAYS; i++, day++, inDay = 0) {
    if (!isWorkingDayNumber(calendar, day)) continue;
    for (const [a, b] of calendar.periods) {
      if (inDay >= b) continue;
      const from = Math.max(inDay, a);
      if (remaining <= b - from) return new Date(day * DAY + from + remaining - calendar.offsetMs);
      remaining -= b - from;
    }
  }
  throw invalid('工作日历在十年内没有足够的工作时间', 'invalid_calendar');
}

/**
 * Working hours between two instants (negative when `b` is before `a`).
 * @example workingHoursBetween(new Date('2025-06-09T11:00:00+08:00'), new Date('2025-06-09T15:00:00+08:00'), DEFAULT_WORKING_CALENDAR) // 2 (lunch does not count)
 */
export function workingHoursBetween(a: Date, b: Date, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): number {
  checkDate(a, 'a');
  checkDate(b, 'b');
  if (b.getTime() < a.getTime()) return -workingHoursBetween(b, a, calendar);
  const la = a.getTime() + calendar.offsetMs;
  const lb = b.getTime() + calendar.offsetMs;
  const firstDay = Math.floor(la / DAY);
  const lastDay = Math.floor(lb / DAY);
  let ms = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    if (!isWorkingDayNumber(calendar, day)) continue;
    const base = day * DAY;
    for (const [p, q] of calendar.periods) {
      const from = Math.max(base + p, la);
      const to = Math.min(base + q, lb);
      if (to > from) ms += to - from;
    }
  }
  return ms / HOUR;
}

/**
 * Overdue = `now` strictly after the deadline; a case is on time up to and including the deadline.
 * @example isOverdue(new Date('2025-06-09T12:00:00+08:00'), new Date('2025-06-09T12:00:01+08:00')) // true
 */
export function isOverdue(deadline: Date, now: Date): boolean {
  return now.getTime() > deadline.getTime();
}

/**
 * The 处置时限 deadline of a case: the class's urgent or normal limit in working hours, counted from
 * dispatch (派遣 starts the clock, docs/domain/city.md §1.2).
 * @example deadlineFor(classByCode('event', '0104'), false, new Date('2025-06-09T16:00:00+08:00'), DEFAULT_WORKING_CALENDAR) // 2025-06-10T11:30:00+08:00 (道路不洁, 5 h)
 */
export function deadlineFor(cls: Pick<CityClass, 'limits'>, urgent: boolean, dispatchedAt: Date, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): Date {
  return addWorkingHours(dispatchedAt, urgent ? cls.limits.urgentHours : cls.limits.normalHours, calendar);
}
