import type { Db, Filter } from 'mongodb';
import type { AggregateRepository } from '../../platform/command/run-command';
import { FIRE_PROJECTS, FIRE_REPORTS, type FireProject, type FireReport } from './firetest.collections';

const projects = (db: Db) => db.collection<FireProject>(FIRE_PROJECTS);
const reports = (db: Db) => db.collection<FireReport>(FIRE_REPORTS);
const SUMMARY = { history: 0, outbox: 0, pendingAudit: 0 } as const;

export const findProject = (db: Db, id: string) => projects(db).findOne({ _id: id });
export const insertProject = (db: Db, doc: FireProject) => projects(db).insertOne(doc);
export const listProjects = (db: Db, filter: Filter<FireProject>, limit = 200) => projects(db).find(filter, { projection: { ...SUMMARY, records: 0, scans: 0 } }).sort({ createdAt: -1 }).limit(limit).toArray();
export const projectRepository: AggregateRepository<FireProject> = { collectionName: FIRE_PROJECTS, load: (deps, id) => findProject(deps.db, id) };

export const findReport = (db: Db, id: string) => reports(db).findOne({ _id: id });
export const findReportByNumber = (db: Db, number: string) => reports(db).findOne({ number });
export const insertReport = (db: Db, doc: FireReport) => reports(db).insertOne(doc);
export const reportsOfProject = (db: Db, projectId: string) => reports(db).find({ projectId }, { projection: SUMMARY }).sort({ revision: 1, createdAt: 1 }).toArray();
/** How many numbered report series exist with this prefix (the next base number follows). */
export const countReportSeries = (db: Db, prefix: string) => reports(db).countDocuments({ baseNumber: { $regex: `^${prefix}` }, revision: 0 });
/** The agency's latest issued (valid) report for a building: what 消防验收 is compared with. */
export const latestIssuedReportFor = (db: Db, buildingKey: string) => reports(db).find({ 'building.key': buildingKey, state: 'issued' }).sort({ issuedAt: -1 }).limit(1).next();
export const reportRepository: AggregateRepository<FireReport> = { collectionName: FIRE_REPORTS, load: (deps, id) => findReport(deps.db, id) };
