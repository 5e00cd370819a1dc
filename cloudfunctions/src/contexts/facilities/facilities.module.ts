import type { ContextModule } from '../../platform/context-module';
import { facilitiesRoutes } from './facilities.routes';
import { facilityAdminRoutes } from './facility-admin.routes';
import { FACILITY_INDEXES } from './facility.collection';
import { FACILITY_IMPORT_INDEXES } from './facility-import.collection';
import { settleFacilityImports } from './facility-imports.job';

export const facilitiesModule: ContextModule = {
  name: 'facilities',
  routes: [facilitiesRoutes, facilityAdminRoutes],
  indexes: [...FACILITY_INDEXES, ...FACILITY_IMPORT_INDEXES],
  jobs: [{ name: 'facility-imports', schedule: { everyMinutes: 15 }, run: (deps, opts) => settleFacilityImports(deps.db, deps.now(), opts.budgetMs) }],
};
