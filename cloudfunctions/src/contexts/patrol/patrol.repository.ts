import type { Db, Filter } from 'mongodb';
import type { AggregateBase, DomainEvent } from '../../platform/aggregate';
import type { AggregateRepository } from '../../platform/command/run-command';
import { PATROL_CHECKS, PATROL_DEFAULTS, PATROL_MISSED, PATROL_RULES, PATROL_TASKS, type PatrolCheckDoc, type PatrolDefaultsDoc, type PatrolRuleDoc, type PatrolTaskDoc } from './patrol.collections';

/** 漏巡: one record per rule and period, written once by the scheduler. */
export type MissedPatrolDoc = AggregateBase & { ruleId: string; gridId: string; patrollerIds: string[]; periodStart: Date; missed: number; facilities: string[]; scope: PatrolRuleDoc['scope'] };

const rules = (db: Db) => db.collection<PatrolRuleDoc>(PATROL_RULES);
const checks = (db: Db) => db.collection<PatrolCheckDoc>(PATROL_CHECKS);
const missed = (db: Db) => db.collection<MissedPatrolDoc>(PATROL_MISSED);
const tasks = (db: Db) => db.collection<PatrolTaskDoc>(PATROL_TASKS);
const defaults = (db: Db) => db.collection<PatrolDefaultsDoc>(PATROL_DEFAULTS);

/** Rules (active and paused) matching a (policy) filter, without their logs, newest first. */
export const listPatrolRules = (db: Db, filter: Filter<PatrolRuleDoc>, limit = 500) =>
  rules(db).find(filter, { projection: { history: 0, outbox: 0, pendingAudit: 0 } }).sort({ createdAt: -1 }).limit(limit).toArray();

/** Loads a rule for the command runner (edit, pause, resume). */
export const patrolRuleRepository: AggregateRepository<PatrolRuleDoc> = { collectionName: PATROL_RULES, load: (deps, id) => rules(deps.db).findOne({ _id: id }) };

/** Check-ins of a (policy) filter since `since`, newest first. */
export const checksSince = (db: Db, filter: Filter<PatrolCheckDoc>, since: Date, limit = 500) => checks(db).find({ ...filter, at: { $gte: since } }).sort({ at: -1 }).limit(limit).toArray();

/** The city's defaults for new rules, if it has any. */
export const findPatrolDefaults = (db: Db, cityId: string) => defaults(db).findOne({ _id: cityId });

/** Replaces a city's defaults: the first write inserts (version 1), later ones need the version read (null → stale). */
export async function savePatrolDefaults(db: Db, cityId: string, version: number | null, value: Omit<PatrolDefaultsDoc, '_id' | 'version'>): Promise<boolean> {
  if (version === null) {
    try {
      await defaults(db).insertOne({ _id: cityId, ...value, version: 1 });
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }
  return (await defaults(db).updateOne({ _id: cityId, version }, { $set: value, $inc: { version: 1 } })).modifiedCount === 1;
}

/** Inserts a visit task once (its id names the target and the occasion; a second insert is a no-op). */
export async function insertPatrolTaskOnce(db: Db, doc: PatrolTaskDoc): Promise<boolean> {
  try {
    await tasks(db).insertOne(doc);
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false;
    throw e;
  }
}

/** The open visit tasks of a target (a shop) for an assignee. */
export const openTasksAt = (db: Db, targetId: string, assigneeId: string) => tasks(db).find({ targetId, assigneeId, state: 'open' }).toArray();

/** Marks a task done by a check-in (only an open one: a second check-in changes nothing). */
export const completePatrolTask = (db: Db, id: string, checkId: string, at: Date) =>
  tasks(db).updateOne({ _id: id, state: 'open' }, { $set: { state: 'done', doneAt: at, checkId }, $inc: { version: 1 } });

/** Tasks matching a (policy) filter: open ones first by deadline. */
export const listPatrolTasks = (db: Db, filter: Filter<PatrolTaskDoc>, limit = 200) =>
  tasks(db).find(filter, { projection: { history: 0, outbox: 0, pendingAudit: 0 } }).sort({ state: -1, deadline: 1 }).limit(limit).toArray();

export const insertPatrolRule = (db: Db, doc: PatrolRuleDoc) => rules(db).insertOne(doc);

/** Active rules matching a (policy) filter; all of them without one. */
export const activePatrolRules = (db: Db, filter: Filter<PatrolRuleDoc> = {}) => rules(db).find({ ...filter, active: true }).toArray();

/** The active rules a patroller works on. */
export const rulesOfPatroller = (db: Db, patrollerId: string) => rules(db).find({ patrollerIds: patrollerId, active: true }).toArray();

/** The patroller's active rule covering a facility, if any. */
export const findPatrollerRuleFor = (db: Db, patrollerId: string, facilityId: string) => rules(db).findOne({ patrollerIds: patrollerId, facilityIds: facilityId, active: true });

/** The frequency of a rule, if it exists. */
export const findRuleFrequency = (db: Db, id: string) => rules(db).findOne({ _id: id }, { projection: { per: 1, times: 1, window: 1 } });

/** Writes a rule the system owns (created on first use; each change appended to its history). */
export const upsertSystemRule = (db: Db, id: string, rule: Omit<PatrolRuleDoc, keyof AggregateBase | 'createdAt'>, event: DomainEvent, t: Date) =>
  rules(db).updateOne({ _id: id }, { $set: rule, $push: { history: event }, $setOnInsert: { version: 1, outbox: [], pendingAudit: [], hasPending: false, createdAt: t } }, { upsert: true });

export const insertPatrolCheck = (db: Db, check: PatrolCheckDoc) => checks(db).insertOne(check);

/** A patroller's scans since `since`. */
export const checksOfPatrollerSince = (db: Db, patrollerId: string, since: Date) => checks(db).find({ patrollerId, at: { $gte: since } }).toArray();

/** Scans of these facilities from `from` (up to `before`, when given). */
export const checksOfFacilities = (db: Db, facilityIds: string[], from: Date, before?: Date) =>
  checks(db).find({ facilityId: { $in: facilityIds }, at: before ? { $gte: from, $lt: before } : { $gte: from } }).toArray();

/** Throws a duplicate-key error (11000) when the rule's period is already recorded. */
export const insertMissedPatrol = (db: Db, doc: MissedPatrolDoc) => missed(db).insertOne(doc);

/** 漏巡 records matching a (policy) filter for periods from `start`. */
export const missedPatrolsSince = (db: Db, filter: Filter<MissedPatrolDoc>, start: Date) => missed(db).find({ ...filter, periodStart: { $gte: start } }).toArray();
