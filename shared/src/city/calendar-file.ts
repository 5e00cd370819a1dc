import { parseCsv } from './csv.parse';

/**
 * A city's working calendar for one year as data (docs/domain/city.md §1.7): the public holidays and the 调休
 * working days. The file is CSV, one day a line, header `date,kind,name`:
 * `2026-10-01,holiday,国庆节` · `2026-10-10,workday,国庆节调休上班`. `kind` is `holiday` (休) or `workday` (班).
 */
export type CalendarDayKind = 'holiday' | 'workday';
export type CalendarDay = { date: string; kind: CalendarDayKind; name: string };
export type LineError = { line: number; message: string };

/** @example CALENDAR_KIND_LABELS.workday // '调休上班' */
export const CALENDAR_KIND_LABELS: Record<CalendarDayKind, string> = { holiday: '节假日', workday: '调休上班' };
const KIND_ALIASES: Record<string, CalendarDayKind> = { holiday: 'holiday', workday: 'workday', 节假日: 'holiday', 休: 'holiday', 调休上班: 'workday', 班: 'workday' };
/** Years a calendar may be declared for. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;
const MAX_NAME = 30;
/** The header may be written in Chinese (日期,类型,名称), as the admin page's sample is. */
const HEADER_ALIASES: Record<string, string> = { 日期: 'date', 类型: 'kind', 名称: 'name' };
const MAX_DAYS = 366;

/**
 * Why `date` is not a real day of `year`, or null. Catches 2026-02-30 (no such day) and a date of another year.
 * @example dateProblem('2026-02-30', 2026) // '日期不存在：2026-02-30'
 */
export function dateProblem(date: string, year: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return `日期格式应为 YYYY-MM-DD：${date || '（空）'}`;
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== date) return `日期不存在：${date}`;
  if (Number(date.slice(0, 4)) !== year) return `日期 ${date} 不在 ${year} 年内`;
  return null;
}

/** Why `year` cannot carry a calendar, or null. */
export function yearProblem(year: number): string | null {
  return Number.isInteger(year) && year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max ? null : `年份应为 ${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max} 的整数：${year}`;
}

/** Checks one day (the admin adding a day by hand uses the same rules as a file line). */
export function dayProblem(d: { date: string; kind: string; name?: string }, year: number): string | null {
  const p = dateProblem(d.date, year);
  if (p) return p;
  if (!KIND_ALIASES[d.kind]) return `类型应为 holiday（节假日）或 workday（调休上班）：${d.kind || '（空）'}`;
  if ((d.name ?? '').length > MAX_NAME) return `名称不能超过 ${MAX_NAME} 字`;
  return null;
}

/**
 * Parses and validates a year's calendar file; every problem is reported with its line, and nothing is usable
 * unless `errors` is empty (the import is all-or-nothing).
 * @example parseCalendarFile('date,kind,name\n2026-10-01,holiday,国庆节\n2026-02-30,holiday,x', 2026).errors // [{ line: 3, message: '日期不存在：2026-02-30' }]
 */
export function parseCalendarFile(text: string, year: number): { days: CalendarDay[]; errors: LineError[] } {
  const errors: LineError[] = [];
  const yp = yearProblem(year);
  if (yp) return { days: [], errors: [{ line: 0, message: yp }] };
  const rows = parseCsv(text).filter((r) => !(r.cells.length === 1 && r.cells[0].trim() === '') && !r.cells[0].trim().startsWith('#'));
  if (!rows.length) return { days: [], errors: [{ line: 0, message: '文件为空：第一行应为表头 date,kind,name' }] };
  const header = rows[0].cells.map((c) => c.trim().toLowerCase()).map((h) => HEADER_ALIASES[h] ?? h);
  if (header[0] !== 'date' || header[1] !== 'kind') return { days: [], errors: [{ line: rows[0].line, message: '第一行应为表头 date,kind,name' }] };
  const seen = new Map<string, number>();
  const days: CalendarDay[] = [];
  for (const r of rows.slice(1)) {
    const [date = '', kind = '', name = ''] = r.cells.map((c) => c.trim());
    const problem = dayProblem({ date, kind, name }, year);
    if (problem) {
      errors.push({ line: r.line, message: problem });
      continue;
    }
    const first = seen.get(date);
    if (first !== undefined) {
      errors.push({ line: r.line, message: `日期重复：${date}（第 ${first} 行已有）` });
      continue;
    }
    seen.set(date, r.line);
    days.push({ date, kind: KIND_ALIASES[kind], name });
  }
  if (days.length > MAX_DAYS) errors.push({ line: 0, message: `一年最多 ${MAX_DAYS} 天` });
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { days, errors };
}

/** The holidays and 调休 days of calendar years, for `makeWorkingCalendar`. */
export function calendarSpecOf(years: readonly { days: readonly CalendarDay[] }[]): { holidays: string[]; makeUpWorkdays: string[] } {
  const all = years.flatMap((y) => y.days);
  return { holidays: all.filter((d) => d.kind === 'holiday').map((d) => d.date), makeUpWorkdays: all.filter((d) => d.kind === 'workday').map((d) => d.date) };
}

/** Whether to warn now that `year + 1` has no calendar: within 30 days before it starts (Asia/Shanghai). */
export const WARN_DAYS_BEFORE_YEAR = 30;

/**
 * The year whose calendar is missing and due soon (or already running), or null.
 * @example missingCalendarYear([2025, 2026], new Date('2026-12-07T00:00:00Z')) // 2027
 */
export function missingCalendarYear(years: readonly number[], now: Date): number | null {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const y = local.getUTCFullYear();
  if (!years.includes(y)) return y;
  const nextStart = Date.UTC(y + 1, 0, 1) - 8 * 3_600_000;
  if (nextStart - now.getTime() <= WARN_DAYS_BEFORE_YEAR * 86_400_000 && !years.includes(y + 1)) return y + 1;
  return null;
}
