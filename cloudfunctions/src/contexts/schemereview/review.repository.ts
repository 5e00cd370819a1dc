import type { Db, Filter } from 'mongodb';
import type { AggregateRepository } from '../../platform/command/run-command';
import { DW_REVIEWS, type Review } from './schemereview.collections';

const reviews = (db: Db) => db.collection<Review>(DW_REVIEWS);
const SUMMARY = { history: 0, outbox: 0, pendingAudit: 0 } as const;

export const findReview = (db: Db, id: string) => reviews(db).findOne({ _id: id });
export const insertReview = (db: Db, doc: Review) => reviews(db).insertOne(doc);
/** Reviews matching a (policy) filter, newest first, without their logs. */
export const listReviews = (db: Db, filter: Filter<Review>, limit = 200) => reviews(db).find(filter, { projection: SUMMARY }).sort({ createdAt: -1 }).limit(limit).toArray();
/** The reviews of a project's scheme, newest first. */
export const reviewsOfScheme = (db: Db, schemeId: string) => reviews(db).find({ schemeId }, { projection: SUMMARY }).sort({ createdAt: -1 }).toArray();
/** Concluded reviews linked to a pit monitoring project, newest first (the trail an alarm opens). */
export const reviewsOfPit = (db: Db, pitProjectId: string) => reviews(db).find({ pitProjectId, state: { $in: ['concluded', 'archived'] } }, { projection: SUMMARY }).sort({ createdAt: -1 }).toArray();
/** Reviews with an invitation past its reply deadline (the invitation job). */
export const reviewsWithOverdueInvitations = (db: Db, now: Date, limit = 50) =>
  reviews(db).find({ state: 'inviting', 'invitations.status': 'invited', 'invitations.deadline': { $lt: now } }).sort({ updatedAt: 1 }).limit(limit).toArray();
/** Reported reviews whose follow-up (scheme state, integrity records) never finished, reported before `before`. */
export const reviewsAwaitingFollowUp = (db: Db, before: Date, limit = 50) =>
  reviews(db).find({ 'report.at': { $lt: before }, 'report.followedUpAt': { $exists: false } }).sort({ 'report.at': 1 }).limit(limit).toArray();
/** The report's follow-up is complete (a marker outside the versioned state: no command reads it). */
export const markReportFollowedUp = (db: Db, id: string, at: Date) => reviews(db).updateOne({ _id: id, report: { $exists: true } }, { $set: { 'report.followedUpAt': at } });
export const reviewRepository: AggregateRepository<Review> = { collectionName: DW_REVIEWS, load: (deps, id) => findReview(deps.db, id) };
