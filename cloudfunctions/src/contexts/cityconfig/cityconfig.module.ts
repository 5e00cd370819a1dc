import type { ContextModule } from '../../platform/context-module';
import { cityConfigRoutes } from './city-config.routes';
import { CITY_CONFIG_INDEXES, CITY_CONFIG_OUTBOX_SOURCES } from './city-config.collections';
import { warnMissingCalendars } from './calendar-warning.job';

/** The city as data: class table with step SLA, working calendar per year (docs/domain/city.md §1.6–1.7). */
export const cityConfigModule: ContextModule = {
  name: 'cityconfig',
  routes: [cityConfigRoutes],
  indexes: CITY_CONFIG_INDEXES,
  outboxSources: CITY_CONFIG_OUTBOX_SOURCES,
  // daily at 09:00 Beijing time: the warning is once per city and year, so a later run only confirms it
  jobs: [{ name: 'calendar-warning', schedule: { everyMinutes: 1440, at: 540 }, run: (deps) => warnMissingCalendars(deps) }],
};
