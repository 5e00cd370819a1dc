import type { ContextModule } from '../../platform/context-module';
import { noticesRoutes } from './notices.routes';
import { NOTICE_INDEXES, NOTICE_OUTBOX_SOURCES } from './notice.collection';

export const noticesModule: ContextModule = { name: 'notices', routes: [noticesRoutes], indexes: NOTICE_INDEXES, outboxSources: NOTICE_OUTBOX_SOURCES };
