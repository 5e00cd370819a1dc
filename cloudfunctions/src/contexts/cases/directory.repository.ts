import type { Db } from 'mongodb';
import type { UnitContact } from '@cityloop/shared/city/unit-table';
import type { Duty } from '@cityloop/shared/plaques/duties';
import { UNIT_CONTACTS } from './case.collection';

/**
 * The city's directory the case loop routes by: regions (city, town, grid), organisations (units,
 * companies), the per-town class → unit table and who holds a role. Other contexts read it through public.ts.
 */
export type Region = { _id: string; kind: 'city' | 'town' | 'grid'; name?: string; parentId: string | null; polygon?: { lng: number; lat: number }[]; areaChiefId?: string | null; retired?: boolean };
export type Org = { _id: string; kind?: string; name?: string; townId?: string };

const REGIONS = 'regions';
const ORGS = 'orgs';
const regions = (db: Db) => db.collection<Region>(REGIONS);
const orgs = (db: Db) => db.collection<Org>(ORGS);

export const findRegion = (db: Db, id: string, kind: Region['kind']) => regions(db).findOne({ _id: id, kind });

/** The city a town belongs to (its parent), or null for an unknown town. */
export const cityOfTown = async (db: Db, townId: string): Promise<string | null> =>
  (await regions(db).findOne({ _id: townId, kind: 'town' }, { projection: { parentId: 1 } }))?.parentId ?? null;

/** Every city that has towns in the directory. */
export const citiesWithTowns = async (db: Db): Promise<string[]> =>
  (await regions(db).distinct('parentId', { kind: 'town' })).filter((x): x is string => typeof x === 'string');

/** Names of regions by id (a region without a name has none). */
export const regionNames = (db: Db, ids: string[]) => regions(db).find({ _id: { $in: ids } }, { projection: { name: 1 } }).toArray();

/** A city's towns, with their names and the 门前三包 duties each sets for its shops. */
export const townsOfCity = (db: Db, cityId: string): Promise<(Region & { plaqueDuties?: Duty[] })[]> =>
  regions(db).find({ kind: 'town', parentId: cityId }, { projection: { name: 1, plaqueDuties: 1 } }).toArray();

/** A town's grids, by name. */
export const gridsOfTown = (db: Db, townId: string) => regions(db).find({ kind: 'grid', parentId: townId, retired: { $ne: true } }, { projection: { name: 1 } }).toArray();

/** Towns and active grids with their polygons: what routing tables are built from (a retired grid routes nothing). */
export const routingRegions = (db: Db) => regions(db).find({ kind: { $in: ['town', 'grid'] }, retired: { $ne: true } }).toArray();

/** The area chief of a grid (null when the grid has none or does not exist). */
export async function gridAreaChief(db: Db, gridId: string | undefined): Promise<string | null> {
  const grid = await regions(db).findOne({ _id: gridId ?? '' });
  return grid?.areaChiefId ?? null;
}

/** One organisation's name by a bare `_id` read (the primary-key path on FerretDB), or null. */
export const findOrgName = async (db: Db, id: string): Promise<string | null> => (await orgs(db).findOne({ _id: id }, { projection: { name: 1 } }))?.name ?? null;

/** Names (and kinds) of organisations by id. */
export const orgsByIds = (db: Db, ids: string[]) => orgs(db).find({ _id: { $in: ids } }, { projection: { name: 1, kind: 1 } }).toArray();

/** A town's own units. */
export const unitsOfTown = (db: Db, townId: string) => orgs(db).find({ kind: 'unit', townId }, { projection: { name: 1 } }).toArray();

export const allUnitContacts = (db: Db) => db.collection<UnitContact & { _id: string }>(UNIT_CONTACTS).find({}).toArray();

/** Every unit some town's class → unit table names. */
export async function routedUnitIds(db: Db): Promise<Set<string>> {
  return new Set((await db.collection<{ unitId: string }>(UNIT_CONTACTS).find({}, { projection: { unitId: 1 } }).toArray()).map((u) => u.unitId));
}

/** The units a town's class → unit table names. */
export const unitContactsOfTown = (db: Db, townId: string) => db.collection<{ unitId: string }>(UNIT_CONTACTS).find({ townId }, { projection: { unitId: 1 } }).toArray();

// Who holds a role is the platform's users collection: read through its repository, under the names callers use.
export { countUsersWithRole, userIdsWithRoleKeys as userIdsWithRole, usersWithRoleKeys as usersWithRole } from '../../platform/auth/users.repository';

/**
 * Whether a case of this class in this city may be dispatched to the unit: the unit must be named in a class → unit
 * table row of one of the city's towns, for the class or as the kind's fallback (`*`). A unit no table names is
 * unknown (a typo would strand the case); one that only handles other classes or another city is not eligible.
 */
export async function unitEligibility(db: Db, unitId: string, cityId: string, kind: UnitContact['kind'], classCode: string): Promise<'eligible' | 'unknown' | 'ineligible'> {
  const rows = await db.collection<UnitContact>(UNIT_CONTACTS).find({ unitId }, { projection: { townId: 1, kind: 1, classCode: 1 } }).toArray();
  if (rows.length === 0) return 'unknown';
  const towns = new Set((await townsOfCity(db, cityId)).map((t) => t._id));
  return rows.some((r) => towns.has(r.townId) && r.kind === kind && (r.classCode === classCode || r.classCode === '*')) ? 'eligible' : 'ineligible';
}
