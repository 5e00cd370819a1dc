import type { ContextModule } from '../../platform/context-module';
import { gridAdminRoutes } from './grids.routes';
import { unitAdminRoutes } from './units.routes';

/**
 * The city as data (docs/domain/city.md): each city's admin keeps its grids, units and routing rows, and assigns
 * 片长. It owns no collection: the directory is the case loop's (written through contexts/cases/public.ts).
 */
export const cityadminModule: ContextModule = {
  name: 'cityadmin',
  routes: [gridAdminRoutes, unitAdminRoutes],
};
