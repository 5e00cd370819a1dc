import type { Db } from 'mongodb';
import type { Scope } from '@cityloop/shared/policy/scope';
import { insertNew } from '../../platform/db/insert-new';
import { BLOBS, type BlobMeta } from './blob.collection';

/** Who has uploaded a blob: one document per (blob, user). */
export const BLOB_HOLDERS = 'blob_holders';
export type BlobHolder = { _id: string; sha: string; userId: string; at: Date };

const metas = (db: Db) => db.collection<BlobMeta>(BLOBS);
const holders = (db: Db) => db.collection<BlobHolder>(BLOB_HOLDERS);

export async function findBlobMeta(db: Db, sha: string): Promise<BlobMeta | null> {
  return metas(db).findOne({ _id: sha });
}

/** Records a stored blob unless it is recorded already (the first uploader stays `uploadedBy`). */
export async function recordBlobMeta(db: Db, meta: BlobMeta): Promise<void> {
  await insertNew(metas(db), [meta]);
}

export async function blobMetasOf(db: Db, shas: string[]): Promise<Pick<BlobMeta, '_id' | 'uploadedBy' | 'contentType'>[]> {
  return metas(db).find({ _id: { $in: shas } }, { projection: { _id: 1, uploadedBy: 1, contentType: 1 } }).toArray();
}

export async function insertHolder(db: Db, holder: BlobHolder): Promise<void> {
  await insertNew(holders(db), [holder]);
}

export async function holderExists(db: Db, id: string): Promise<boolean> {
  return !!(await holders(db).findOne({ _id: id }));
}

/** The scopes of up to `limit` records of a collection that attach the blob in one of the fields. */
export async function referringScopes(db: Db, collection: string, fields: readonly string[], sha: string, limit: number): Promise<Scope[]> {
  const docs = await db
    .collection<{ _id: string; scope: Scope }>(collection)
    .find({ $or: fields.map((f) => ({ [f]: sha })) }, { projection: { scope: 1 } })
    .limit(limit)
    .toArray();
  return docs.map((d) => d.scope);
}
