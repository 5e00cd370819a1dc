import type { ContextModule } from '../../platform/context-module';
import { escalateOverdueCases } from '../../jobs/city.jobs';
import { casesRoutes } from './cases.routes';
import { directoryRoutes } from './directory.routes';
import { classesRoutes } from './classes.routes';
import { CASES, CASE_INDEXES, CASE_OUTBOX_SOURCES } from './case.collection';
import { resolveFacilityCode } from './facility-code';
import { REGION_OUTBOX_SOURCES } from './directory-admin.repository';

export const casesModule: ContextModule = {
  name: 'cases',
  routes: [casesRoutes, directoryRoutes, classesRoutes],
  indexes: CASE_INDEXES,
  outboxSources: [...CASE_OUTBOX_SOURCES, ...REGION_OUTBOX_SOURCES],
  // a facility code shows the facility and its open cases; it lives here so facilities need not read cases
  codeResolvers: { fc: resolveFacilityCode },
  evidenceReferrers: [{ collection: CASES, fields: ['photos', 'history.evidence'], action: 'case.read', kind: 'case' }],
  jobs: [{ name: 'case-escalation', schedule: { everyMinutes: 10 }, run: (deps) => escalateOverdueCases(deps) }],
};
