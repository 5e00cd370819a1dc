import type { Db, Filter, UpdateFilter } from 'mongodb';
import { versionedUpdate } from '../../platform/db/versioned';
import type { AggregateRepository } from '../../platform/command/run-command';
import { PLAQUE_COMPLAINTS, type PlaqueComplaint } from './plaque.collections';

/** A complaint without its event log and pending writes. */
const SUMMARY = { history: 0, outbox: 0, pendingAudit: 0 } as const;

const complaints = (db: Db) => db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS);

export const findComplaint = (db: Db, id: string) => complaints(db).findOne({ _id: id });

/** Only the photos of a complaint (and of its fix): what a photo link checks. */
export const findComplaintPhotos = (db: Db, id: string) => complaints(db).findOne({ _id: id }, { projection: { photos: 1, fix: 1 } });

export const insertComplaint = (db: Db, doc: PlaqueComplaint) => complaints(db).insertOne(doc);

/** The one versioned write every state change of a complaint goes through (stale → conflict). */
export const updateComplaintVersioned = (db: Db, current: { _id: string; version: number }, update: UpdateFilter<PlaqueComplaint>) => versionedUpdate(complaints(db), current, update);

/** Links the enforcement case opened for an escalated complaint. */
export const setComplaintCase = (db: Db, id: string, caseId: string) => complaints(db).updateOne({ _id: id }, { $set: { caseId } });


/** Complaints of one class against a shop since `since`. */
export const countShopComplaintsOfClass = (db: Db, shopId: string, classCode: string, since: Date) => complaints(db).countDocuments({ shopId, classCode, createdAt: { $gt: since } });

/** The shop's complaints since `since`, without logs (what its score counts). */
export const shopComplaintsSince = (db: Db, shopId: string, since: Date) => complaints(db).find({ shopId, createdAt: { $gt: since } }, { projection: SUMMARY }).toArray();

/** The newest complaints against these shops. */
/** A complainant's own complaints, newest first (我的上报). */
export const complaintsOfComplainant = (db: Db, complainantId: string, limit: number) => complaints(db).find({ complainantId }).sort({ createdAt: -1 }).limit(limit).toArray();

export const latestComplaintsOf = (db: Db, shopIds: string[], limit: number) => complaints(db).find({ shopId: { $in: shopIds } }).sort({ createdAt: -1 }).limit(limit).toArray();

/** Open complaints past their deadline. */
export const listOverdueComplaints = (db: Db, now: Date, limit = 200) => complaints(db).find({ state: 'open', deadline: { $lt: now } }).limit(limit).toArray();

/** Escalated complaints whose enforcement case is missing (a run died between the claim and the case). */
export const listEscalatedWithoutCase = (db: Db, limit = 100) => complaints(db).find({ state: 'escalated', caseId: { $exists: false } }).limit(limit).toArray();

/** Appealed complaints matching a (policy) filter: pending ones oldest first, decided ones newest first. */
export const listAppealed = (db: Db, filter: Filter<PlaqueComplaint>, status: 'pending' | 'decided', limit = 100) =>
  complaints(db)
    .find({ ...(status === 'pending' ? { 'appeal.status': 'pending' } : { 'appeal.status': { $in: ['upheld', 'rejected'] } }), ...filter } as Filter<PlaqueComplaint>, { projection: SUMMARY })
    .sort({ 'appeal.at': status === 'pending' ? 1 : -1 })
    .limit(limit)
    .toArray();

/** Loads and names the plaque complaint aggregate (its appeal included) for the command runner. */
export const complaintRepository: AggregateRepository<PlaqueComplaint> = { collectionName: PLAQUE_COMPLAINTS, load: (deps, id) => findComplaint(deps.db, id) };

/** A shop's complaints waiting with the area chief (its owner had not bound an account). */
export const listReferredComplaints = (db: Db, shopId: string) => complaints(db).find({ shopId, state: 'referred' }).toArray();

/** Complaints not yet escalated (with the shop, the citizen or the area chief) matching a (policy) filter, oldest deadline first. */
export const listLiveComplaints = (db: Db, filter: Filter<PlaqueComplaint>, limit = 200) =>
  complaints(db)
    .find({ ...filter, state: { $in: ['open', 'fixed', 'referred'] } } as Filter<PlaqueComplaint>, { projection: SUMMARY })
    .sort({ deadline: 1 })
    .limit(limit)
    .toArray();

/** Fixes the complainant has not answered since `before` (they settle as confirmed). */
export const listUnansweredFixes = (db: Db, before: Date, limit = 200) => complaints(db).find({ state: 'fixed', 'fix.at': { $lt: before } }).limit(limit).toArray();
