import type { ContextModule } from '../../platform/context-module';
import { identityRoutes } from './identity.routes';
import { INVITATION_INDEXES } from './invitation.collection';

export const identityModule: ContextModule = { name: 'identity', routes: [identityRoutes], indexes: INVITATION_INDEXES };
