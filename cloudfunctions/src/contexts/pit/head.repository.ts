import type { Db, UpdateFilter } from 'mongodb';
import type { ProjectHead } from './ingest-heads';

/** Separate small collections: FerretDB rewrites and scans whole documents, so big ones must not sit beside tiny ones. */
export const PIT_CHAIN_HEADS = 'pit_chain_heads';
export const PIT_OPEN_ALARMS = 'pit_open_alarms';

type OpenAlarmDoc = { _id: string; alarmId: string };

const heads = (db: Db) => db.collection<ProjectHead>(PIT_CHAIN_HEADS);
const openAlarms = (db: Db) => db.collection<OpenAlarmDoc>(PIT_OPEN_ALARMS);

export async function findHead(db: Db, projectId: string): Promise<ProjectHead | null> {
  return heads(db).findOne({ _id: projectId });
}

/** Upserts the head; `filter` narrows it beyond the project (e.g. only while a stream still points at an upload). */
export async function updateHead(db: Db, projectId: string, update: UpdateFilter<ProjectHead>, opts: { upsert?: boolean; filter?: Record<string, unknown> } = {}): Promise<void> {
  await heads(db).updateOne({ _id: projectId, ...(opts.filter ?? {}) } as never, update, { upsert: opts.upsert ?? false });
}

/** The last upload time of each project, in one read. */
export async function lastUploadTimes(db: Db, projectIds: string[]): Promise<Map<string, Date>> {
  if (!projectIds.length) return new Map();
  const rows = await heads(db).find({ _id: { $in: projectIds } }, { projection: { lastUploadAt: 1 } }).toArray();
  return new Map(rows.flatMap((h) => (h.lastUploadAt ? [[h._id, h.lastUploadAt] as const] : [])));
}

export async function findOpenAlarmId(db: Db, key: string): Promise<string | null> {
  return (await openAlarms(db).findOne({ _id: key }))?.alarmId ?? null;
}

export async function putOpenAlarmId(db: Db, key: string, alarmId: string): Promise<void> {
  await openAlarms(db).updateOne({ _id: key }, { $set: { alarmId } }, { upsert: true });
}

export async function deleteOpenAlarmId(db: Db, key: string): Promise<void> {
  await openAlarms(db).deleteOne({ _id: key });
}
