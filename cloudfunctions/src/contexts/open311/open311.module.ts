import type { ContextModule } from '../../platform/context-module';
import { open311Routes } from './open311.routes';
import { OPEN311_INDEXES } from './open311-key.repository';

export const open311Module: ContextModule = { name: 'open311', routes: [open311Routes], indexes: OPEN311_INDEXES };
