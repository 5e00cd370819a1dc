import type { ContextModule } from '../../platform/context-module';
import { inboxRoutes } from './inbox.routes';

export const inboxModule: ContextModule = { name: 'inbox', routes: [inboxRoutes] };
