import type { ContextModule } from '../../platform/context-module';
import { identityRoutes } from './identity.routes';
import { INVITATION_INDEXES } from './invitation.collection';
import { smsLoginRoutes } from './sms-login.routes';
import { SMS_CODE_INDEXES } from './sms-code.collection';

export const identityModule: ContextModule = { name: 'identity', routes: [identityRoutes, smsLoginRoutes], indexes: [...INVITATION_INDEXES, ...SMS_CODE_INDEXES] };
