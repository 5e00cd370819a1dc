import type { ContextModule } from '../../platform/context-module';
import { flagMissedPatrols } from '../../jobs/city.jobs';
import { patrolRoutes } from './patrol.routes';
import { PATROL_INDEXES, PATROL_OUTBOX_SOURCES } from './patrol.collections';

export const patrolModule: ContextModule = {
  name: 'patrol',
  routes: [patrolRoutes],
  indexes: PATROL_INDEXES,
  outboxSources: PATROL_OUTBOX_SOURCES,
  jobs: [{ name: 'patrol-missed', schedule: { everyMinutes: 60, at: 5 }, run: (deps) => flagMissedPatrols(deps) }],
};
