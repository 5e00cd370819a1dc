import type { Db } from 'mongodb';
import type { PointConfig } from '@cityloop/shared/pit/domain/epoch.solve';
import type { PitProject } from './pit.collections';
import { findProject } from './project.repository';
import { pointsOf, type ProjectHead } from './ingest-heads';

export type SolvingProject = { project: PitProject; byCode: Record<string, PointConfig> };

/** Per database (tests run several systems in one process), per project: what the last upload read. */
const cache = new WeakMap<Db, Map<string, SolvingProject & { version: number }>>();
const MAX_PROJECTS = 2_000;

/**
 * The project and its point configurations for solving an upload. A warm instance keeps what it read and
 * reuses it while the project head (read by every upload anyway) carries the same `pointsVersion`: every
 * change to what solving reads goes through `pointsChanged`, which bumps it. Saves reading the project's
 * largest document on each upload. Callers that notify people re-read the project (parties may change).
 */
export async function solvingProject(db: Db, head: ProjectHead): Promise<SolvingProject | null> {
  let byProject = cache.get(db);
  if (!byProject) cache.set(db, (byProject = new Map()));
  const hit = byProject.get(head._id);
  if (hit && head.pointsVersion !== undefined && hit.version === head.pointsVersion) return hit;
  const project = await findProject(db, head._id);
  if (!project) return null;
  const byCode = await pointsOf(db, project);
  if (project.pointsVersion !== undefined && project.pointsVersion === head.pointsVersion) {
    if (byProject.size >= MAX_PROJECTS) byProject.clear();
    byProject.set(head._id, { project, byCode, version: project.pointsVersion });
  }
  return { project, byCode };
}
