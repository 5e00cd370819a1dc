import type { Db } from 'mongodb';
import { SMS_CODES, type SmsCodeSlot } from './sms-code.collection';

const slots = (db: Db) => db.collection<SmsCodeSlot>(SMS_CODES);

export const findSlot = (db: Db, phone: string) => slots(db).findOne({ _id: phone });

/** The phone's slot, created empty on first use (of two racing creators one inserts, both read the same). */
export async function slotOf(db: Db, phone: string, at: Date): Promise<SmsCodeSlot> {
  const found = await findSlot(db, phone);
  if (found) return found;
  try {
    await slots(db).insertOne({ _id: phone, version: 0, failures: 0, updatedAt: at });
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e;
  }
  return (await findSlot(db, phone))!;
}

/** Forgets wrong tries older than the lock (a lock that has run out, or a few misses long ago). */
export async function forgetStaleFailures(db: Db, phone: string, before: Date): Promise<void> {
  await slots(db).updateOne({ _id: phone, failures: { $gt: 0 }, lastFailAt: { $lte: before } }, { $set: { failures: 0 } });
}

/** Claims the send slot: only if nobody changed the slot since it was read as `version`. */
export async function claimSend(db: Db, phone: string, version: number, set: Pick<SmsCodeSlot, 'codeHash' | 'purpose' | 'sentAt' | 'expiresAt' | 'failures' | 'updatedAt'>): Promise<boolean> {
  const r = await slots(db).updateOne({ _id: phone, version }, { $set: set, $unset: { usedAt: '' }, $inc: { version: 1 } });
  return r.modifiedCount === 1;
}

/** Gives the send slot back after the provider refused the message (the user may ask again at once). */
export async function releaseSend(db: Db, phone: string, version: number, sentAt: Date | undefined, at: Date): Promise<void> {
  await slots(db).updateOne({ _id: phone, version }, { $set: { updatedAt: at, ...(sentAt ? { sentAt } : {}) }, $unset: { codeHash: '', expiresAt: '', ...(sentAt ? {} : { sentAt: '' }) }, $inc: { version: 1 } });
}

/** Counts one wrong try unless the phone is locked already; the slot after, or null when it was locked. */
export function countFailure(db: Db, phone: string, max: number, at: Date): Promise<SmsCodeSlot | null> {
  return slots(db).findOneAndUpdate({ _id: phone, failures: { $lt: max } }, { $inc: { failures: 1, version: 1 }, $set: { lastFailAt: at, updatedAt: at } }, { returnDocument: 'after' });
}

/** Uses the code whose hash is `hash`, once, if still valid and the phone is not locked. */
export async function consumeCode(db: Db, phone: string, hash: string, max: number, at: Date): Promise<boolean> {
  const r = await slots(db).updateOne(
    { _id: phone, codeHash: hash, expiresAt: { $gt: at }, failures: { $lt: max } },
    { $unset: { codeHash: '', expiresAt: '' }, $set: { usedAt: at, failures: 0, updatedAt: at }, $inc: { version: 1 } },
  );
  return r.modifiedCount === 1;
}
