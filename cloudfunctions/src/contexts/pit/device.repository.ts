import type { Db } from 'mongodb';
import { DEVICE_NONCES, PIT_DEVICES, type PitDevice } from './pit.collections';

export async function findDevice(db: Db, id: string): Promise<PitDevice | null> {
  return db.collection<PitDevice>(PIT_DEVICES).findOne({ _id: id });
}

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
