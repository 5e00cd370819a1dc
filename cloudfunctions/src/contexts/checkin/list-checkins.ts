import type { CheckinRecord } from '@cityloop/shared/checkin/checkin.types';
import type { Deps } from '../../platform/deps';
import { recordOf, siteCheckins } from './checkin.repository';

/**
 * A site's check-ins in chain order (optionally one person's): what a domain reads to decide who was on site
 * (with `presenceSpans` / `isPresentAt` from shared/checkin/presence.ts). No permission check: the calling
 * domain has already decided the actor may see its site.
 * @example const spans = presenceSpans(await listCheckins(deps, { siteKind: 'fire_test', siteId }))
 */
export async function listCheckins(deps: Pick<Deps, 'db'>, q: { siteKind: string; siteId: string; userId?: string }): Promise<CheckinRecord[]> {
  return (await siteCheckins(deps.db, q.siteKind, q.siteId, q.userId)).map(recordOf);
}
