import type { Db, UpdateFilter } from 'mongodb';
import { CHECKIN_GENESIS } from '@cityloop/shared/checkin/chain';
import type { CheckinRecord } from '@cityloop/shared/checkin/checkin.types';
import { isDuplicateKeyError } from '../../platform/db/duplicate-key';
import { versionedUpdate } from '../../platform/db/versioned';
import { CHECKIN_FACE_SESSIONS, CHECKIN_HEADS, CHECKIN_PEOPLE, CHECKINS, type ChainHead, type CheckinDoc, type CheckinPerson, type FaceSession } from './checkin.collections';

const checkins = (db: Db) => db.collection<CheckinDoc>(CHECKINS);
const heads = (db: Db) => db.collection<ChainHead>(CHECKIN_HEADS);
const people = (db: Db) => db.collection<CheckinPerson>(CHECKIN_PEOPLE);
const sessions = (db: Db) => db.collection<FaceSession>(CHECKIN_FACE_SESSIONS);

const SUMMARY = { history: 0, outbox: 0, pendingAudit: 0 } as const;

export const chainKeyOf = (siteKind: string, siteId: string) => `${siteKind}:${siteId}`;

/** The stored record as the public shape (what domains read). */
export function recordOf(d: CheckinDoc): CheckinRecord {
  return {
    id: d._id, siteKind: d.siteKind, siteId: d.siteId, userId: d.userId, userName: d.userName, role: d.role, direction: d.direction, at: d.at,
    gps: d.gps, inGeofence: d.inGeofence, faceMatch: d.faceMatch, faceRequired: d.faceRequired, distanceM: d.distanceM, flags: d.flags,
    seq: d.seq, prevHash: d.prevHash, chainHash: d.chainHash, photoHash: d.photoHash, faceMode: d.faceMode,
  };
}

/** A site's check-ins in chain order (optionally one person's). */
export async function siteCheckins(db: Db, siteKind: string, siteId: string, userId?: string): Promise<CheckinDoc[]> {
  const filter = { chainKey: chainKeyOf(siteKind, siteId), ...(userId ? { userId } : {}) };
  return checkins(db).find(filter, { projection: SUMMARY }).sort({ seq: 1 }).toArray() as Promise<CheckinDoc[]>;
}

/** The person's latest check-in at any site (impossible travel), and at this site (check-out needs an open check-in). */
export async function lastCheckinOf(db: Db, userId: string, chainKey?: string): Promise<CheckinDoc | null> {
  return checkins(db).findOne({ userId, ...(chainKey ? { chainKey } : {}) }, { projection: SUMMARY, sort: { at: -1, seq: -1 } }) as Promise<CheckinDoc | null>;
}

export const findCheckinByVerifyId = (db: Db, verifyId: string) => checkins(db).findOne({ verifyId }, { projection: { _id: 1 } });

/** The end of a site's chain as the head says (GENESIS for a new site). */
export async function chainHead(db: Db, chainKey: string): Promise<{ seq: number; chainHash: string }> {
  const h = await heads(db).findOne({ _id: chainKey });
  return h ? { seq: h.seq, chainHash: h.chainHash } : { seq: 0, chainHash: CHECKIN_GENESIS };
}

/** Reads the real end of the chain from the records and moves the head there (after a collision). */
export async function repairChainHead(db: Db, chainKey: string): Promise<void> {
  const last = await checkins(db).findOne({ chainKey }, { sort: { seq: -1 }, projection: { seq: 1, chainHash: 1 } });
  if (last) await moveHead(db, { _id: chainKey, seq: last.seq, chainHash: last.chainHash });
}

/** Moves the head forward (never back); a race leaves it behind at worst, which the next collision repairs. */
export async function moveHead(db: Db, head: ChainHead): Promise<void> {
  const r = await heads(db).updateOne({ _id: head._id, seq: { $lt: head.seq } }, { $set: { seq: head.seq, chainHash: head.chainHash } });
  if (r.matchedCount) return;
  try {
    await heads(db).insertOne(head);
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e; // it exists and is already at or past this link
  }
}

/** Inserts a check-in; a unique collision (the chain position or a replayed verifyId) throws the driver's error. */
export const insertCheckin = (db: Db, doc: CheckinDoc) => checkins(db).insertOne(doc);

export const findPerson = (db: Db, userId: string) => people(db).findOne({ _id: userId });
export const insertPerson = (db: Db, doc: CheckinPerson) => people(db).insertOne(doc);
export const updatePersonVersioned = (db: Db, current: { _id: string; version: number }, update: UpdateFilter<CheckinPerson>) => versionedUpdate(people(db), current, update);

export const insertFaceSession = (db: Db, s: FaceSession) => sessions(db).insertOne(s);
export const findFaceSession = (db: Db, verifyId: string) => sessions(db).findOne({ _id: verifyId });
