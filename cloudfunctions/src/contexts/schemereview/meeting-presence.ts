import { invalid } from '@cityloop/shared/errors';
import { haversineMeters } from '@cityloop/shared/city/geo';
import { MEETING_GEOFENCE_M } from '@cityloop/shared/dangerous-works/review.limits';
import type { Deps } from '../../platform/deps';
import { requireOwnEvidence } from '../evidence/public';
import type { Review } from './schemereview.collections';

/** Sign-in opens this long before the meeting's announced time. */
const OPENS_BEFORE_MS = 2 * 3_600_000;

/**
 * Who was at the meeting, and when: the one place the review decides an expert's sign-in (GPS within the
 * venue's geofence + a photo they took). When the field check-in machinery lands, this function asks it
 * instead (face + GPS), and nothing else changes.
 */
export async function meetingPresence(deps: Deps, r: Review, userId: string, gps: { lng: number; lat: number; accuracy?: number }, photo: string, at: Date): Promise<{ distanceM: number }> {
  if (at.getTime() < r.meetingAt.getTime() - OPENS_BEFORE_MS) throw invalid('论证会尚未开始，会前 2 小时起可签到', 'meeting_not_started');
  if ((gps.accuracy ?? 0) > 100) throw invalid(`定位精度 ${Math.round(gps.accuracy!)} 米，超过 100 米，请到开阔处重新定位`, 'gps_inaccurate');
  const distanceM = Math.round(haversineMeters(gps, r.venueLocation));
  if (distanceM > MEETING_GEOFENCE_M) throw invalid(`您距论证会地点 ${distanceM} 米，须在 ${MEETING_GEOFENCE_M} 米内签到`, 'outside_geofence', { distanceM });
  await requireOwnEvidence(deps.db, userId, [photo], { images: true });
  return { distanceM };
}
