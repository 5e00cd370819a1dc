import { PARTY_ROLE_LABELS, PARTY_ROLE_KEYS } from '@cityloop/shared/pit/onboard.limits';
import { CHECKIN_DEFAULT_RADIUS_M } from '@cityloop/shared/checkin/checkin.limits';
import type { CheckinSiteResolver } from '../checkin/public';
import { findProjectFields } from './project.repository';

/**
 * `pit_site`: the monitoring staff (and the other parties' people) checking in at a pit project — a geofence of
 * 200 m around the project's location; what the person is there comes from the project's parties.
 */
export const pitCheckinSite: CheckinSiteResolver = async (deps, siteId, actor) => {
  const p = await findProjectFields(deps.db, siteId, ['name', 'location', 'parties']);
  if (!p) return null;
  const party = PARTY_ROLE_KEYS.find((r) => p.parties[r]?.people.some((x) => x.userId === actor.userId));
  return {
    kind: 'pit_site',
    siteId: p._id,
    name: p.name,
    cityId: p.scope.cityId,
    townId: p.scope.townId,
    geofence: { center: p.location, radiusM: CHECKIN_DEFAULT_RADIUS_M },
    role: party ? `${PARTY_ROLE_LABELS[party]}人员` : null,
    faceRequired: true,
  };
};
