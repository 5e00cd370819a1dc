import type { ContextModule } from '../../platform/context-module';
import { codesRoutes } from './codes.routes';

/** Scanned codes; each context that prints codes declares their resolver in its own module. */
export const codesModule: ContextModule = { name: 'codes', routes: [codesRoutes] };
