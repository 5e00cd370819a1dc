import type { Db } from 'mongodb';
import type { Actor } from '@cityloop/shared/identity/roles';
import { gridsOfTown, townsOfCity } from './directory.repository';

/**
 * Every town or grid the caller's statistics cover, so that a group without a case reads 0 instead of being
 * absent (issue 17: regulators). From the caller's metric roles: a city regulator or admin — the city's towns
 * (and their grids); a town regulator — its town (and its grids); an area chief — their grids. Units and classes:
 * none (their groups come from the cases).
 */
export async function metricGroupsInScope(db: Db, actor: NonNullable<Actor>, by: string): Promise<string[]> {
  if (by !== 'town' && by !== 'grid') return [];
  const towns = new Set<string>();
  const grids = new Set<string>();
  for (const b of actor.roles) {
    if ((b.role === 'regulator' && b.level === 'city') || b.role === 'admin') for (const t of await townsOfCity(db, b.cityId)) towns.add(t._id);
    else if (b.role === 'regulator' && b.townId) towns.add(b.townId);
    else if (b.role === 'areaChief') for (const g of b.gridIds ?? []) grids.add(g);
  }
  if (by === 'town') return [...towns];
  for (const t of towns) for (const g of await gridsOfTown(db, t)) grids.add(g._id);
  return [...grids];
}
