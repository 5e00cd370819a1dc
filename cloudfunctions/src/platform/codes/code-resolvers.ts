import type { Db } from 'mongodb';

/** What a scanned code shows before any role-specific page takes over. */
export type ResolvedCode = { kind: string; id: string; title: string; subtitle?: string; page: string; data?: Record<string, unknown> };
export type CodeResolver = (db: Db, id: string) => Promise<ResolvedCode | null>;

