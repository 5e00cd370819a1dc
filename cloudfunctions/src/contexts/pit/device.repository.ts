import type { Db } from 'mongodb';
import type { AggregateRepository } from '../../platform/command/run-command';
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

export async function insertDevice(db: Db, d: PitDevice): Promise<void> {
  await db.collection<PitDevice>(PIT_DEVICES).insertOne(d);
}

/** A project's stations, without their keys or trails. */
export async function devicesOfProject(db: Db, projectId: string): Promise<PitDevice[]> {
  return db.collection<PitDevice>(PIT_DEVICES).find({ projectId }, { projection: { keyEnc: 0, key: 0, history: 0, outbox: 0, pendingAudit: 0 } }).sort({ createdAt: 1 }).toArray();
}

export const deviceRepository: AggregateRepository<PitDevice> = { collectionName: PIT_DEVICES, load: (deps, id) => findDevice(deps.db, id) };

/** Nonces older than the signature window can never be replayed (the timestamp check refuses them): forgotten. */
export async function purgeOldNonces(db: Db, before: Date): Promise<number> {
  return (await db.collection<{ _id: string; at: Date }>(DEVICE_NONCES).deleteMany({ at: { $lt: before } })).deletedCount;
}
