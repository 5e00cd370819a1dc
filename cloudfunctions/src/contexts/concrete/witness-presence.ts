import { isPresentAt, listCheckins, presenceSpans } from '../checkin/public';
import type { Deps } from '../../platform/deps';
import type { Pour } from './concrete.collections';

/** The check-in site kind of a pour (the field check-in machinery, docs/domain/concrete.md §5.3). */
export const POUR_SITE_KIND = 'concrete_pour';

/**
 * Was the witness on site when sampling: within a check-in span at this pour that counted (inside the geofence,
 * face matched, not flagged) at `at`? The one place the check-in machinery is asked.
 */
export async function witnessPresent(deps: Deps, pour: Pour, userId: string, at: Date): Promise<boolean> {
  const records = await listCheckins(deps, { siteKind: POUR_SITE_KIND, siteId: pour._id, userId });
  return isPresentAt(presenceSpans(records), userId, at);
}
