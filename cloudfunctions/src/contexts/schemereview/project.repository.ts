import type { Db } from 'mongodb';
import { versionedUpdate } from '../../platform/db/versioned';
import type { AggregateRepository } from '../../platform/command/run-command';
import { DW_PROJECTS, type DwProject } from './schemereview.collections';

const projects = (db: Db) => db.collection<DwProject>(DW_PROJECTS);

export const findDwProject = (db: Db, id: string) => projects(db).findOne({ _id: id });
export const insertDwProject = (db: Db, doc: DwProject) => projects(db).insertOne(doc);
/** Registers matching a (policy) filter, newest first, without their logs. */
export const listDwProjects = (db: Db, filter: Record<string, unknown>, limit = 200) =>
  projects(db).find(filter, { projection: { history: 0, outbox: 0, pendingAudit: 0 } }).sort({ updatedAt: -1 }).limit(limit).toArray();
/** The names of some registers (a person's 我的 page names the projects their role binds them to). */
export const dwProjectNames = (db: Db, ids: string[]) => (ids.length ? projects(db).find({ _id: { $in: ids } }, { projection: { name: 1 } }).toArray() : Promise.resolve([]));
export const dwProjectRepository: AggregateRepository<DwProject> = { collectionName: DW_PROJECTS, load: (deps, id) => findDwProject(deps.db, id) };
/** Links the items' schemes (a versioned write without an event: the schemes' own creation events record it). */
export const setProjectItems = (db: Db, p: { _id: string; version: number }, items: DwProject['items']) => versionedUpdate(projects(db), p, { $set: { items } });
