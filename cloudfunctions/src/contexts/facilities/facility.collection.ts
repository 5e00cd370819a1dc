import type { Db, Filter } from 'mongodb';
import type { Scope } from '@cityloop/shared/policy/scope';
import type { CollectionIndexes } from '../../platform/context-module';
import type { CodeResolver } from '../../platform/codes/code-resolvers';
import { FACILITY_IMPORTS, type FacilityImport } from './facility-import.collection';

/** A road, lane, station or facility that carries a city service code (GB/T 30428 component). */
export type Facility = {
  _id: string; // `fc_…`, the id inside the printed code
  componentId: string; // 16-digit GB/T 30428 id
  classCode: string; // 大类+小类, e.g. '0101'
  name: string;
  location: { lng: number; lat: number };
  scope: Scope; // cityId, townId, gridId, orgIds (maintaining unit); public: true
  areaChiefId?: string;
  maintainerName?: string;
  address?: string;
  /**
   * Staged imports (import-facilities.ts): rows are written `active: false` under their batch and become
   * visible when the batch's commit record (facility_imports) says `committed`; the clean-up job then
   * flips `active` to true. Absent = active (facilities written before imports existed, the seed).
   */
  active?: boolean;
  importBatch?: string;
  createdAt: Date;
  version: number;
};
export const FACILITIES = 'facilities';
export const FACILITY_INDEXES: CollectionIndexes[] = [
  { collection: FACILITIES, indexes: [{ key: { componentId: 1 }, unique: true }, { key: { 'scope.townId': 1, 'scope.gridId': 1 } }, { key: { importBatch: 1, active: 1 } }, { key: { active: 1, createdAt: 1 } }] },
];

/** Batches known to be committed (a final state: cached for the life of the instance). */
const committed = new Set<string>();
const COMMITTED: readonly string[] = ['committed', 'done'];

/**
 * Whether readers may see a facility: active, or inactive only because the job has not yet flipped the
 * rows of a batch that is already committed. Rows of a staging or rolled-back import are invisible.
 */
export async function isVisibleFacility(db: Db, f: Pick<Facility, 'active' | 'importBatch'>): Promise<boolean> {
  if (f.active !== false) return true;
  if (!f.importBatch) return false;
  if (committed.has(f.importBatch)) return true;
  const batch = await db.collection<FacilityImport>(FACILITY_IMPORTS).findOne({ _id: f.importBatch }, { projection: { state: 1 } });
  if (!batch || !COMMITTED.includes(batch.state)) return false;
  if (committed.size > 10_000) committed.clear();
  committed.add(f.importBatch);
  return true;
}

/**
 * The filter a list of facilities adds so that it holds exactly the visible ones (see isVisibleFacility):
 * one small read of the batches committed but not yet flipped.
 */
export async function visibleFacilityFilter(db: Db): Promise<Filter<Facility>> {
  const pending = await db.collection<FacilityImport>(FACILITY_IMPORTS).find({ state: 'committed' }, { projection: { _id: 1 } }).toArray();
  return pending.length ? { $or: [{ active: { $ne: false } }, { importBatch: { $in: pending.map((b) => b._id) } }] } : { active: { $ne: false } };
}

/**
 * One visible facility by id, or null. Reads by `_id` alone: FerretDB 1.24 uses the primary key only
 * for a bare `{_id}` filter (adding `active` to it turns a 3 ms read into a collection scan).
 */
export async function findActiveFacility(db: Db, id: string): Promise<Facility | null> {
  const f = await db.collection<Facility>(FACILITIES).findOne({ _id: id });
  return f && (await isVisibleFacility(db, f)) ? f : null;
}

/** What a scanned facility code (`fc_…`) shows. */
export const resolveFacilityCode: CodeResolver = async (db, id) => {
  const f = await findActiveFacility(db, id);
  if (!f) return null;
  // what a passer-by may see: open problems here, without who reported them
  const open = await db
    .collection<{ _id: string; className: string; state: string; createdAt: Date; kind: string; classCode: string }>('cases')
    .find({ facilityId: f._id, state: { $in: ['received', 'accepted', 'dispatched', 'in_progress', 'handled', 'parked', 'deferred'] } }, { projection: { className: 1, state: 1, createdAt: 1, kind: 1, classCode: 1 } })
    .sort({ createdAt: -1 })
    .limit(20)
    .toArray();
  // the grid and town by name (南城街道, not `nancheng`); an id without a region row stays the id
  const regions = new Map((await db.collection<{ _id: string; name?: string }>('regions').find({ _id: { $in: [f.scope.townId, f.scope.gridId].filter((x): x is string => !!x) } }, { projection: { name: 1 } }).toArray()).map((r) => [r._id, r.name]));
  return {
    kind: 'facility',
    id: f._id,
    title: f.name,
    subtitle: f.maintainerName ? `养护单位：${f.maintainerName}` : undefined,
    page: `/packages/citizen/pages/facility/index`,
    data: {
      componentId: f.componentId,
      classCode: f.classCode,
      location: f.location,
      townId: f.scope.townId,
      townName: f.scope.townId ? (regions.get(f.scope.townId) ?? f.scope.townId) : undefined,
      gridId: f.scope.gridId,
      gridName: f.scope.gridId ? (regions.get(f.scope.gridId) ?? f.scope.gridId) : undefined,
      maintainer: f.maintainerName,
      openCases: open.map((c) => ({ id: c._id, kind: c.kind, classCode: c.classCode, className: c.className, state: c.state, createdAt: c.createdAt.toISOString() })),
    },
  };
};
