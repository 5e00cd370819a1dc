import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../context-module';

/** Request nonces of signed device posts (every device family), keyed `<deviceId>:<nonce>`. */
export const DEVICE_NONCES = 'device_nonces';
export const DEVICE_NONCE_INDEXES: CollectionIndexes[] = [{ collection: DEVICE_NONCES, indexes: [{ key: { at: 1 } }] }];

/** Remembers a device's request nonce; false when it was seen before (a replay). */
export async function recordNonce(db: Db, deviceId: string, nonce: string, at: Date): Promise<boolean> {
  try {
    await db.collection<{ _id: string; at: Date }>(DEVICE_NONCES).insertOne({ _id: `${deviceId}:${nonce}`, at });
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false;
    throw e;
  }
}

/** Nonces older than the signature window can never be replayed (the timestamp check refuses them): forgotten. */
export async function purgeOldNonces(db: Db, before: Date): Promise<number> {
  return (await db.collection<{ _id: string; at: Date }>(DEVICE_NONCES).deleteMany({ at: { $lt: before } })).deletedCount;
}
