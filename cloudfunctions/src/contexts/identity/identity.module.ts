import type { ContextModule } from '../../platform/context-module';
import { identityRoutes } from './identity.routes';
import { peopleRoutes } from './people.routes';
import { smsLoginRoutes } from './sms-login.routes';
import { INVITATION_INDEXES, INVITATION_OUTBOX_SOURCES } from './invitation.collection';
import { SMS_CODE_INDEXES } from './sms-code.collection';

export const identityModule: ContextModule = {
  name: 'identity',
  routes: [identityRoutes, peopleRoutes, smsLoginRoutes],
  indexes: [...INVITATION_INDEXES, ...SMS_CODE_INDEXES],
  outboxSources: INVITATION_OUTBOX_SOURCES,
};
