import type { Db, Filter, UpdateFilter } from 'mongodb';
import { versionedUpdate } from '../../platform/db/versioned';
import type { AggregateRepository } from '../../platform/command/run-command';
import { PIT_ALARMS, type PitAlarm } from './pit.collections';

const alarms = (db: Db) => db.collection<PitAlarm>(PIT_ALARMS);

export async function findAlarm(db: Db, id: string): Promise<PitAlarm | null> {
  return alarms(db).findOne({ _id: id });
}

/** Throws the driver's duplicate-key error (code 11000) when the id is taken (alarm ids are deterministic). */
export async function insertAlarm(db: Db, doc: PitAlarm): Promise<void> {
  await alarms(db).insertOne(doc);
}

/** Guarded by the alarm's version (see versionedUpdate): a concurrent writer gets `conflict`. */
export async function updateAlarmVersioned(db: Db, current: Pick<PitAlarm, '_id' | 'version'>, update: UpdateFilter<PitAlarm>): Promise<void> {
  await versionedUpdate(alarms(db), current, update);
}

/** An alarm list page: most recently changed first. */
export async function listAlarms(db: Db, filter: Filter<PitAlarm>, limit: number): Promise<PitAlarm[]> {
  return alarms(db).find(filter).sort({ updatedAt: -1 }).limit(limit).toArray();
}

/** The levels of a project's open alarms about its pit (suspect data is about the data, not a level). */
export async function openAlarmLevels(db: Db, projectId: string): Promise<Pick<PitAlarm, '_id' | 'level'>[]> {
  return alarms(db).find({ projectId, status: { $ne: 'archived' }, kind: { $ne: 'suspect_data' } }, { projection: { level: 1 } }).toArray();
}

/** Open alarms per project, in one aggregation (projects without any are absent). */
export async function openAlarmCounts(db: Db, projectIds: string[]): Promise<Map<string, number>> {
  if (!projectIds.length) return new Map();
  const rows = await alarms(db)
    .aggregate<{ _id: string; n: number }>([{ $match: { projectId: { $in: projectIds }, status: { $ne: 'archived' } } }, { $group: { _id: '$projectId', n: { $sum: 1 } } }])
    .toArray();
  return new Map(rows.map((r) => [r._id, r.n]));
}

/** The alarms a daily report lists: raised before its end, and open or changed during the day. */
export async function alarmsOfDay(db: Db, projectId: string, start: Date, end: Date): Promise<PitAlarm[]> {
  return alarms(db).find({ projectId, createdAt: { $lt: end }, $or: [{ status: { $ne: 'archived' } }, { updatedAt: { $gte: start } }] }).toArray();
}

/** The alarms an upload contributed to. */
export async function alarmsLinkedTo(db: Db, projectId: string, uploadId: string): Promise<PitAlarm[]> {
  return alarms(db).find({ projectId, uploads: uploadId }).toArray();
}

/** Not escalated yet and maybe overdue: raised past the deadline, or handled (its review deadline is in the trail). */
export async function escalationCandidates(db: Db, now: Date, limit: number): Promise<PitAlarm[]> {
  return alarms(db)
    .find({ escalated: false, $or: [{ status: 'raised', dueAt: { $lt: now } }, { status: 'handled' }] })
    .limit(limit)
    .toArray();
}

/** Loads and names the pit alarm aggregate for the command runner. */
export const alarmRepository: AggregateRepository<PitAlarm> = { collectionName: PIT_ALARMS, load: (deps, id) => findAlarm(deps.db, id) };
