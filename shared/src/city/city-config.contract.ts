import * as z from 'zod';
import type { ClassKind } from './classes';
import type { CalendarDay, LineError } from './calendar-file';
import type { StepSla } from './step-sla';

/** Request schemas and response types of the city's class table and working calendar (docs/domain/city.md §1.6–1.7). */
const MAX_FILE = 512 * 1024;
const text = z.string({ message: '请粘贴或选择文件内容' }).max(MAX_FILE, `文件不能超过 ${MAX_FILE / 1024} KB`);

/** POST /api/admin/cities/:cityId/classes/import — `dryRun` checks and previews without writing. */
export const classImportRequest = z.object({ csv: text, dryRun: z.boolean().optional() });
/** POST /api/admin/cities/:cityId/calendars/:year/import */
export const calendarImportRequest = z.object({ text, dryRun: z.boolean().optional() });
/** POST /api/admin/cities/:cityId/calendars/:year/days — add or remove one day. */
export const calendarDayRequest = z.object({
  action: z.enum(['add', 'remove'], { message: '操作应为 add 或 remove' }),
  date: z.string().max(20),
  kind: z.string().max(20).optional(),
  name: z.string().max(60).optional(),
});
/** GET /api/classes — the class list of a city for the report form (by city, or by the scanned facility). */
export const classListQuery = z.object({ cityId: z.string().min(1).max(60).optional(), facilityId: z.string().min(1).max(60).optional() });

export interface ClassRow {
  kind: ClassKind;
  code: string;
  name: string;
  majorCode: string;
  fileCondition: string;
  closeCondition: string;
  sla: StepSla;
}
/** The admin's view of a city's class table. */
export interface ClassTableView {
  cityId: string;
  version: number;
  /** false while the city runs on the built-in seed table (nothing imported yet) */
  stored: boolean;
  updatedAt: string | null;
  majors: { kind: ClassKind; code: string; name: string }[];
  classes: ClassRow[];
}
export interface ImportPreview {
  ok: boolean;
  errors: LineError[];
  counts: { majors?: number; classes?: number; holidays?: number; workdays?: number };
  /** set when written: the new version */
  version?: number;
}
export interface CalendarYearSummary {
  year: number;
  version: number;
  holidays: number;
  workdays: number;
  updatedAt: string;
}
export interface CalendarsView {
  cityId: string;
  years: CalendarYearSummary[];
  /** a year starting within 30 days (or running) without a calendar */
  warning: { year: number; message: string } | null;
}
export interface CalendarYearView {
  cityId: string;
  year: number;
  version: number;
  days: CalendarDay[];
}
