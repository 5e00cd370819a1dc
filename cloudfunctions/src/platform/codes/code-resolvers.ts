import type { Db } from 'mongodb';
import type { ResolvedCode } from '@cityloop/shared/codes/code.contract';

export type { ResolvedCode };
export type CodeResolver = (db: Db, id: string) => Promise<ResolvedCode | null>;

