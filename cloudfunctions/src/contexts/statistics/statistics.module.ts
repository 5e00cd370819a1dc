import type { ContextModule } from '../../platform/context-module';
import { statisticsRoutes } from './statistics.routes';

/** The regulators' statistics: read-only views over the cases and the shops (through their contexts' public.ts). */
export const statisticsModule: ContextModule = { name: 'statistics', routes: [statisticsRoutes] };
