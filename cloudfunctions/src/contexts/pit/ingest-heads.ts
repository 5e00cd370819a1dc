import type { Db } from 'mongodb';
import type { PointConfig } from '@cityloop/shared/pit/domain/epoch.solve';
import { PIT_POINTS, PIT_PROJECTS, PIT_UPLOADS, type PitPoint, type PitProject, type PitUpload } from './pit.collections';

/**
 * Small documents read by `_id` so an upload never scans: FerretDB answers only `_id` lookups from an
 * index, and every other filter reads the whole collection (measured: 3 such lookups were 90 % of an upload).
 * They are caches of what the uploads already say — `repairChainHead` and `previousEpoch` fall back to the
 * uploads themselves when a head is missing or behind.
 */
export const GENESIS = '0'.repeat(64);
/** Separate small collections: FerretDB rewrites and scans whole documents, so big ones must not sit beside tiny ones. */
export const PIT_CHAIN_HEADS = 'pit_chain_heads';
export const PIT_STREAM_HEADS = 'pit_stream_heads';
export const PIT_OPEN_ALARMS = 'pit_open_alarms';
type ChainHeadDoc = { _id: string; seq: number; chainHash: string; lastUploadAt?: Date };
/** Only what the next epoch of the stream needs (rates, the consecutive rule, identical-upload check): small to scan. */
type HeadResult = Pick<PitUpload['results'][number], 'point' | 'value' | 'consecutive'>;
/**
 * `resultsJson`: the results as one JSON string. Every FerretDB lookup scans the whole collection, decoding each
 * document; a string decodes in a fraction of the time of 150 small objects (20 heads: 1.6 ms vs 9.3 ms a read,
 * 2.0 ms vs 15.3 ms a replace). `results` is the unpacked form written before.
 */
type StreamHeadDoc = { _id: string; uploadId: string; observedAt: Date; resultsJson?: string; results?: HeadResult[]; fingerprint: string };
export type PreviousEpoch = { observedAt: Date; results: HeadResult[]; fingerprint: string };

export async function chainHead(db: Db, projectId: string): Promise<{ seq: number; chainHash: string }> {
  const h = await db.collection<ChainHeadDoc>(PIT_CHAIN_HEADS).findOne({ _id: projectId });
  return h ? { seq: h.seq, chainHash: h.chainHash } : { seq: 0, chainHash: GENESIS };
}

/**
 * Moves the head to the upload just inserted. Filtered by `_id` alone (FerretDB scans any other filter); a
 * race can leave the head one link behind, which the next insert's unique (project, seq) collision repairs.
 */
export async function advanceChainHead(db: Db, projectId: string, _from: { seq: number }, u: PitUpload): Promise<void> {
  await db.collection<ChainHeadDoc>(PIT_CHAIN_HEADS).updateOne({ _id: projectId }, { $set: { seq: u.seq, chainHash: u.chainHash, lastUploadAt: u.receivedAt } }, { upsert: true });
}

export async function lastUploadAt(db: Db, projectId: string): Promise<Date | null> {
  return (await db.collection<ChainHeadDoc>(PIT_CHAIN_HEADS).findOne({ _id: projectId }))?.lastUploadAt ?? null;
}

/** The slow path after a collision: read the real last link from the uploads and fix the head. */
export async function repairChainHead(db: Db, projectId: string): Promise<void> {
  const last = await db.collection<PitUpload>(PIT_UPLOADS).findOne({ projectId }, { sort: { seq: -1 }, projection: { seq: 1, chainHash: 1 } });
  if (!last) return;
  await db.collection<ChainHeadDoc>(PIT_CHAIN_HEADS).updateOne({ _id: projectId }, { $set: { seq: last.seq, chainHash: last.chainHash } }, { upsert: true });
}

/** The latest accepted epoch of a stream before `beforeMs`: from the stream head, or (late or first data) the uploads. */
export async function previousEpoch(db: Db, projectId: string, stream: string, beforeMs: number, chainSeq: number): Promise<PreviousEpoch | null> {
  const head = await db.collection<StreamHeadDoc>(PIT_STREAM_HEADS).findOne({ _id: `${projectId}|${stream}` });
  if (head && head.observedAt.getTime() < beforeMs) return { observedAt: head.observedAt, fingerprint: head.fingerprint, results: head.resultsJson !== undefined ? (JSON.parse(head.resultsJson) as HeadResult[]) : (head.results ?? []) };
  if (chainSeq === 0) return null; // the project has no uploads at all
  return db.collection<PitUpload>(PIT_UPLOADS).findOne(
    { projectId, stream, status: 'accepted', observedAt: { $lt: new Date(beforeMs) } },
    { sort: { observedAt: -1 }, projection: { results: 1, observedAt: 1, fingerprint: 1 } },
  );
}

/** `previous` = the head read before solving: only a newer epoch replaces it (late uploads leave it alone). */
export async function recordStreamHead(db: Db, u: PitUpload, previous: { observedAt: Date } | null): Promise<void> {
  if (previous && previous.observedAt >= u.observedAt) return;
  const results = u.results.map(({ point, value, consecutive }) => ({ point, value, consecutive }));
  const doc: StreamHeadDoc = { _id: `${u.projectId}|${u.stream}`, uploadId: u._id, observedAt: u.observedAt, resultsJson: JSON.stringify(results), fingerprint: u.fingerprint };
  await db.collection<StreamHeadDoc>(PIT_STREAM_HEADS).replaceOne({ _id: doc._id }, doc, { upsert: true });
}

/**
 * A project's point configurations (what the solver needs), kept as a snapshot on the project document so
 * an upload reads one document. `pointsChanged` rebuilds it whenever a point changes (and when a project is
 * set up), so uploads do not pay for it; an upload that finds none builds it.
 */
export async function pointsOf(db: Db, project: Pick<PitProject, '_id' | 'pointsSnapshotJson' | 'pointsSnapshot' | 'pointsVersion'>): Promise<Record<string, PointConfig>> {
  if (project.pointsSnapshotJson !== undefined) return JSON.parse(project.pointsSnapshotJson) as Record<string, PointConfig>;
  if (project.pointsSnapshot) return project.pointsSnapshot;
  return buildPointsSnapshot(db, project._id, project.pointsVersion);
}

/** Reads the points and stores the snapshot, only if no point changed meanwhile (same `pointsVersion`). */
async function buildPointsSnapshot(db: Db, projectId: string, version: number | undefined): Promise<Record<string, PointConfig>> {
  const points = await db.collection<PitPoint>(PIT_POINTS).find({ projectId }).toArray();
  const snapshot: Record<string, PointConfig> = {};
  for (const p of points) {
    const { code, item, control, initialM, pipeTopM, calibration, initialProfile } = p;
    snapshot[code] = JSON.parse(JSON.stringify({ code, item, control, initialM, pipeTopM, calibration, initialProfile }));
  }
  await db.collection<PitProject>(PIT_PROJECTS).updateOne({ _id: projectId, pointsVersion: version ?? { $exists: false } } as never, { $set: { pointsSnapshotJson: JSON.stringify(snapshot) }, $unset: { pointsSnapshot: '' } });
  return snapshot;
}

/** The open threshold alarm of a point, by _id (set when an alarm opens, cleared when it is archived). */
type OpenAlarmDoc = { _id: string; alarmId: string };
const openKey = (projectId: string, point: string) => `${projectId}|${point}`;
export async function openAlarmOf(db: Db, projectId: string, point: string): Promise<string | null> {
  return (await db.collection<OpenAlarmDoc>(PIT_OPEN_ALARMS).findOne({ _id: openKey(projectId, point) }))?.alarmId ?? null;
}
export async function setOpenAlarm(db: Db, projectId: string, point: string, alarmId: string): Promise<void> {
  await db.collection<OpenAlarmDoc>(PIT_OPEN_ALARMS).updateOne({ _id: openKey(projectId, point) }, { $set: { alarmId } }, { upsert: true });
}
export async function clearOpenAlarm(db: Db, projectId: string, point: string, alarmId: string): Promise<void> {
  const cur = await openAlarmOf(db, projectId, point);
  if (cur === alarmId) await db.collection<OpenAlarmDoc>(PIT_OPEN_ALARMS).deleteOne({ _id: openKey(projectId, point) });
}

/** Call after any change to a project's points, and once its points are set up: a new version, its snapshot built now. */
export async function pointsChanged(db: Db, projectId: string): Promise<void> {
  const p = await db.collection<PitProject>(PIT_PROJECTS).findOneAndUpdate({ _id: projectId }, { $inc: { pointsVersion: 1 }, $unset: { pointsSnapshot: '', pointsSnapshotJson: '' } }, { returnDocument: 'after' }); // (FerretDB 1.24: no projection on findAndModify)
  if (p) await buildPointsSnapshot(db, projectId, p.pointsVersion);
}
