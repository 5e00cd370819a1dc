import type { Db } from 'mongodb';

/** What a scanned code shows before any role-specific page takes over. */
export type ResolvedCode = { kind: string; id: string; title: string; subtitle?: string; page: string; data?: Record<string, unknown> };
export type CodeResolver = (db: Db, id: string) => Promise<ResolvedCode | null>;

/** Each context that prints codes registers a resolver for its id prefix (`fc`, `pq`, …). */
export const codeResolvers = new Map<string, CodeResolver>();
export function registerCodeResolver(prefix: string, resolver: CodeResolver): void {
  codeResolvers.set(prefix, resolver);
}
