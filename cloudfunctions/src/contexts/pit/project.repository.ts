import type { Db, Filter } from 'mongodb';
import type { Level } from '@cityloop/shared/pit/levels';
import type { AggregateRepository } from '../../platform/command/run-command';
import { PIT_PROJECTS, type PitProject } from './pit.collections';

const projects = (db: Db) => db.collection<PitProject>(PIT_PROJECTS);

/** What a list needs: without the trail and the point snapshot (the largest parts of the document). */
const LIST_PROJECTION = { history: 0, outbox: 0, pendingAudit: 0, pointsSnapshot: 0, pointsSnapshotJson: 0 } as const;

export async function findProject(db: Db, id: string): Promise<PitProject | null> {
  return projects(db).findOne({ _id: id });
}

/** Only the named fields (and `_id`, `scope`) of a project: a permission check reads no more. */
export async function findProjectFields<K extends keyof PitProject>(db: Db, id: string, fields: K[]): Promise<Pick<PitProject, '_id' | 'scope' | K> | null> {
  const projection: Record<string, 1> = { scope: 1 };
  for (const f of fields) projection[f as string] = 1;
  return projects(db).findOne({ _id: id }, { projection });
}

export async function listProjects(db: Db, filter: Filter<PitProject>): Promise<PitProject[]> {
  return projects(db).find(filter, { projection: LIST_PROJECTION }).toArray();
}

export async function setWorstLevel(db: Db, projectId: string, worstLevel: Level): Promise<void> {
  await projects(db).updateOne({ _id: projectId }, { $set: { worstLevel } });
}

/** A new points version with the old snapshot dropped; returns the project after the change. */
export async function bumpPointsVersion(db: Db, projectId: string): Promise<PitProject | null> {
  // FerretDB 1.24: no projection on findAndModify
  return projects(db).findOneAndUpdate({ _id: projectId }, { $inc: { pointsVersion: 1 }, $unset: { pointsSnapshot: '', pointsSnapshotJson: '' } }, { returnDocument: 'after' });
}

/** Stores the snapshot only if no point changed meanwhile (the same `pointsVersion`). */
export async function storePointsSnapshot(db: Db, projectId: string, version: number | undefined, snapshotJson: string): Promise<void> {
  await projects(db).updateOne({ _id: projectId, pointsVersion: version ?? { $exists: false } } as never, { $set: { pointsSnapshotJson: snapshotJson }, $unset: { pointsSnapshot: '' } });
}

/** A new project, inserted whole (its first event, messages and audit row inside: createdAggregate). */
export async function insertProject(db: Db, p: PitProject): Promise<void> {
  await projects(db).insertOne(p);
}

/** The project for the command runner. */
export const projectRepository: AggregateRepository<PitProject> = { collectionName: PIT_PROJECTS, load: (deps, id) => findProject(deps.db, id) };

/** Projects the 缺测 job checks: those 监测中 (a project stored before the lifecycle counts as active). */
export async function monitoredProjects(db: Db): Promise<PitProject[]> {
  return projects(db).find({ status: { $nin: ['pending', 'paused', 'closed'] } } as Filter<PitProject>, { projection: LIST_PROJECTION }).toArray();
}
