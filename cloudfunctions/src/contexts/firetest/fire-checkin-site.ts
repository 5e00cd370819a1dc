import type { CheckinSiteResolver } from '../checkin/public';
import { findProject } from './project.repository';
import { siteRoleOf } from './fire-team';
import { FIRE_SITE_KIND } from './fire-presence';

/**
 * `fire_test`: the test team checking in at the building — the geofence around the building's location (its own
 * radius), the person's role from the project's team (项目负责人 / 技术负责人 / 消防设施操作员); face required.
 */
export const fireCheckinSite: CheckinSiteResolver = async (deps, siteId, actor) => {
  const p = await findProject(deps.db, siteId);
  if (!p) return null;
  return {
    kind: FIRE_SITE_KIND,
    siteId: p._id,
    name: `${p.building.name}消防检测`,
    cityId: p.scope.cityId,
    ...(p.scope.townId ? { townId: p.scope.townId } : {}),
    geofence: { center: p.building.location, radiusM: p.building.geofenceM },
    role: siteRoleOf(p, actor.userId),
    faceRequired: true,
  };
};
