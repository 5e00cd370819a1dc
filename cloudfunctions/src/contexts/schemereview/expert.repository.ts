import type { Db, Filter } from 'mongodb';
import type { AggregateRepository } from '../../platform/command/run-command';
import { DW_EXPERTS, type Expert } from './schemereview.collections';

const experts = (db: Db) => db.collection<Expert>(DW_EXPERTS);
const SUMMARY = { history: 0, outbox: 0, pendingAudit: 0 } as const;

export const findExpert = (db: Db, id: string) => experts(db).findOne({ _id: id });
export const findExpertByUser = (db: Db, userId: string) => experts(db).findOne({ userId });
export const insertExpert = (db: Db, doc: Expert) => experts(db).insertOne(doc);
export const insertExperts = (db: Db, docs: Expert[]) => experts(db).insertMany(docs);
/** The library of a city (all states), by name. */
export const cityLibrary = (db: Db, cityId: string, filter: Filter<Expert> = {}) => experts(db).find({ 'scope.cityId': cityId, ...filter }, { projection: SUMMARY }).sort({ name: 1 }).toArray();
export const expertsByIds = (db: Db, ids: string[]) => experts(db).find({ _id: { $in: ids } }, { projection: SUMMARY }).toArray();
export const expertRepository: AggregateRepository<Expert> = { collectionName: DW_EXPERTS, load: (deps, id) => findExpert(deps.db, id) };
