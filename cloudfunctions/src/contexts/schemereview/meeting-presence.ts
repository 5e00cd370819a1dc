import { conflict, invalid } from '@cityloop/shared/errors';
import { MEETING_GEOFENCE_M } from '@cityloop/shared/dangerous-works/review.limits';
import type { Deps } from '../../platform/deps';
import { isPresentAt, listCheckins, presenceSpans, spanCounts } from '../checkin/public';
import type { Review } from './schemereview.collections';

/** The check-in site kind of a review's meeting (declared in schemereview.module.ts with its resolver). */
export const REVIEW_SITE_KIND = 'review_meeting';
/** Sign-in opens this long before the meeting's announced time; check-ins made earlier do not count. */
const OPENS_BEFORE_MS = 2 * 3_600_000;

/** The check-in that puts the expert at the venue: what their sign-in records. */
export type VenueCheckin = { checkinId: string; gps: { lng: number; lat: number; accuracy: number }; photo: string; distanceM: number };

/**
 * Whether the expert is at the meeting now — the one place the review decides it: a check-in of theirs at the
 * venue (`review_meeting`, face + GPS within the venue's geofence, through the check-in machinery) made since
 * sign-in opened and not yet checked out. Refused naming the expert and the venue otherwise; answers the check-in.
 */
export async function meetingPresence(deps: Deps, r: Review, expert: { userId: string; name: string }, at: Date, doing: string): Promise<VenueCheckin> {
  const opensAt = r.meetingAt.getTime() - OPENS_BEFORE_MS;
  if (at.getTime() < opensAt) throw invalid('论证会尚未开始，会前 2 小时起可签到', 'meeting_not_started');
  const records = await listCheckins(deps, { siteKind: REVIEW_SITE_KIND, siteId: r._id, userId: expert.userId });
  const spans = presenceSpans(records).filter((s) => s.from.getTime() >= opensAt);
  if (!isPresentAt(spans, expert.userId, at)) {
    throw conflict(`${expert.name}专家此刻没有在论证会现场（${r.venue}）的有效签到（人脸核验并在会场 ${MEETING_GEOFENCE_M} 米内），不能${doing}；请先在会场完成人脸签到`, 'not_at_venue');
  }
  const span = spans.filter((s) => spanCounts(s) && s.from.getTime() <= at.getTime()).at(-1)!;
  const rec = records.find((c) => c.direction === 'in' && c.at.getTime() === span.from.getTime())!;
  return { checkinId: rec.id, gps: { lng: rec.gps.lng, lat: rec.gps.lat, accuracy: rec.gps.accuracyM }, photo: rec.photoHash, distanceM: Math.round(rec.distanceM) };
}
