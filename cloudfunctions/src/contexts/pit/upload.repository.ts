import type { Db, FindCursor } from 'mongodb';
import { PIT_UPLOADS, USABLE_UPLOAD, type PitUpload } from './pit.collections';

const uploads = (db: Db) => db.collection<PitUpload>(PIT_UPLOADS);

export async function findUpload(db: Db, id: string): Promise<PitUpload | null> {
  return uploads(db).findOne({ _id: id });
}

/** Throws the driver's duplicate-key error (code 11000) when the `_id` or the (project, seq) link is taken. */
export async function insertUpload(db: Db, u: PitUpload): Promise<void> {
  await uploads(db).insertOne(u);
}

/** The newest usable epochs, with their results (the latest value of each point is among them). */
export async function recentUsableResults(db: Db, projectId: string, limit: number): Promise<Pick<PitUpload, '_id' | 'results' | 'observedAt'>[]> {
  return uploads(db).find({ projectId, ...USABLE_UPLOAD }, { projection: { results: 1, observedAt: 1 } }).sort({ observedAt: -1 }).limit(limit).toArray();
}

export async function firstUsableObservedAt(db: Db, projectId: string): Promise<Date | null> {
  const [first] = await uploads(db).find({ projectId, ...USABLE_UPLOAD }, { projection: { observedAt: 1 } }).sort({ observedAt: 1 }).limit(1).toArray();
  return first?.observedAt ?? null;
}

/** Every usable epoch observed before `end`, oldest first (a daily report). */
export async function usableResultsBefore(db: Db, projectId: string, end: Date): Promise<Pick<PitUpload, '_id' | 'results' | 'observedAt'>[]> {
  return uploads(db).find({ projectId, ...USABLE_UPLOAD, observedAt: { $lt: end } }, { projection: { results: 1, observedAt: 1 } }).sort({ observedAt: 1 }).toArray();
}

/** The usable epochs that judged a point, oldest first (its curve). */
export async function pointEpochs(db: Db, projectId: string, code: string, limit: number): Promise<Pick<PitUpload, '_id' | 'observedAt' | 'results' | 'summary'>[]> {
  return uploads(db).find({ projectId, ...USABLE_UPLOAD, 'results.point': code }, { projection: { observedAt: 1, results: 1, summary: 1 } }).sort({ observedAt: 1 }).limit(limit).toArray();
}

/** The latest uploads of a project, newest link first. */
export async function latestUploads(db: Db, projectId: string, limit: number): Promise<PitUpload[]> {
  return uploads(db).find({ projectId }).sort({ seq: -1 }).limit(limit).toArray();
}

/** Every upload of a project in chain order. */
export function uploadsInChainOrder(db: Db, projectId: string): FindCursor<PitUpload> {
  return uploads(db).find({ projectId }).sort({ seq: 1 });
}

/** The project's last chain link as the uploads record it. */
export async function lastChainLink(db: Db, projectId: string): Promise<Pick<PitUpload, '_id' | 'seq' | 'chainHash'> | null> {
  return uploads(db).findOne({ projectId }, { sort: { seq: -1 }, projection: { seq: 1, chainHash: 1 } });
}

/** The latest usable epoch of a stream observed before `before`. */
export async function usableEpochBefore(db: Db, projectId: string, stream: string, before: Date): Promise<Pick<PitUpload, '_id' | 'results' | 'observedAt' | 'fingerprint'> | null> {
  return uploads(db).findOne({ projectId, stream, ...USABLE_UPLOAD, observedAt: { $lt: before } }, { sort: { observedAt: -1 }, projection: { results: 1, observedAt: 1, fingerprint: 1 } });
}

export async function markAlarmsRaised(db: Db, uploadId: string): Promise<void> {
  await uploads(db).updateOne({ _id: uploadId }, { $set: { alarmsRaised: true } });
}

/** Uploads stored before `before` whose alarms were never raised (a crash in between). */
export async function unraisedUploads(db: Db, before: Date, limit: number): Promise<PitUpload[]> {
  return uploads(db).find({ alarmsRaised: false, receivedAt: { $lt: before } }).limit(limit).toArray();
}

/** Sets `voided` unless it is set already; false when another regulator got there first. */
export async function markVoided(db: Db, uploadId: string, voided: NonNullable<PitUpload['voided']>): Promise<boolean> {
  const r = await uploads(db).updateOne({ _id: uploadId, voided: { $exists: false } } as never, { $set: { voided } });
  return r.modifiedCount === 1;
}
