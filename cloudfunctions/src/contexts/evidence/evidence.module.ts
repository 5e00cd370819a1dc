import type { ContextModule } from '../../platform/context-module';
import { evidenceRoutes } from './evidence.routes';
import { BLOB_INDEXES } from './blob.collection';
import { BLOB_HOLDER_INDEXES } from './own-evidence';

/** Evidence files; the records that hold them are declared by their own contexts (`evidenceReferrers`). */
export const evidenceModule: ContextModule = { name: 'evidence', routes: [evidenceRoutes], indexes: [...BLOB_INDEXES, ...BLOB_HOLDER_INDEXES] };
