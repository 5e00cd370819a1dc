import { onsitePresence, type OnsitePresenceResult } from '@cityloop/shared/fire-testing/onsite-presence';
import { invalid } from '@cityloop/shared/errors';
import type { Deps } from '../../platform/deps';
import { isPresentAt, listCheckins, presenceSpans as spansOf, spanCounts, type PresenceSpan } from '../checkin/public';
import type { FireProject } from './firetest.collections';

export type { PresenceSpan };
/** The check-in site kind of a fire test (declared in firetest.module.ts with its resolver). */
export const FIRE_SITE_KIND = 'fire_test';

/** Who was on site when, from the check-in machinery (face + GPS, per project). */
export async function presenceSpans(deps: Deps, project: FireProject): Promise<PresenceSpan[]> {
  return spansOf(await listCheckins(deps, { siteKind: FIRE_SITE_KIND, siteId: project._id }));
}

/** A record made by someone not on site at that moment is refused (应急管理部令第7号 art. 18(三)). */
export async function requireOnSite(deps: Deps, project: FireProject, userId: string, name: string, at: Date): Promise<void> {
  if (!isPresentAt(await presenceSpans(deps, project), userId, at)) throw invalid(`${name}此刻没有有效的到场签到（人脸核验并在项目地理围栏内），不能记录检测数据；请先签到`, 'not_on_site');
}

/** The exact decision (onsite_presence) over the project's check-ins, and the first check-in that counted. */
export async function presenceVerdict(deps: Deps, project: FireProject): Promise<OnsitePresenceResult & { firstAt: Date | null }> {
  const spans = await presenceSpans(deps, project);
  const verdict = onsitePresence({ checkins: spans.map((s) => ({ role: s.role, inGeofence: s.inGeofence, faceMatch: s.faceMatch })) });
  const counted = spans.filter(spanCounts).map((s) => s.from.getTime());
  return { ...verdict, firstAt: counted.length ? new Date(Math.min(...counted)) : null };
}
