import type { Db, Document, Filter, Sort } from 'mongodb';
import type { AggregateRepository } from '../../platform/command/run-command';
import type { AggregateBase } from '../../platform/aggregate';
import { versionedUpdate } from '../../platform/db/versioned';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import type { OutboxMessage } from '@cityloop/shared/notify/message';

/**
 * The concrete context's document access: every collection of concrete.collections.ts is read and written here
 * (one repository; the collection is a parameter so the queries stay in one place).
 */
export async function findDoc<T extends Document>(db: Db, coll: string, id: string): Promise<T | null> {
  return (await db.collection(coll).findOne({ _id: id as never })) as T | null;
}

export async function findDocs<T extends Document>(db: Db, coll: string, filter: Filter<Document>, opts: { sort?: Sort; limit?: number; projection?: Document } = {}): Promise<T[]> {
  let cur = db.collection(coll).find(filter, opts.projection ? { projection: opts.projection } : {});
  if (opts.sort) cur = cur.sort(opts.sort);
  if (opts.limit) cur = cur.limit(opts.limit);
  return (await cur.toArray()) as unknown as T[];
}

export async function docsByIds<T extends Document>(db: Db, coll: string, ids: readonly string[], projection?: Document): Promise<T[]> {
  if (!ids.length) return [];
  return findDocs<T>(db, coll, { _id: { $in: [...new Set(ids)] as never[] } }, projection ? { projection } : {});
}

/** How many of those reads are in flight at once (FerretDB on SQLite answers many at once slower than a few). */
const READS_IN_FLIGHT = 2;

/**
 * Documents by `_id`, one read each, a few at a time: MongoDB answers each from the primary key; FerretDB evaluates
 * `{_id: {$in}}` on every decoded document but hands a single `_id` to SQLite (docs/ARCHITECTURE.md §12). Missing
 * ones are left out; order as given, duplicates once.
 */
export async function docsByIdEach<T extends Document>(db: Db, coll: string, ids: readonly string[], projection?: Document): Promise<T[]> {
  const unique = [...new Set(ids)];
  const docs: (Document | null)[] = new Array(unique.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const i = next++;
      docs[i] = await db.collection(coll).findOne({ _id: unique[i] as never }, projection ? { projection } : {});
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, unique.length) }, worker));
  return docs.filter((d): d is Document => d !== null) as unknown as T[];
}

/** Sets fields of a document if it is still at `version` (bumping it); false when someone wrote it in between. */
export async function setIfVersion(db: Db, coll: string, id: string, version: number, set: Document): Promise<boolean> {
  return (await db.collection(coll).updateOne({ _id: id as never, version }, { $set: set, $inc: { version: 1 } })).matchedCount === 1;
}

/** Writes a whole document by its `_id`, inserting it when missing (a projection recomputed from its sources). */
export async function putDoc(db: Db, coll: string, doc: Document & { _id: string }): Promise<void> {
  await db.collection(coll).replaceOne({ _id: doc._id as never }, doc, { upsert: true });
}

export async function countDocs(db: Db, coll: string, filter: Filter<Document>): Promise<number> {
  return db.collection(coll).countDocuments(filter);
}

/** Inserts a document; false when its _id (or a unique key) exists already. */
export async function insertDoc(db: Db, coll: string, doc: Document): Promise<boolean> {
  try {
    await db.collection(coll).insertOne(doc);
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false;
    throw e;
  }
}

export async function insertDocs(db: Db, coll: string, docs: Document[]): Promise<void> {
  if (docs.length) await db.collection(coll).insertMany(docs, { ordered: false });
}

export async function deleteDocs(db: Db, coll: string, ids: string[]): Promise<void> {
  if (ids.length) await db.collection(coll).deleteMany({ _id: { $in: ids as never[] } });
}

/** One versioned write of an aggregate: its fields, an event with its messages and audit row (ARCHITECTURE §4). */
export async function writeAggregate(db: Db, coll: string, agg: AggregateBase & { scope?: unknown }, set: Record<string, unknown>, event: DomainEvent, messages: OutboxMessage[] = [], ctx: { requestId?: string; ip?: string } = {}): Promise<void> {
  const w = eventWrites(coll, agg._id, event, messages, { ...ctx, scope: agg.scope as Record<string, unknown> | undefined });
  await versionedUpdate(db.collection<AggregateBase>(coll), agg, { $set: { ...w.$set, ...set }, $push: w.$push } as never);
}

/** The command runner's loader for one concrete collection. */
export const repositoryOf = <T extends AggregateBase>(coll: string): AggregateRepository<T> => ({ collectionName: coll, load: (deps, id) => findDoc<T>(deps.db, coll, id) });

/** Counts per key with $group/$sum (FerretDB-safe), for the analysis. */
export async function countBy(db: Db, coll: string, match: Filter<Document>, key: Record<string, string>): Promise<{ _id: Record<string, unknown>; n: number }[]> {
  return (await db.collection(coll).aggregate([{ $match: match }, { $group: { _id: key, n: { $sum: 1 } } }]).toArray()) as never;
}

/** Deletes a document only if a field still holds the value read (a mark set again meanwhile stays). */
export async function deleteIfUnchanged(db: Db, coll: string, id: string, field: string, value: unknown): Promise<void> {
  await db.collection<Document & { _id: string }>(coll).deleteOne({ _id: id, [field]: value } as Filter<Document & { _id: string }>);
}
