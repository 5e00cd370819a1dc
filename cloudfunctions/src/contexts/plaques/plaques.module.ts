import type { ContextModule } from '../../platform/context-module';
import { plaquesRoutes } from './plaques.routes';
import { PLAQUE_COMPLAINTS, PLAQUE_INDEXES, PLAQUE_OUTBOX_SOURCES, resolvePlaqueCode } from './plaque.collections';
import { SHOP_IMPORT_INDEXES } from './shop-import.collection';
import { plaqueEscalation, rescoreShops } from './plaque.jobs';
import { settleUnansweredFixes } from './settle-fixes';
import { plaqueChiefRoutes } from './plaque-chief.routes';

export const plaquesModule: ContextModule = {
  name: 'plaques',
  routes: [plaquesRoutes, plaqueChiefRoutes],
  indexes: [...PLAQUE_INDEXES, ...SHOP_IMPORT_INDEXES],
  outboxSources: PLAQUE_OUTBOX_SOURCES,
  codeResolvers: { pq: resolvePlaqueCode },
  // shops and complainants see complaint photos through signed links; staff through the grid's case rules
  evidenceReferrers: [{ collection: PLAQUE_COMPLAINTS, fields: ['photos', 'fix.photos'], action: 'case.read', kind: 'case' }],
  jobs: [
    { name: 'plaque-escalation', schedule: { everyMinutes: 5 }, run: plaqueEscalation },
    { name: 'plaque-settle-fixes', schedule: { everyMinutes: 15 }, run: (deps) => settleUnansweredFixes(deps) },
    { name: 'plaque-scores', schedule: { everyMinutes: 1440, at: 150 }, run: (deps) => rescoreShops(deps) },
  ],
};
