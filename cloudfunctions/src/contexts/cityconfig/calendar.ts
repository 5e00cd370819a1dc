import type { Db } from 'mongodb';
import { invalid, notFound } from '@cityloop/shared/errors';
import { CALENDAR_KIND_LABELS, calendarSpecOf, dayProblem, parseCalendarFile, yearProblem, type CalendarDay, type CalendarDayKind } from '@cityloop/shared/city/calendar-file';
import { makeWorkingCalendar, type WorkingCalendar } from '@cityloop/shared/city/working-calendar';
import type { ImportPreview } from '@cityloop/shared/city/city-config.contract';
import type { Deps } from '../../platform/deps';
import { createdAggregate, eventWrites, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { CALENDARS, type CalendarDoc } from './city-config.collections';
import { calendarsOfCity, findCalendar, insertCalendar, updateCalendar } from './city-config.repository';
import type { Changer, Ctx } from './class-table';

/**
 * The working calendar of a city: every year it has, as holidays and 调休 days on the default working week
 * (Mon–Fri 08:30–12:00, 14:00–18:00, +08:00). A year without a calendar counts plain weekdays (the missing-year
 * warning asks the admin to import it in time).
 */
export async function cityCalendar(db: Db, cityId: string): Promise<WorkingCalendar> {
  return makeWorkingCalendar(calendarSpecOf(await calendarsOfCity(db, cityId)));
}

const counts = (days: readonly CalendarDay[]) => ({ holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length });

/** One change of a year's days in one versioned write (or the first insert), with its event and audit row. */
async function writeDays(deps: Deps, by: Changer, cityId: string, year: number, days: CalendarDay[], action: string, data: Record<string, unknown>, ctx: Ctx, current?: CalendarDoc | null): Promise<number> {
  const t = deps.now();
  const scope = { cityId };
  const id = `${cityId}:${year}`;
  const event: DomainEvent = { id: newId('ev'), action, at: t, actorId: by.userId, role: by.role, data: { year, ...data } };
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  if (!current) {
    await insertCalendar(deps.db, { ...createdAggregate(CALENDARS, id, event, [], { ...ctx, scope }), cityId, year, days: sorted, scope, updatedAt: t });
    return 1;
  }
  const w = eventWrites(CALENDARS, id, event, [], { ...ctx, scope });
  await updateCalendar(deps.db, current, { $set: { ...w.$set, days: sorted, updatedAt: t }, $push: w.$push as never });
  return current.version + 1;
}

/**
 * Imports a year's calendar file (CSV `date,kind,name`), replacing that year's days: checked whole first (every
 * problem by line, nothing written), then one write. `dryRun` answers the preview only.
 */
export async function importCalendar(deps: Deps, by: Changer, cityId: string, year: number, text: string, opts: { dryRun?: boolean; ctx?: Ctx } = {}): Promise<ImportPreview> {
  const { days, errors } = parseCalendarFile(text, year);
  if (errors.length) {
    if (opts.dryRun) return { ok: false, errors, counts: counts(days) };
    const where = errors[0].line ? `第 ${errors[0].line} 行 ` : '';
    throw invalid(`日历文件有 ${errors.length} 处错误，未导入任何内容：${where}${errors[0].message}`, 'calendar_invalid', { errors });
  }
  if (opts.dryRun) return { ok: true, errors: [], counts: counts(days) };
  const current = await findCalendar(deps.db, cityId, year);
  const version = await writeDays(deps, by, cityId, year, days, 'calendar.import', { ...counts(days), from: current?.version ?? 0 }, opts.ctx ?? {}, current);
  return { ok: true, errors: [], counts: counts(days), version };
}

/** Adds one holiday or 调休 day to a year (the year's calendar is created if it has none). */
export async function addCalendarDay(deps: Deps, by: Changer, cityId: string, year: number, day: { date: string; kind: string; name?: string }, ctx: Ctx = {}): Promise<number> {
  const yp = yearProblem(year);
  if (yp) throw invalid(yp, 'calendar_invalid');
  const problem = dayProblem(day, year);
  if (problem) throw invalid(problem, 'calendar_invalid');
  const kind: CalendarDayKind = day.kind === 'workday' || day.kind === '调休上班' || day.kind === '班' ? 'workday' : 'holiday';
  const current = await findCalendar(deps.db, cityId, year);
  const existing = current?.days.find((d) => d.date === day.date);
  if (existing) throw invalid(`${day.date} 已在日历中（${CALENDAR_KIND_LABELS[existing.kind]}），请先删除再添加`, 'calendar_day_exists');
  const added: CalendarDay = { date: day.date, kind, name: (day.name ?? '').trim() };
  return writeDays(deps, by, cityId, year, [...(current?.days ?? []), added], 'calendar.add_day', { date: day.date, kind }, ctx, current);
}

/** Removes one day from a year's calendar. */
export async function removeCalendarDay(deps: Deps, by: Changer, cityId: string, year: number, date: string, ctx: Ctx = {}): Promise<number> {
  const current = await findCalendar(deps.db, cityId, year);
  const existing = current?.days.find((d) => d.date === date);
  if (!current || !existing) throw notFound(`${date} 不在 ${year} 年的日历中`, 'calendar_day_not_found');
  return writeDays(deps, by, cityId, year, current.days.filter((d) => d.date !== date), 'calendar.remove_day', { date, kind: existing.kind }, ctx, current);
}
