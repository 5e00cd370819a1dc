import { SwrCache } from '../cache/swr-cache';
import type { ResolvedCode } from './code-resolvers';

/**
 * What a scan shows changes slowly (a facility, its open problems), and a busy street is scanned by many
 * people at once: each warm instance keeps an answer fresh for 3 s and, while one refresh runs, serves the
 * previous one for up to 10 s more. A change made through this instance forgets the answer at once.
 */
export const codeAnswers = new SwrCache<ResolvedCode>({ freshMs: 3_000, staleMs: 13_000, maxEntries: 20_000 });

/** After a write that changes what scanning `targetId`'s code shows (a new or moved case on a facility). */
export function forgetCodeAnswer(targetId: string | undefined | null): void {
  if (targetId) codeAnswers.delete(targetId);
}
