/**
 * 城市配置 (city admin): the class table with its step SLA and the working calendar per year. Types only from the
 * shared contract (shared/src/city/city-config.contract.ts), so zod stays out of the bundle.
 */
import type { CalendarsView, CalendarYearView, ClassTableView, ImportPreview } from '@cityloop/shared/city/city-config.contract';
import type { Api } from '../api';

export type { CalendarsView, CalendarYearView, ClassTableView, ImportPreview } from '@cityloop/shared/city/city-config.contract';

export function createAdminApi(api: Pick<Api, 'get' | 'post'>) {
  const seg = encodeURIComponent;
  const base = (cityId: string) => `/api/admin/cities/${seg(cityId)}`;
  return {
    classes: (cityId: string) => api.get<ClassTableView>(`${base(cityId)}/classes`),
    importClasses: (cityId: string, csv: string, dryRun: boolean) => api.post<ImportPreview>(`${base(cityId)}/classes/import`, { csv, dryRun }),
    calendars: (cityId: string) => api.get<CalendarsView>(`${base(cityId)}/calendars`),
    calendarYear: (cityId: string, year: number) => api.get<CalendarYearView>(`${base(cityId)}/calendars/${year}`),
    importCalendar: (cityId: string, year: number, text: string, dryRun: boolean) => api.post<ImportPreview>(`${base(cityId)}/calendars/${year}/import`, { text, dryRun }),
    editDay: (cityId: string, year: number, body: { action: 'add' | 'remove'; date: string; kind?: string; name?: string }) => api.post<CalendarYearView>(`${base(cityId)}/calendars/${year}/days`, body),
  };
}
