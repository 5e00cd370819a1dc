/** Limits and labels of field check-ins (zod-free: the mini-program imports these). docs/domain/platform.md §4 */

/** A GPS fix less precise than this is refused (`gps_inaccurate`). */
export const CHECKIN_MAX_ACCURACY_M = 100;
/** Default geofence radius a domain may use for a building or a site. */
export const CHECKIN_DEFAULT_RADIUS_M = 200;
/**
 * Impossible travel: faster than this between two check-ins of one person (120 km/h: 30 km in 10 minutes
 * is 180 km/h), beyond a slack for GPS error and short hops.
 */
export const CHECKIN_MAX_SPEED_KMH = 120;
export const CHECKIN_TRAVEL_SLACK_M = 2000;
/** IAI thresholds: CompareFace (FaceModelVersion 3.0) Score ≥ 60 ≈ FAR 1e-5; DetectLiveFaceAccurate Score ≥ 40. */
export const FACE_COMPARE_MIN_SCORE = 60;
export const FACE_LIVENESS_MIN_SCORE = 40;

export type CheckinDirection = 'in' | 'out';
export type CheckinFlag = 'impossible_travel';

export const CHECKIN_DIRECTION_LABELS: Record<CheckinDirection, string> = { in: '签到', out: '签退' };
export const CHECKIN_FLAG_LABELS: Record<CheckinFlag, string> = { impossible_travel: '行程异常' };

/** Refusal codes of `POST /api/checkins` (each answered with a Chinese message naming the reason). */
export const CHECKIN_REFUSALS = ['gps_inaccurate', 'outside_geofence', 'face_mismatch', 'face_replayed', 'not_enrolled', 'not_checked_in'] as const;
export type CheckinRefusal = (typeof CHECKIN_REFUSALS)[number];
