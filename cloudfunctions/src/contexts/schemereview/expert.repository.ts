import type { Db, Filter } from 'mongodb';
import type { AggregateRepository } from '../../platform/command/run-command';
import { DW_EXPERTS, type Expert } from './schemereview.collections';

const experts = (db: Db) => db.collection<Expert>(DW_EXPERTS);
const SUMMARY = { history: 0, outbox: 0, pendingAudit: 0 } as const;

export const findExpert = (db: Db, id: string) => experts(db).findOne({ _id: id });
export const findExpertByUser = (db: Db, userId: string) => experts(db).findOne({ userId });
/** Experts of these accounts, staged rows included (an import's duplicate check). */
export const expertsByUsers = (db: Db, userIds: string[]) => (userIds.length ? experts(db).find({ userId: { $in: userIds } }, { projection: { userId: 1, name: 1, active: 1 } }).toArray() : Promise.resolve([]));
export const insertExpert = (db: Db, doc: Expert) => experts(db).insertOne(doc);
export const insertExperts = (db: Db, docs: Expert[]) => experts(db).insertMany(docs);
/** The library of a city (all states), by name; a staged import's rows only once their batch is finished. */
export const cityLibrary = (db: Db, cityId: string, filter: Filter<Expert> = {}) => experts(db).find({ 'scope.cityId': cityId, active: { $ne: false }, ...filter }, { projection: SUMMARY }).sort({ name: 1 }).toArray();
/** The keeper's list: as `cityLibrary`, with each expert's history (the reasons of suspensions and removals). */
export const keeperLibrary = (db: Db, cityId: string) => experts(db).find({ 'scope.cityId': cityId, active: { $ne: false } }, { projection: { outbox: 0, pendingAudit: 0 } }).sort({ name: 1 }).toArray();
export const expertsByIds = (db: Db, ids: string[]) => experts(db).find({ _id: { $in: ids } }, { projection: SUMMARY }).toArray();
export const expertRepository: AggregateRepository<Expert> = { collectionName: DW_EXPERTS, load: (deps, id) => findExpert(deps.db, id) };
