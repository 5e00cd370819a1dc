import type { Db, Filter } from 'mongodb';
import type { AggregateBase, DomainEvent } from '../../platform/aggregate';
import { PATROL_CHECKS, PATROL_MISSED, PATROL_RULES, type PatrolCheckDoc, type PatrolRuleDoc } from './patrol.collections';

/** 漏巡: one record per rule and period, written once by the scheduler. */
export type MissedPatrolDoc = AggregateBase & { ruleId: string; gridId: string; patrollerIds: string[]; periodStart: Date; missed: number; facilities: string[]; scope: PatrolRuleDoc['scope'] };

const rules = (db: Db) => db.collection<PatrolRuleDoc>(PATROL_RULES);
const checks = (db: Db) => db.collection<PatrolCheckDoc>(PATROL_CHECKS);
const missed = (db: Db) => db.collection<MissedPatrolDoc>(PATROL_MISSED);

export const insertPatrolRule = (db: Db, doc: PatrolRuleDoc) => rules(db).insertOne(doc);

/** Active rules matching a (policy) filter; all of them without one. */
export const activePatrolRules = (db: Db, filter: Filter<PatrolRuleDoc> = {}) => rules(db).find({ ...filter, active: true }).toArray();

/** The active rules a patroller works on. */
export const rulesOfPatroller = (db: Db, patrollerId: string) => rules(db).find({ patrollerIds: patrollerId, active: true }).toArray();

/** The patroller's active rule covering a facility, if any. */
export const findPatrollerRuleFor = (db: Db, patrollerId: string, facilityId: string) => rules(db).findOne({ patrollerIds: patrollerId, facilityIds: facilityId, active: true });

/** The frequency of a rule, if it exists. */
export const findRuleFrequency = (db: Db, id: string) => rules(db).findOne({ _id: id }, { projection: { per: 1, times: 1 } });

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
