import type { ContextModule } from '../../platform/context-module';
import { FIRE_EVENTS, FIRE_PROJECTS, FIRETEST_INDEXES, FIRETEST_OUTBOX_SOURCES } from './firetest.collections';
import { firetestRegistryRoutes } from './firetest-registry.routes';
import { firetestProjectRoutes } from './firetest-project.routes';
import { firetestRegulatorRoutes } from './firetest-regulator.routes';
import { resolveInstrumentCode, resolveReportCode } from './report-check';
import { fireQuarterHour } from './firetest.jobs';
import { fireCheckinSite } from './fire-checkin-site';

/** Fire-protection testing supervision (消防检测监管; docs/domain/fire-testing.md). */
export const firetestModule: ContextModule = {
  name: 'firetest',
  routes: [firetestRegistryRoutes, firetestProjectRoutes, firetestRegulatorRoutes],
  indexes: FIRETEST_INDEXES,
  outboxSources: FIRETEST_OUTBOX_SOURCES,
  codeResolvers: { fr: resolveReportCode, fi: resolveInstrumentCode },
  // record photos are read by the agency's staff and the regulators (fire.read); event replies likewise
  evidenceReferrers: [
    { collection: FIRE_PROJECTS, fields: ['records.photos'], action: 'fire.read', kind: 'fire' },
    { collection: FIRE_EVENTS, fields: ['replies.photos'], action: 'fire.read', kind: 'fire' },
  ],
  checkinSites: { fire_test: fireCheckinSite },
  jobs: [{ name: 'fire-notice-escalation', schedule: { everyMinutes: 15 }, run: fireQuarterHour }],
};
