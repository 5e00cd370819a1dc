import type { CheckinRecord } from '@cityloop/shared/checkin/checkin.types';
import type { CheckinView } from '@cityloop/shared/checkin/checkin.contract';

/** A check-in as answered (no GPS, no photo hash: the list is read by the site's other parties). */
export const presentCheckin = (r: CheckinRecord, siteName: string): CheckinView => ({
  id: r.id,
  at: r.at.toISOString(),
  siteName,
  role: r.role,
  direction: r.direction,
  inGeofence: r.inGeofence,
  distanceM: r.distanceM,
  faceMatch: r.faceMatch,
  flags: r.flags,
  chainHash: r.chainHash,
});
