import type { ContextModule } from '../../platform/context-module';
import { CONCRETE_INDEXES, CONCRETE_OUTBOX_SOURCES, TICKETS } from './concrete.collections';
import { concreteRegistryRoutes } from './concrete-registry.routes';
import { concreteSiteRoutes } from './concrete-site.routes';
import { concreteListRoutes } from './concrete-lists.routes';
import { concreteIngestRoutes } from './ingest.routes';
import { resolvePlantCode, resolveTicketCode } from './concrete-codes';
import { pourCheckinSite } from './pour-checkin-site';
import { POUR_SITE_KIND } from './witness-presence';
import { repairStaleTraces } from './concrete.jobs';

/** Ready-mixed concrete tracing (docs/domain/concrete.md §5): plant → truck → chip → press → evaluation → consequences. */
export const concreteModule: ContextModule = {
  name: 'concrete',
  routes: [concreteRegistryRoutes, concreteSiteRoutes, concreteListRoutes],
  ingestRoutes: [concreteIngestRoutes],
  indexes: CONCRETE_INDEXES,
  outboxSources: CONCRETE_OUTBOX_SOURCES,
  // the witness checks in at the pour (face + GPS) before sampling
  checkinSites: { [POUR_SITE_KIND]: pourCheckinSite },
  codeResolvers: { dt: resolveTicketCode, mp: resolvePlantCode },
  // the acceptance photos: whoever may read the ticket
  evidenceReferrers: [{ collection: TICKETS, fields: ['acceptance.contractor.photo', 'acceptance.supervisor.photo'], action: 'concrete.read', kind: 'concrete' }],
  jobs: [{ name: 'concrete-trace-repair', schedule: { everyMinutes: 10 }, run: repairStaleTraces }],
};
