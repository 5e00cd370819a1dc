import type { Db, UpdateFilter } from 'mongodb';
import { versionedUpdate } from '../../platform/db/versioned';
import type { AggregateRepository } from '../../platform/command/run-command';
import { PIT_POINTS, type PitPoint } from './pit.collections';

const points = (db: Db) => db.collection<PitPoint>(PIT_POINTS);
/** Points of a staged import not yet activated are nobody's (platform/staged-import.ts). */
const LIVE = { active: { $ne: false } } as const;

/** A project's points in code order (pages and reports). */
export async function pointsOfProject(db: Db, projectId: string): Promise<PitPoint[]> {
  return points(db).find({ projectId, ...LIVE }).sort({ code: 1 }).toArray();
}

/** A project's points as stored (no order asked for: the solver keys them by code). */
export async function pointConfigsOf(db: Db, projectId: string): Promise<PitPoint[]> {
  return points(db).find({ projectId, ...LIVE }).toArray();
}

export async function pointCodesOf(db: Db, projectId: string): Promise<Pick<PitPoint, '_id' | 'code' | 'item'>[]> {
  return points(db).find({ projectId, ...LIVE }, { projection: { code: 1, item: 1 } }).toArray();
}

export async function findPointById(db: Db, id: string): Promise<PitPoint | null> {
  return points(db).findOne({ _id: id });
}

export async function findPoint(db: Db, projectId: string, code: string): Promise<PitPoint | null> {
  return points(db).findOne({ projectId, code, ...LIVE });
}

/** Guarded by the point's version (see versionedUpdate). */
export async function updatePointVersioned(db: Db, current: Pick<PitPoint, '_id' | 'version'>, update: UpdateFilter<PitPoint>): Promise<void> {
  await versionedUpdate(points(db), current, update);
}

/** The measuring point `code` of a project for the command runner (points are addressed by project and code, not id). */
export const pointByCode = (projectId: string, code: string): AggregateRepository<PitPoint> => ({ collectionName: PIT_POINTS, load: (deps) => findPoint(deps.db, projectId, code) });

/** Which of these codes the project already has (staged rows included: a code is taken once placed). */
export async function takenPointCodes(db: Db, projectId: string, codes: string[]): Promise<Set<string>> {
  return new Set((await points(db).find({ projectId, code: { $in: codes } }, { projection: { code: 1 } }).toArray()).map((p) => p.code));
}

/** How many live points a project has. */
export async function countPoints(db: Db, projectId: string): Promise<number> {
  return points(db).countDocuments({ projectId, ...LIVE });
}
