import { MEETING_GEOFENCE_M } from '@cityloop/shared/dangerous-works/review.limits';
import type { CheckinSiteResolver } from '../checkin/public';
import { findReview } from './review.repository';
import { REVIEW_SITE_KIND } from './meeting-presence';

/**
 * `review_meeting`: the experts checking in at a review's meeting — the geofence of 500 m around the venue, role
 * 评审专家 for an expert who accepted the invitation (nobody else has a role there); face required.
 */
export const reviewCheckinSite: CheckinSiteResolver = async (deps, siteId, actor) => {
  const r = await findReview(deps.db, siteId);
  if (!r) return null;
  const panelist = r.invitations.some((i) => i.userId === actor.userId && i.status === 'accepted');
  return {
    kind: REVIEW_SITE_KIND,
    siteId: r._id,
    name: `${r.venue}（${r.projectName}${r.itemName}专家论证会）`,
    cityId: r.scope.cityId,
    ...(r.scope.townId ? { townId: r.scope.townId } : {}),
    geofence: { center: { lng: r.venueLocation.lng, lat: r.venueLocation.lat }, radiusM: MEETING_GEOFENCE_M },
    role: panelist ? '评审专家' : null,
    faceRequired: true,
  };
};
