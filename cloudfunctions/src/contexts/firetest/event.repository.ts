import type { Db, Filter } from 'mongodb';
import type { AggregateRepository } from '../../platform/command/run-command';
import { FIRE_ACCEPTANCES, FIRE_CASES, FIRE_EVENTS, FIRE_FORGERIES, type FireAcceptance, type FireCase, type FireEvent, type FireForgery } from './firetest.collections';

const events = (db: Db) => db.collection<FireEvent>(FIRE_EVENTS);
const cases = (db: Db) => db.collection<FireCase>(FIRE_CASES);
const SUMMARY = { history: 0, outbox: 0, pendingAudit: 0 } as const;

export const findEvent = (db: Db, id: string) => events(db).findOne({ _id: id });
export const insertEvent = (db: Db, doc: FireEvent) => events(db).insertOne(doc);
/** Events matching a (policy) filter, most severe and newest first. */
export const listEvents = (db: Db, filter: Filter<FireEvent>, limit = 200) => events(db).find(filter, { projection: SUMMARY }).sort({ severity: -1, createdAt: -1 }).limit(limit).toArray();
export const eventsOfProject = (db: Db, projectId: string) => events(db).find({ projectId }, { projection: SUMMARY }).sort({ createdAt: 1 }).toArray();
/** Notices past their deadline without a reply, not yet escalated. */
export const listOverdueNotices = (db: Db, now: Date, limit = 200) => events(db).find({ state: 'noticed', 'notice.deadline': { $lt: now }, 'notice.escalated': false }).limit(limit).toArray();
export const eventRepository: AggregateRepository<FireEvent> = { collectionName: FIRE_EVENTS, load: (deps, id) => findEvent(deps.db, id) };

export const findCase = (db: Db, id: string) => cases(db).findOne({ _id: id });
export const insertCase = (db: Db, doc: FireCase) => cases(db).insertOne(doc);
export const listCases = (db: Db, filter: Filter<FireCase>) => cases(db).find(filter, { projection: SUMMARY }).sort({ createdAt: -1 }).limit(200).toArray();
export const caseRepository: AggregateRepository<FireCase> = { collectionName: FIRE_CASES, load: (deps, id) => findCase(deps.db, id) };

export const insertAcceptance = (db: Db, doc: FireAcceptance) => db.collection<FireAcceptance>(FIRE_ACCEPTANCES).insertOne(doc);
export const acceptancesOfProject = (db: Db, projectId: string) => db.collection<FireAcceptance>(FIRE_ACCEPTANCES).find({ projectId }).sort({ at: -1 }).toArray();

/** Logs a refused forged input (the regulator's list of forgery attempts). */
export const logForgery = (db: Db, doc: FireForgery) => db.collection<FireForgery>(FIRE_FORGERIES).insertOne(doc);
export const listForgeries = (db: Db, limit = 100) => db.collection<FireForgery>(FIRE_FORGERIES).find({}).sort({ at: -1 }).limit(limit).toArray();
