import type { Db, Filter } from 'mongodb';
import { conflict, notFound } from '@cityloop/shared/errors';
import type { UnitContact } from '@cityloop/shared/city/unit-table';
import type { LngLat } from '@cityloop/shared/city/point-in-polygon';
import { UNIT_CONTACTS } from './case.collection';
import type { Org, Region } from './directory.repository';

/**
 * The write side of the city's directory (docs/domain/city.md "The city as data"): grids, units and routing rows,
 * kept by each city's admin. Regions and organisations carry a `version` (optimistic concurrency); documents
 * written before versions existed (an older seed) count as version 1.
 */
export type StoredRegion = Region & { version?: number; retired?: boolean; retiredAt?: Date; cityId?: string; history?: unknown[]; hasPending?: boolean };
export type StoredOrg = Org & { cityId?: string; version?: number };
export type RoutingRow = UnitContact & { _id: string };

const regions = (db: Db) => db.collection<StoredRegion>('regions');
const orgs = (db: Db) => db.collection<StoredOrg>('orgs');
const contacts = (db: Db) => db.collection<RoutingRow>(UNIT_CONTACTS);

/** Regions are an outbox source: a 片长 change carries its messages and audit row on the grid (§4, §6). */
export const REGION_OUTBOX_SOURCES = ['regions'];

export const versionOf = (d: { version?: number }) => d.version ?? 1;
/** The `{_id, version}` filter of a document that may predate versions (absent = 1). */
const atVersion = (id: string, version: number) => (version === 1 ? { _id: id, $or: [{ version: 1 }, { version: { $exists: false } }] } : { _id: id, version });

/** A versioned update of one region; 409 when it changed meanwhile, 404 when it is gone. */
export async function updateRegionVersioned(db: Db, id: string, version: number, update: Record<string, Record<string, unknown>>): Promise<void> {
  const set = { ...(update.$set ?? {}), version: version + 1 };
  const r = await regions(db).updateOne(atVersion(id, version) as Filter<StoredRegion>, { ...update, $set: set });
  if (r.matchedCount === 1) return;
  throw (await regions(db).countDocuments({ _id: id }, { limit: 1 })) ? conflict('网格已被他人修改，请刷新后重试', 'stale_version') : notFound('网格不存在', 'grid_not_found');
}

export const findAnyRegion = (db: Db, id: string) => regions(db).findOne({ _id: id });

/** A city's towns (with boundaries) and every grid of them, retired ones included. */
export async function cityRegions(db: Db, cityId: string): Promise<{ towns: StoredRegion[]; grids: StoredRegion[] }> {
  const towns = await regions(db).find({ kind: 'town', parentId: cityId }).toArray();
  const grids = towns.length ? await regions(db).find({ kind: 'grid', parentId: { $in: towns.map((t) => t._id) } }).toArray() : [];
  return { towns, grids };
}

/** Region ids that a new grid of `cityId` may not take: any city or town, and grids of other cities' towns. */
export async function regionIdsTakenOutside(db: Db, ids: string[], cityTownIds: string[]): Promise<Set<string>> {
  const rows = await regions(db).find({ _id: { $in: ids } }, { projection: { kind: 1, parentId: 1 } }).toArray();
  return new Set(rows.filter((r) => r.kind !== 'grid' || !cityTownIds.includes(r.parentId ?? '')).map((r) => r._id));
}

/**
 * Writes validated grids (new ones at version 1, re-imported ones at their next version), keeping each stored
 * grid's 片长. Idempotent: a retry after a crash writes the same documents again.
 */
export async function upsertGrids(db: Db, cityId: string, grids: { id: string; name: string; townId: string; polygon: LngLat[] }[], at: Date): Promise<void> {
  if (!grids.length) return;
  await regions(db).bulkWrite(
    grids.map((g) => ({
      updateOne: {
        filter: { _id: g.id },
        update: { $set: { kind: 'grid' as const, name: g.name, parentId: g.townId, cityId, polygon: g.polygon, retired: false, importedAt: at }, $inc: { version: 1 }, $setOnInsert: { areaChiefId: null } },
        upsert: true,
      },
    })),
  );
}

// Units -----------------------------------------------------------------------------------------------------------

export const findOrg = (db: Db, id: string) => orgs(db).findOne({ _id: id });
export const unitsOfTowns = (db: Db, townIds: string[]) => orgs(db).find({ kind: 'unit', townId: { $in: townIds } }).toArray();
export const insertOrg = (db: Db, org: StoredOrg & { createdAt: Date }) => orgs(db).insertOne(org);

export async function updateOrgVersioned(db: Db, id: string, version: number, set: Partial<StoredOrg>): Promise<void> {
  const r = await orgs(db).updateOne(atVersion(id, version) as Filter<StoredOrg>, { $set: { ...set, version: version + 1 } });
  if (r.matchedCount === 1) return;
  throw (await orgs(db).countDocuments({ _id: id }, { limit: 1 })) ? conflict('单位信息已被他人修改，请刷新后重试', 'stale_version') : notFound('单位不存在', 'unit_not_found');
}

// Routing rows (a town's class → unit table) ------------------------------------------------------------------------

export const routingRowsOfTowns = (db: Db, townIds: string[]) => contacts(db).find({ townId: { $in: townIds } }).toArray();
export const routingRowId = (r: Pick<UnitContact, 'townId' | 'kind' | 'classCode'>) => `${r.townId}:${r.kind}:${r.classCode}`;
/** One row per (town, kind, class): a new row for the same class replaces the unit. */
export const putRoutingRow = (db: Db, row: RoutingRow) => contacts(db).replaceOne({ _id: row._id }, row, { upsert: true });
export const deleteRoutingRow = (db: Db, id: string) => contacts(db).deleteOne({ _id: id });
export const findRoutingRow = (db: Db, id: string) => contacts(db).findOne({ _id: id });
