import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../../platform/context-module';

/** An Open311 client (a partner app, a hotline system): its key's SHA-256, and the account its reports are filed under (`cityloop open311 key create`). */
export type Open311Key = { _id: string; name: string; cityId: string; userId: string; enabled: boolean; createdAt?: Date };
export const OPEN311_KEYS = 'open311_keys';
export const OPEN311_INDEXES: CollectionIndexes[] = [
  { collection: OPEN311_KEYS, indexes: [{ key: { userId: 1 } }] },
];
/** What a presented `api_key` is looked up by: its SHA-256 (a copy of the database holds no usable keys). */
export const open311KeyId = (key: string) => createHash('sha256').update(key).digest('hex');

const keys = (db: Db) => db.collection<Open311Key>(OPEN311_KEYS);

/** The enabled client a presented key belongs to, or null. */
export async function findEnabledKey(db: Db, key: string): Promise<Open311Key | null> {
  return keys(db).findOne({ _id: open311KeyId(key), enabled: true });
}

export async function insertKey(db: Db, key: Open311Key): Promise<void> {
  await keys(db).insertOne(key);
}

/** Keys by name, of one city when given. */
export async function listKeys(db: Db, cityId?: string): Promise<Open311Key[]> {
  return keys(db).find(cityId ? { cityId } : {}).sort({ name: 1 }).toArray();
}

/** Every key's id and name (to find one by an id prefix). */
export async function keyNames(db: Db): Promise<Pick<Open311Key, '_id' | 'name'>[]> {
  return keys(db).find({}, { projection: { _id: 1, name: 1 } }).toArray();
}

export async function disableKey(db: Db, id: string): Promise<void> {
  await keys(db).updateOne({ _id: id }, { $set: { enabled: false } });
}
