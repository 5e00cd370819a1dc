import type { ContextModule } from '../../platform/context-module';
import { OPEN311_INDEXES, open311Routes } from './open311.routes';

export const open311Module: ContextModule = { name: 'open311', routes: [open311Routes], indexes: OPEN311_INDEXES };
