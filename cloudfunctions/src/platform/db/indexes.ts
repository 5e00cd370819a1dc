import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../context-module';
import { system } from '../system';

/**
 * Ensures the indexes the context modules declare (by default, the installed system's).
 * One spec per createIndexes call: FerretDB 1.24 drops the connection ("slice bounds out of range") when a
 * multi-spec call meets indexes that already exist, i.e. on every start after the first.
 */
export async function ensureIndexes(db: Db, specs: readonly CollectionIndexes[] = system().indexes): Promise<string[]> {
  const made: string[] = [];
  for (const { collection, indexes } of specs) {
    for (const spec of indexes) made.push(...(await db.collection(collection).createIndexes([spec])).map((i) => `${collection}.${i}`));
  }
  await db.collection<IndexStamp>(INDEX_STAMP.collection).updateOne({ _id: INDEX_STAMP.id }, { $set: { fingerprint: indexFingerprint(specs), at: new Date() } }, { upsert: true });
  return made;
}

/** One document remembering which index list was last ensured on this database in full. */
export const INDEX_STAMP = { collection: 'db_meta', id: 'indexes' } as const;
type IndexStamp = { _id: string; fingerprint: string; at: Date };

/** SHA-256 of the declared index list (collections, keys, options, in declaration order). */
export const indexFingerprint = (specs: readonly CollectionIndexes[]) => createHash('sha256').update(JSON.stringify(specs)).digest('hex');

/**
 * What every function instance does on its first request: ensures the indexes unless this database already has
 * exactly this list in full (the stamp `ensureIndexes` writes when it is done). A cold start then costs one read
 * instead of one createIndexes round trip per index (77 today); a deployment that declares a new or changed index
 * changes the fingerprint, so its first instance creates it before answering, as before. `cityloop db indexes`
 * ensures them all again regardless (after restoring a database without its indexes, for instance).
 */
export async function ensureIndexesOnce(db: Db, specs: readonly CollectionIndexes[] = system().indexes): Promise<'current' | string[]> {
  const stamp = await db.collection<IndexStamp>(INDEX_STAMP.collection).findOne({ _id: INDEX_STAMP.id });
  if (stamp?.fingerprint === indexFingerprint(specs)) return 'current';
  return ensureIndexes(db, specs);
}
