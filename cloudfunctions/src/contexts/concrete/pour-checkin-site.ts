import { can } from '@cityloop/shared/policy/can';
import { POUR_GEOFENCE_M } from '@cityloop/shared/concrete/concrete.limits';
import type { CheckinSiteResolver } from '../checkin/public';
import { CPROJECTS, POURS, type ConcreteProject, type Pour } from './concrete.collections';
import { findDoc } from './concrete-docs.repository';
import { POUR_SITE_KIND } from './witness-presence';

/**
 * `concrete_pour`: the supervisor's witness (见证员) checking in at a pour — a geofence of 300 m around the
 * project's location; face required. Anyone else (or a project without a location) has no role here.
 */
export const pourCheckinSite: CheckinSiteResolver = async (deps, siteId, actor) => {
  const pour = await findDoc<Pour>(deps.db, POURS, siteId);
  if (!pour) return null;
  const project = await findDoc<ConcreteProject>(deps.db, CPROJECTS, pour.projectId);
  if (!project?.location) return null;
  const witness = can(actor, 'concrete.sample', { kind: 'concrete', scope: pour.scope }).allow;
  return {
    kind: POUR_SITE_KIND,
    siteId: pour._id,
    name: `${project.name} ${pour.member} 浇筑`,
    cityId: pour.scope.cityId,
    ...(pour.scope.townId ? { townId: pour.scope.townId } : {}),
    geofence: { center: project.location, radiusM: POUR_GEOFENCE_M },
    role: witness ? '见证员' : null,
    faceRequired: true,
  };
};
