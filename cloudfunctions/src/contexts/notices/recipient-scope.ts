import type { Db } from 'mongodb';
import type { RoleBinding } from '@cityloop/shared/identity/roles';
import { rolesOfUsers } from '../../platform/auth/users.repository';
import { listProjects } from '../pit/public';

/**
 * Who a notice of an area may reach: staff and parties with a role in that area — a binding in the town (or, for a
 * city-wide notice, the city), the city's regulators and admins, or parties of a project in the town — and citizens
 * (no role: they belong to no area; a 停水通知 reaches residents). A town regulator's notice cannot reach (or SMS)
 * another town's staff. Returns the ids that are outside.
 */
export async function recipientsOutside(db: Db, area: { cityId: string; townId?: string }, ids: string[]): Promise<string[]> {
  const people = await rolesOfUsers(db, ids);
  const projectIds = [...new Set(people.flatMap((p) => p.roles.flatMap((b) => b.projectIds ?? [])))];
  const projectTown = new Map((projectIds.length ? await listProjects(db, { _id: { $in: projectIds } }) : []).map((p) => [p._id, p.scope.townId]));
  const inArea = (b: RoleBinding) =>
    b.cityId === area.cityId &&
    (!area.townId || b.townId === area.townId || b.role === 'admin' || (b.role === 'regulator' && b.level === 'city') || (b.projectIds ?? []).some((id) => projectTown.get(id) === area.townId));
  const inside = new Set(people.filter((p) => p.roles.length === 0 || p.roles.some(inArea)).map((p) => p._id));
  return ids.filter((id) => !inside.has(id));
}
