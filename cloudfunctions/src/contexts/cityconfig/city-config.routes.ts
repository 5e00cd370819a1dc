import type { Context, Hono } from 'hono';
import { invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import { missingCalendarYear } from '@cityloop/shared/city/calendar-file';
import { calendarDayRequest, calendarImportRequest, classImportRequest, type CalendarsView, type CalendarYearView, type ClassTableView } from '@cityloop/shared/city/city-config.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { CALENDARS, CLASS_TABLES } from './city-config.collections';
import { calendarsOfCity, findCalendar } from './city-config.repository';
import { classTableOf, importClassTable, type Changer } from './class-table';
import { addCalendarDay, importCalendar, removeCalendarDay } from './calendar';
import { missingYearMessage } from './calendar-warning.job';

/**
 * The city's admin: who may manage `permission` for the city in the path. Another city's data is a 404 (the
 * admin may not know it exists), like another town's case.
 */
function cityAdmin(c: Context<AppEnv>, permission: 'class.manage' | 'calendar.manage'): { by: Changer; cityId: string } {
  const actor = requireActor(c);
  const cityId = c.req.param('cityId') ?? '';
  const d = can(actor, permission, { kind: 'city', scope: { cityId } });
  if (!d.allow) throw notFound('该城市不存在或不在您的管理范围内', 'city_not_found');
  return { by: { userId: actor.userId, role: d.who ?? 'admin' }, cityId };
}

function yearOf(c: Context<AppEnv>): number {
  const raw = c.req.param('year') ?? '';
  const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid(`年份应为 2000–2100 的四位数字：${raw}`, 'invalid_year');
  return year;
}

const reqCtx = (c: Context<AppEnv>) => ({ requestId: c.get('requestId'), ip: c.get('ip') });

export function cityConfigRoutes(app: Hono<AppEnv>) {
  /** 分类与时限: the city's class table with the SLA of each step. */
  app.get('/api/admin/cities/:cityId/classes', async (c) => {
    const { cityId } = cityAdmin(c, 'class.manage');
    const t = await classTableOf(c.get('deps').db, cityId);
    const view: ClassTableView = {
      cityId,
      version: t.version,
      stored: t.stored,
      updatedAt: t.updatedAt?.toISOString() ?? null,
      majors: t.table.majors.map((m) => ({ kind: m.kind, code: m.code, name: m.name })),
      classes: t.table.classes.map((x) => ({ kind: x.kind, code: x.code, name: x.name, majorCode: x.majorCode, fileCondition: x.fileCondition, closeCondition: x.closeCondition, sla: x.sla })),
    };
    return ok(c, view);
  });

  /** Import the class table (CSV): `dryRun` previews the errors; otherwise all-or-nothing. */
  app.post('/api/admin/cities/:cityId/classes/import', async (c) => {
    const { by, cityId } = cityAdmin(c, 'class.manage');
    const body = await jsonBody(c, classImportRequest);
    const r = await importClassTable(c.get('deps'), by, cityId, body.csv, { dryRun: body.dryRun, ctx: reqCtx(c) });
    if (r.version) touched(c, CLASS_TABLES, cityId);
    return ok(c, r);
  });

  /** 工作日历: the years the city has, and the warning for a missing one. */
  app.get('/api/admin/cities/:cityId/calendars', async (c) => {
    const { cityId } = cityAdmin(c, 'calendar.manage');
    const docs = await calendarsOfCity(c.get('deps').db, cityId);
    const missing = missingCalendarYear(docs.map((d) => d.year), c.get('deps').now());
    const view: CalendarsView = {
      cityId,
      years: docs.map((d) => ({ year: d.year, version: d.version, holidays: d.days.filter((x) => x.kind === 'holiday').length, workdays: d.days.filter((x) => x.kind === 'workday').length, updatedAt: d.updatedAt.toISOString() })),
      warning: missing === null ? null : { year: missing, message: missingYearMessage(missing) },
    };
    return ok(c, view);
  });

  app.get('/api/admin/cities/:cityId/calendars/:year', async (c) => {
    const { cityId } = cityAdmin(c, 'calendar.manage');
    const year = yearOf(c);
    const doc = await findCalendar(c.get('deps').db, cityId, year);
    const view: CalendarYearView = { cityId, year, version: doc?.version ?? 0, days: doc?.days ?? [] };
    return ok(c, view);
  });

  app.post('/api/admin/cities/:cityId/calendars/:year/import', async (c) => {
    const { by, cityId } = cityAdmin(c, 'calendar.manage');
    const year = yearOf(c);
    const body = await jsonBody(c, calendarImportRequest);
    const r = await importCalendar(c.get('deps'), by, cityId, year, body.text, { dryRun: body.dryRun, ctx: reqCtx(c) });
    if (r.version) touched(c, CALENDARS, `${cityId}:${year}`);
    return ok(c, r);
  });

  app.post('/api/admin/cities/:cityId/calendars/:year/days', async (c) => {
    const { by, cityId } = cityAdmin(c, 'calendar.manage');
    const year = yearOf(c);
    const body = await jsonBody(c, calendarDayRequest);
    const deps = c.get('deps');
    const version =
      body.action === 'add'
        ? await addCalendarDay(deps, by, cityId, year, { date: body.date, kind: body.kind ?? '', name: body.name }, reqCtx(c))
        : await removeCalendarDay(deps, by, cityId, year, body.date, reqCtx(c));
    touched(c, CALENDARS, `${cityId}:${year}`);
    const doc = await findCalendar(deps.db, cityId, year);
    const view: CalendarYearView = { cityId, year, version, days: doc?.days ?? [] };
    return ok(c, view);
  });
}
