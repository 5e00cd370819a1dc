import { messagesFor } from '@cityloop/shared/notify/message';
import { missingCalendarYear } from '@cityloop/shared/city/calendar-file';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { deliverNow } from '../../platform/outbox/deliver-now';
import { userIdsWithRoleKeys } from '../../platform/auth/users.repository';
import { CALENDAR_WARNINGS } from './city-config.collections';
import { calendarsOfCity, configuredCities, insertCalendarWarning } from './city-config.repository';

export const CALENDAR_PAGE = '/packages/admin/pages/calendar/index';

/** What the admin page and the message say about a missing year. */
export const missingYearMessage = (year: number) => `${year} 年的工作日历尚未导入：案件时限将不计节假日和调休，请尽快导入国务院办公厅公布的 ${year} 年放假安排。`;

/**
 * 30 days before a year without a working calendar (or while one runs without it), the city's admins are told
 * once: one `calendar_warnings` document per city and year carries the message (a second run finds it and stops).
 */
export async function warnMissingCalendars(deps: Deps): Promise<{ warned: number }> {
  const now = deps.now();
  const touched: string[] = [];
  for (const cityId of await configuredCities(deps.db)) {
    const year = missingCalendarYear((await calendarsOfCity(deps.db, cityId)).map((c) => c.year), now);
    if (year === null) continue;
    const id = `${cityId}:${year}`;
    const event: DomainEvent = { id: `${id}:warn`, action: 'calendar.missing_year', at: now, actorId: null, role: 'system', data: { year } };
    const admins = await userIdsWithRoleKeys(deps.db, [`admin:${cityId}`]);
    const msgs = messagesFor(event.id, admins, now, { channels: ['inbox'], title: `工作日历缺失｜${year} 年`, body: missingYearMessage(year), link: CALENDAR_PAGE });
    const scope = { cityId };
    if (await insertCalendarWarning(deps.db, { ...createdAggregate(CALENDAR_WARNINGS, id, event, msgs, { scope }), cityId, year, scope, createdAt: now })) touched.push(id);
  }
  await deliverNow(deps, touched.map((id) => ({ collection: CALENDAR_WARNINGS, id })), { log: deps.log, budgetMs: 10_000 });
  return { warned: touched.length };
}
