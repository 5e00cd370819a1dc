import type { RoleBinding } from './roles';
import type { Scope } from '../policy/scope';

/** Where a project is (its city and town), for the towns a party's binding reaches. */
export type ProjectPlace = { id: string; cityId: string; townId?: string };

/**
 * The policy target of a person (`person.phone.read`): the cities, towns (`city/town`) and projects where their role
 * bindings apply; a project binding also reaches the project's town. `cityId` is the first binding's city ('' for a
 * person without roles, whom only shared rules could reach — none do).
 * @example personScope([{ role: 'patroller', cityId: 'dg', townId: 'nc' }], [])
 *   // { cityId: 'dg', personCityIds: ['dg'], personTownKeys: ['dg/nc'], personProjectIds: [] }
 */
export function personScope(bindings: RoleBinding[], projects: ProjectPlace[]): Scope {
  const cities = new Set<string>();
  const towns = new Set<string>();
  const projectIds = new Set<string>();
  const place = new Map(projects.map((p) => [p.id, p]));
  for (const b of bindings) {
    cities.add(b.cityId);
    if (b.townId) towns.add(`${b.cityId}/${b.townId}`);
    for (const id of b.projectIds ?? []) {
      projectIds.add(id);
      const p = place.get(id);
      if (p?.townId) towns.add(`${p.cityId}/${p.townId}`);
    }
  }
  return { cityId: bindings[0]?.cityId ?? '', personCityIds: [...cities], personTownKeys: [...towns], personProjectIds: [...projectIds] };
}
