import { onsitePresence, type OnsitePresenceResult } from '@cityloop/shared/fire-testing/onsite-presence';
import { invalid } from '@cityloop/shared/errors';
import type { Deps } from '../../platform/deps';
import type { FireProject } from './firetest.collections';

/** Who was on site when: one span per check-in → check-out of a person (the check-in machinery's shape). */
export type PresenceSpan = { userId: string; role: string | null; from: Date; to: Date | null; inGeofence: boolean; faceMatch: boolean };

/**
 * The one place the fire context learns who was on site (docs/ARCHITECTURE.md §12; the check-in machinery of the
 * `checkin` context answers it once it is wired in).
 */
export async function presenceSpans(_deps: Deps, _project: FireProject): Promise<PresenceSpan[]> {
  return [];
}

/** Within a span that counted (inside the geofence with a matching face). */
export const presentAt = (spans: readonly PresenceSpan[], userId: string, at: Date): boolean =>
  spans.some((s) => s.userId === userId && s.inGeofence && s.faceMatch && s.from <= at && (!s.to || at <= s.to));

/** A record made by someone not on site at that moment is refused (应急管理部令第7号 art. 18(三)). */
export async function requireOnSite(deps: Deps, project: FireProject, userId: string, name: string, at: Date): Promise<void> {
  if (!presentAt(await presenceSpans(deps, project), userId, at)) throw invalid(`${name}此刻没有有效的到场签到（人脸核验并在项目地理围栏内），不能记录检测数据；请先签到`, 'not_on_site');
}

/** The exact decision (onsite_presence) over the project's check-ins, and the first valid check-in. */
export async function presenceVerdict(deps: Deps, project: FireProject): Promise<OnsitePresenceResult & { firstAt: Date | null }> {
  const spans = await presenceSpans(deps, project);
  const verdict = onsitePresence({ checkins: spans.filter((s) => s.role).map((s) => ({ role: s.role!, inGeofence: s.inGeofence, faceMatch: s.faceMatch })) });
  const valid = spans.filter((s) => s.inGeofence && s.faceMatch).map((s) => s.from.getTime());
  return { ...verdict, firstAt: valid.length ? new Date(Math.min(...valid)) : null };
}
