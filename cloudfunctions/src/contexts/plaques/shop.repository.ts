import type { Db, Filter } from 'mongodb';
import type { Grade } from '@cityloop/shared/plaques/score';
import type { DomainEvent } from '../../platform/aggregate';
import { eventWrites } from '../../platform/aggregate';
import { SHOPS, type Shop } from './plaque.collections';
import { SHOP_IMPORTS, type ShopImport } from './shop-import.collection';

/** A shop without its event log, pending writes and grade history: what lists and print runs need. */
const LEAN = { history: 0, outbox: 0, pendingAudit: 0, gradeHistory: 0 } as const;

const shops = (db: Db) => db.collection<Shop>(SHOPS);

/** Batches known to be committed (a final state: cached for the life of the instance). */
const committed = new Set<string>();

/** Whether readers may see a shop: active, or of a batch already committed (staging and rolled-back ones are invisible). */
export async function isVisibleShop(db: Db, s: Pick<Shop, 'active' | 'importBatch'>): Promise<boolean> {
  if (s.active !== false) return true;
  if (!s.importBatch) return false;
  if (committed.has(s.importBatch)) return true;
  const batch = await db.collection<ShopImport>(SHOP_IMPORTS).findOne({ _id: s.importBatch }, { projection: { state: 1 } });
  if (!batch || (batch.state !== 'committed' && batch.state !== 'done')) return false;
  if (committed.size > 10_000) committed.clear();
  committed.add(s.importBatch);
  return true;
}

/** The filter a list of shops adds so that it holds exactly the visible ones (see isVisibleShop). */
export async function visibleShopFilter(db: Db): Promise<Filter<Shop>> {
  const pending = await db.collection<ShopImport>(SHOP_IMPORTS).find({ state: 'committed' }, { projection: { _id: 1 } }).toArray();
  return pending.length ? { $or: [{ active: { $ne: false } }, { importBatch: { $in: pending.map((b) => b._id) } }] } : { active: { $ne: false } };
}

/** One visible shop by id (a bare `_id` read: FerretDB uses the primary key only for that), or null. */
export async function findVisibleShop(db: Db, id: string, projection?: Record<string, 0 | 1>): Promise<Shop | null> {
  const s = await shops(db).findOne({ _id: id }, projection ? { projection: { ...projection, active: 1, importBatch: 1 } } : {});
  return s && (await isVisibleShop(db, s)) ? s : null;
}

/** One shop by id whatever its import state (the shop behind an existing complaint). */
export const findShop = (db: Db, id: string) => shops(db).findOne({ _id: id });

/** The owner of a shop, or null. */
export const findShopOwner = async (db: Db, id: string) => (await shops(db).findOne({ _id: id }, { projection: { owner: 1 } }))?.owner ?? null;

/** The visible shop a user owns, if any. */
export async function findOwnShop(db: Db, userId: string): Promise<Shop | null> {
  return shops(db).findOne({ 'owner.userId': userId, ...(await visibleShopFilter(db)) });
}

/** Ids of the visible shops a user owns. */
export async function ownShopIds(db: Db, userId: string): Promise<string[]> {
  return (await shops(db).find({ 'owner.userId': userId, ...(await visibleShopFilter(db)) }, { projection: { _id: 1 } }).toArray()).map((s) => s._id);
}

/** Every visible shop without its event log (the nightly rescoring). */
export async function listVisibleShops(db: Db): Promise<Shop[]> {
  return shops(db).find(await visibleShopFilter(db), { projection: { history: 0, outbox: 0, pendingAudit: 0 } }).toArray();
}

/** The visible shops a policy filter selects, as the overview needs them (name, address, score, grade, scope). */
export async function listShopsForOverview(db: Db, filter: Filter<Shop>): Promise<Pick<Shop, '_id' | 'name' | 'address' | 'score' | 'grade' | 'scope'>[]> {
  return shops(db).find({ $and: [filter, await visibleShopFilter(db)] }, { projection: { name: 1, address: 1, score: 1, grade: 1, scope: 1 } }).toArray();
}

/** Shops by id without logs or grade history, whatever their import state (callers check visibility). */
export const shopsByIds = (db: Db, ids: string[]) => shops(db).find({ _id: { $in: ids } }, { projection: LEAN }).toArray();

/** Addresses of shops by id. */
export const shopAddresses = (db: Db, ids: string[]) => shops(db).find({ _id: { $in: ids } }, { projection: { address: 1 } }).toArray();

/** Names and locations of shops by id (patrol targets). */
export const shopPlaces = (db: Db, ids: string[]): Promise<Pick<Shop, '_id' | 'name' | 'location'>[]> =>
  shops(db).find({ _id: { $in: ids } }, { projection: { name: 1, location: 1 } }).toArray();

/** A shop's name, location and scope (a patrol scan of its plaque), or null. */
export const findShopPlace = (db: Db, id: string): Promise<Pick<Shop, '_id' | 'name' | 'location' | 'scope'> | null> =>
  shops(db).findOne({ _id: id }, { projection: { name: 1, location: 1, scope: 1 } });

/** Shops already registered under any of these licence numbers (an import's check), whatever their import state. */
export const shopsByLicences = (db: Db, licenceNos: string[]) => shops(db).find({ licenceNo: { $in: licenceNos } }, { projection: LEAN }).toArray();

/** What a plaque print run selects (each given filter narrows it). */
export type ShopPrintFilter = { townId?: string; gridId?: string; ids?: string[] };

/** The visible shops a plaque print run selects, sorted by town, grid and name. */
export async function shopsToPrint(db: Db, sel: ShopPrintFilter): Promise<Shop[]> {
  const filter: Filter<Shop> = { ...(await visibleShopFilter(db)) };
  if (sel.townId) filter['scope.townId'] = sel.townId;
  if (sel.gridId) filter['scope.gridId'] = sel.gridId;
  if (sel.ids) filter._id = { $in: sel.ids };
  return shops(db).find(filter, { projection: LEAN }).sort({ 'scope.townId': 1, 'scope.gridId': 1, name: 1 }).toArray();
}

/** Records a new score and grade with its history entry. */
export const setShopGrade = (db: Db, id: string, score: number, grade: Grade, at: Date) =>
  shops(db).updateOne({ _id: id }, { $set: { score, grade }, $push: { gradeHistory: { at, score, grade } } });

/** The shop whose 绑定码 hashes to `hash` (any import state: callers check visibility), or null. */
export const findShopByBindingHash = (db: Db, hash: string) => shops(db).findOne({ 'ownerBinding.codeHash': hash }, { projection: LEAN });

/** Gives the shops that have none a 绑定码 (shops registered before codes existed); answers them as stored. */
export async function ensureOwnerBindings(db: Db, list: Shop[], make: (shopId: string) => { nonce: string; codeHash: string }): Promise<Shop[]> {
  const missing = list.filter((s) => !s.ownerBinding);
  for (const s of missing) await shops(db).updateOne({ _id: s._id, ownerBinding: { $exists: false } }, { $set: { ownerBinding: make(s._id) } });
  if (!missing.length) return list;
  const fresh = new Map((await shops(db).find({ _id: { $in: missing.map((s) => s._id) } }, { projection: { ownerBinding: 1 } }).toArray()).map((s) => [s._id, s.ownerBinding]));
  return list.map((s) => (s.ownerBinding ? s : { ...s, ownerBinding: fresh.get(s._id) }));
}

/**
 * Uses the shop's 绑定码, once: of two people racing with the same code exactly one matches `boundAt` absent.
 * The event and its audit row go into the same update.
 */
export async function claimOwnerBinding(db: Db, shop: Pick<Shop, '_id' | 'scope'>, hash: string, userId: string, event: DomainEvent, ctx: { requestId?: string; ip?: string }): Promise<boolean> {
  const w = eventWrites(SHOPS, shop._id, event, [], { ...ctx, scope: shop.scope });
  const r = await shops(db).updateOne(
    { _id: shop._id, 'ownerBinding.codeHash': hash, 'ownerBinding.boundAt': { $exists: false } },
    { $set: { ...w.$set, 'ownerBinding.boundAt': event.at, 'ownerBinding.boundBy': userId }, $push: w.$push as never, $inc: { version: 1 } },
  );
  return r.modifiedCount === 1;
}
