import type { Db } from 'mongodb';
import type { AggregateRepository } from '../../platform/command/run-command';
import { PIT_DEVICES, type PitDevice } from './pit.collections';

export async function findDevice(db: Db, id: string): Promise<PitDevice | null> {
  return db.collection<PitDevice>(PIT_DEVICES).findOne({ _id: id });
}

export async function insertDevice(db: Db, d: PitDevice): Promise<void> {
  await db.collection<PitDevice>(PIT_DEVICES).insertOne(d);
}

/** A project's stations, without their keys or trails. */
export async function devicesOfProject(db: Db, projectId: string): Promise<PitDevice[]> {
  return db.collection<PitDevice>(PIT_DEVICES).find({ projectId }, { projection: { keyEnc: 0, key: 0, history: 0, outbox: 0, pendingAudit: 0 } }).sort({ createdAt: 1 }).toArray();
}

export const deviceRepository: AggregateRepository<PitDevice> = { collectionName: PIT_DEVICES, load: (deps, id) => findDevice(deps.db, id) };
