import type { ContextModule } from '../../platform/context-module';
import { identityRoutes } from './identity.routes';
import { peopleRoutes } from './people.routes';
import { INVITATION_INDEXES, INVITATION_OUTBOX_SOURCES } from './invitation.collection';

export const identityModule: ContextModule = { name: 'identity', routes: [identityRoutes, peopleRoutes], indexes: INVITATION_INDEXES, outboxSources: INVITATION_OUTBOX_SOURCES };
