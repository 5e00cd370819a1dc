import type { Db } from 'mongodb';
import type { PointConfig } from '@cityloop/shared/pit/domain/epoch.solve';
import { PIT_POINTS, PIT_UPLOADS, type PitPoint, type PitProject, type PitUpload } from './pit.collections';

/**
 * Small documents read by `_id` so an upload never scans: FerretDB answers only `_id` lookups from an
 * index, and every other filter reads the whole collection (measured: 3 such lookups were 90 % of an upload).
 * They are caches of what the uploads already say — `repairChainHead` and `previousEpoch` fall back to the
 * uploads themselves when a head is missing or behind.
 */
export const GENESIS = '0'.repeat(64);
export const PIT_HEADS = 'pit_heads';
type ChainHeadDoc = { _id: string; seq: number; chainHash: string };
type StreamHeadDoc = { _id: string; uploadId: string; observedAt: Date; results: PitUpload['results']; fingerprint: string };

export async function chainHead(db: Db, projectId: string): Promise<{ seq: number; chainHash: string }> {
  const h = await db.collection<ChainHeadDoc>(PIT_HEADS).findOne({ _id: `chain:${projectId}` });
  return h ? { seq: h.seq, chainHash: h.chainHash } : { seq: 0, chainHash: GENESIS };
}

/** Moves the head forward only (compare-and-set on the seq it was read at). */
export async function advanceChainHead(db: Db, projectId: string, from: { seq: number }, u: PitUpload): Promise<void> {
  const heads = db.collection<ChainHeadDoc>(PIT_HEADS);
  if (from.seq === 0) {
    try {
      await heads.insertOne({ _id: `chain:${projectId}`, seq: u.seq, chainHash: u.chainHash });
      return;
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
    }
  }
  await heads.updateOne({ _id: `chain:${projectId}`, seq: { $lt: u.seq } }, { $set: { seq: u.seq, chainHash: u.chainHash } });
}

/** The slow path after a collision: read the real last link from the uploads and fix the head. */
export async function repairChainHead(db: Db, projectId: string): Promise<void> {
  const last = await db.collection<PitUpload>(PIT_UPLOADS).findOne({ projectId }, { sort: { seq: -1 }, projection: { seq: 1, chainHash: 1 } });
  if (!last) return;
  await db.collection<ChainHeadDoc>(PIT_HEADS).updateOne({ _id: `chain:${projectId}` }, { $set: { seq: last.seq, chainHash: last.chainHash } }, { upsert: true });
}

/** The latest accepted epoch of a stream before `beforeMs`: from the stream head, or (late or first data) the uploads. */
export async function previousEpoch(db: Db, projectId: string, stream: string, beforeMs: number): Promise<Pick<PitUpload, 'results' | 'observedAt' | 'fingerprint'> | null> {
  const head = await db.collection<StreamHeadDoc>(PIT_HEADS).findOne({ _id: `stream:${projectId}|${stream}` });
  if (head && head.observedAt.getTime() < beforeMs) return head;
  return db.collection<PitUpload>(PIT_UPLOADS).findOne(
    { projectId, stream, status: 'accepted', observedAt: { $lt: new Date(beforeMs) } },
    { sort: { observedAt: -1 }, projection: { results: 1, observedAt: 1, fingerprint: 1 } },
  );
}

export async function recordStreamHead(db: Db, u: PitUpload): Promise<void> {
  const heads = db.collection<StreamHeadDoc>(PIT_HEADS);
  const doc: StreamHeadDoc = { _id: `stream:${u.projectId}|${u.stream}`, uploadId: u._id, observedAt: u.observedAt, results: u.results, fingerprint: u.fingerprint };
  const r = await heads.updateOne({ _id: doc._id, observedAt: { $lt: u.observedAt } }, { $set: doc });
  if (r.matchedCount === 0) {
    try {
      await heads.insertOne(doc);
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e; // a newer epoch is already the head
    }
  }
}

const pointCache = new Map<string, { at: number; points: Record<string, PointConfig> }>();
const POINT_TTL_MS = 60_000;

/** A project's points, cached per warm instance by the project's `pointsVersion` (bumped on every control edit). */
export async function pointsOf(db: Db, project: Pick<PitProject, '_id'> & { pointsVersion?: number }): Promise<Record<string, PitPoint>> {
  const key = `${project._id}:${project.pointsVersion ?? 0}`;
  const hit = pointCache.get(key);
  if (hit && Date.now() - hit.at < POINT_TTL_MS) return hit.points as Record<string, PitPoint>;
  const points = await db.collection<PitPoint>(PIT_POINTS).find({ projectId: project._id }).toArray();
  const byCode = Object.fromEntries(points.map((p) => [p.code, p]));
  pointCache.set(key, { at: Date.now(), points: byCode });
  return byCode;
}
