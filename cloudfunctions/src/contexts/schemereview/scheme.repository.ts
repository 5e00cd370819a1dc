import type { Db } from 'mongodb';
import { versionedUpdate } from '../../platform/db/versioned';
import type { AggregateRepository } from '../../platform/command/run-command';
import { DW_SCHEMES, type Scheme } from './schemereview.collections';

const schemes = (db: Db) => db.collection<Scheme>(DW_SCHEMES);

export const findScheme = (db: Db, id: string) => schemes(db).findOne({ _id: id });
export const insertScheme = (db: Db, doc: Scheme) => schemes(db).insertOne(doc);
export const schemesOfProject = (db: Db, projectId: string) => schemes(db).find({ projectId }).toArray();
export const schemeRepository: AggregateRepository<Scheme> = { collectionName: DW_SCHEMES, load: (deps, id) => findScheme(deps.db, id) };
/** A field change of a draft that is not a transition (its level after an item change). */
export const setSchemeFields = (db: Db, s: { _id: string; version: number }, set: Partial<Scheme>) => versionedUpdate(schemes(db), s, { $set: set });
