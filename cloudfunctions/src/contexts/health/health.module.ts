import type { ContextModule } from '../../platform/context-module';
import { healthRoutes } from './health.routes';

export const healthModule: ContextModule = { name: 'health', routes: [healthRoutes], ingestRoutes: [healthRoutes] };
