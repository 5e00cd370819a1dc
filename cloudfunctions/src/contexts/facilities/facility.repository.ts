import type { Db, Filter, UpdateFilter } from 'mongodb';
import { versionedUpdate } from '../../platform/db/versioned';
import { FACILITIES, type Facility } from './facility.collection';
import { FACILITY_IMPORTS, type FacilityImport } from './facility-import.collection';

const facilities = (db: Db) => db.collection<Facility>(FACILITIES);
const imports = (db: Db) => db.collection<FacilityImport>(FACILITY_IMPORTS);

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
  const batch = await findImportState(db, f.importBatch);
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
  const pending = await imports(db).find({ state: 'committed' }, { projection: { _id: 1 } }).toArray();
  return pending.length ? { $or: [{ active: { $ne: false } }, { importBatch: { $in: pending.map((b) => b._id) } }] } : { active: { $ne: false } };
}

/**
 * One visible facility by id, or null. Reads by `_id` alone: FerretDB 1.24 uses the primary key only
 * for a bare `{_id}` filter (adding `active` to it turns a 3 ms read into a collection scan).
 */
export async function findActiveFacility(db: Db, id: string): Promise<Facility | null> {
  const f = await findFacility(db, id);
  return f && !f.retired ? f : null;
}

/** One visible facility by id, retired or not (a scan of a retired code says so), or null. */
export async function findFacility(db: Db, id: string): Promise<Facility | null> {
  const f = await facilities(db).findOne({ _id: id });
  return f && (await isVisibleFacility(db, f)) ? f : null;
}

/** The one versioned write of a facility edit or retirement (stale → 409). */
export const updateFacilityVersioned = (db: Db, current: { _id: string; version: number }, update: UpdateFilter<Facility>) => versionedUpdate(facilities(db), current, update);

/** A page of facilities matching a policy filter (and a grid, a name fragment), by 部件标识码. */
export async function listFacilities(db: Db, filter: Filter<Facility>, opts: { gridId?: string; q?: string; limit: number }): Promise<Facility[]> {
  const narrow: Filter<Facility>[] = [filter, await visibleFacilityFilter(db)];
  if (opts.gridId) narrow.push({ 'scope.gridId': opts.gridId });
  if (opts.q) narrow.push({ name: { $regex: opts.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') } });
  const f: Filter<Facility> = { $and: narrow };
  return facilities(db).find(f).sort({ componentId: 1 }).limit(opts.limit).toArray();
}

/** Ids of every facility of a grid. */
export async function facilityIdsInGrid(db: Db, gridId: string): Promise<string[]> {
  return (await facilities(db).find({ 'scope.gridId': gridId }, { projection: { _id: 1 } }).toArray()).map((f) => f._id);
}

/** How many of these facilities lie in the grid. */
export const countFacilitiesInGrid = (db: Db, ids: string[], gridId: string) => facilities(db).countDocuments({ _id: { $in: ids }, 'scope.gridId': gridId });

/** Names and locations of facilities by id. */
export const facilityPlaces = (db: Db, ids: string[]): Promise<Pick<Facility, '_id' | 'name' | 'location'>[]> =>
  facilities(db).find({ _id: { $in: ids } }, { projection: { name: 1, location: 1 } }).toArray();

/** Facilities already holding any of these 部件标识码 (an import's duplicate check), whatever their import state. */
export const facilitiesByComponentIds = (db: Db, componentIds: string[]): Promise<Pick<Facility, '_id' | 'componentId' | 'name' | 'active'>[]> =>
  facilities(db).find({ componentId: { $in: componentIds } }, { projection: { componentId: 1, name: 1, active: 1 } }).toArray();

/** What a label print run selects (each given filter narrows it). */
export type FacilityPrintFilter = { townId?: string; gridId?: string; classCode?: string; ids?: string[] };
export type PrintedFacility = Pick<Facility, '_id' | 'name' | 'componentId' | 'scope'>;

/** The visible facilities a label print run selects: how many, and the rows sorted by town, grid and 部件标识码 (streamed). */
export async function facilitiesToPrint(db: Db, sel: FacilityPrintFilter): Promise<{ total: number; rows: AsyncIterable<PrintedFacility> }> {
  const filter: Filter<Facility> = { ...(await visibleFacilityFilter(db)) };
  if (sel.townId) filter['scope.townId'] = sel.townId;
  if (sel.gridId) filter['scope.gridId'] = sel.gridId;
  if (sel.classCode) filter.classCode = sel.classCode;
  if (sel.ids) filter._id = { $in: sel.ids };
  const total = await facilities(db).countDocuments(filter);
  const rows = facilities(db).find(filter, { projection: { name: 1, componentId: 1, scope: 1 } }).sort({ 'scope.townId': 1, 'scope.gridId': 1, componentId: 1 });
  return { total, rows };
}

/** The state of one import batch, or null. */
export const findImportState = (db: Db, batch: string) => imports(db).findOne({ _id: batch }, { projection: { state: 1 } });

/** Ids of import batches in a state (staging ones only when created before `createdBefore`). */
export async function importIdsIn(db: Db, state: FacilityImport['state'], limit: number, createdBefore?: Date): Promise<string[]> {
  const rows = await imports(db).find({ state, ...(createdBefore ? { createdAt: { $lt: createdBefore } } : {}) }, { projection: { _id: 1 } }).limit(limit).toArray();
  return rows.map((b) => b._id);
}

/** The batches (`''` for none) of inactive rows written before `before`. */
export async function inactiveRowBatches(db: Db, before: Date, limit = 10_000): Promise<string[]> {
  const stale = await facilities(db).find({ active: false, createdAt: { $lt: before } }, { projection: { importBatch: 1 } }).limit(limit).toArray();
  return [...new Set(stale.map((f) => f.importBatch ?? ''))];
}

/** Deletes the inactive rows of a batch, or (no batch) the batch-less inactive rows written before `before`. */
export const deleteInactiveRows = (db: Db, batch: string, before: Date) =>
  facilities(db).deleteMany(batch ? { importBatch: batch, active: false } : { importBatch: { $exists: false }, active: false, createdAt: { $lt: before } });

/** The visible facilities of a grid with what a map and a picker show (name, code, class, place). */
export async function facilitiesOfGrid(db: Db, gridId: string, limit = 2000): Promise<Pick<Facility, '_id' | 'name' | 'componentId' | 'classCode' | 'location'>[]> {
  return facilities(db)
    .find({ 'scope.gridId': gridId, ...(await visibleFacilityFilter(db)) } as Filter<Facility>, { projection: { name: 1, componentId: 1, classCode: 1, location: 1 } })
    .limit(limit)
    .toArray();
}
