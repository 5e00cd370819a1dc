import type { Db, Filter, UpdateFilter } from 'mongodb';
import { versionedUpdate } from '../../platform/db/versioned';
import type { AggregateRepository } from '../../platform/command/run-command';
import { CASES, type CityCase } from './case.collection';

/** The states in which a case is still being worked on (a report of the same facility and class joins it). */
export const OPEN_STATES = ['received', 'accepted', 'dispatched', 'in_progress', 'handled', 'parked', 'deferred'] as const;

/** What a list or the numbers need: a case without its event log and pending writes. */
const SUMMARY = { history: 0, outbox: 0, pendingAudit: 0 } as const;

const cases = (db: Db) => db.collection<CityCase>(CASES);

export const findCase = (db: Db, id: string) => cases(db).findOne({ _id: id });

export const insertCase = (db: Db, doc: CityCase) => cases(db).insertOne(doc);

/** The one versioned write every state change of a case goes through (stale → conflict). */
export const updateCaseVersioned = (db: Db, current: { _id: string; version: number }, update: UpdateFilter<CityCase>) => versionedUpdate(cases(db), current, update);

/** The open case of a facility for one class, if any. */
export const findOpenCaseAt = (db: Db, facilityId: string, kind: CityCase['kind'], classCode: string) =>
  cases(db).findOne({ facilityId, classCode, kind, state: { $in: [...OPEN_STATES] } });

export const addCaseFollower = (db: Db, id: string, userId: string) => cases(db).updateOne({ _id: id }, { $addToSet: { followers: userId } });

/** The person's own reports and the cases they follow, newest first. */
export const listCasesOf = (db: Db, userId: string, limit = 100) =>
  cases(db).find({ $or: [{ reporterId: userId }, { followers: userId }] }).sort({ createdAt: -1 }).limit(limit).toArray();

/** A work queue: cases matching a policy filter (and a state), newest first. */
export const listCases = (db: Db, filter: Filter<CityCase>, limit: number) => cases(db).find(filter).sort({ createdAt: -1 }).limit(limit).toArray();

/** A list without the event logs and pending writes, newest first (what an outside reader of cases sees). */
export const listCaseSummaries = (db: Db, filter: Filter<CityCase>, limit: number) =>
  cases(db).find(filter, { projection: SUMMARY }).sort({ createdAt: -1 }).limit(limit).toArray();

/** The cases the numbers are computed from: everything accepted, without the event logs. */
export const listCasesForMetrics = (db: Db, filter: Filter<CityCase>, reported?: { from: Date; to: Date }) =>
  cases(db).find({ ...filter, state: { $nin: ['received', 'rejected', 'withdrawn'] }, ...(reported ? { createdAt: { $gte: reported.from, $lt: reported.to } } : {}) }, { projection: SUMMARY }).toArray();

/**
 * Cases whose waiting step (受理, 派遣, 处置, 核查) is past its deadline and not yet chased; cases from before step
 * deadlines (no `stepDue`) by their 处置 deadline.
 */
export async function listOverdueCases(db: Db, now: Date, limit = 500): Promise<CityCase[]> {
  const steps = await cases(db).find({ 'stepDue.escalated': false, 'stepDue.at': { $lt: now }, state: { $in: ['received', 'accepted', 'dispatched', 'in_progress', 'handled'] } }).limit(limit).toArray();
  const legacy = await cases(db).find({ stepDue: { $exists: false }, state: { $in: ['dispatched', 'in_progress'] }, deadline: { $lt: now }, escalated: false }).limit(limit).toArray();
  return [...steps, ...legacy];
}

export type OpenCaseSummary = Pick<CityCase, '_id' | 'className' | 'state' | 'createdAt' | 'kind' | 'classCode'>;

/** What a passer-by may see of a facility's open problems: newest first, without who reported them. */
export const listOpenCasesAt = (db: Db, facilityId: string, limit = 20): Promise<OpenCaseSummary[]> =>
  cases(db)
    .find({ facilityId, state: { $in: [...OPEN_STATES] } }, { projection: { className: 1, state: 1, createdAt: 1, kind: 1, classCode: 1 } })
    .sort({ createdAt: -1 })
    .limit(limit)
    .toArray();

/** Loads and names the case aggregate for the command runner. */
export const caseRepository: AggregateRepository<CityCase> = { collectionName: CASES, load: (deps, id) => findCase(deps.db, id) };
