import type { ContextModule } from '../../platform/context-module';
import { flagMissedPatrols } from '../../jobs/city.jobs';
import { patrolRoutes } from './patrol.routes';
import { patrolRuleRoutes } from './patrol-rules.routes';
import { patrolCoverageRoutes } from './patrol-coverage.routes';
import { PATROL_CHECKS, PATROL_INDEXES, PATROL_OUTBOX_SOURCES } from './patrol.collections';

export const patrolModule: ContextModule = {
  name: 'patrol',
  routes: [patrolRoutes, patrolRuleRoutes, patrolCoverageRoutes],
  // check-in photos: the patroller who took them, and the grid's area chief (coverage)
  evidenceReferrers: [{ collection: PATROL_CHECKS, fields: ['photos'], action: 'patrol.manage', kind: 'patrol' }],
  indexes: PATROL_INDEXES,
  outboxSources: PATROL_OUTBOX_SOURCES,
  jobs: [{ name: 'patrol-missed', schedule: { everyMinutes: 60, at: 5 }, run: (deps) => flagMissedPatrols(deps) }],
};
