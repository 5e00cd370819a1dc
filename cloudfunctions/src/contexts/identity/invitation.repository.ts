import type { Db } from 'mongodb';
import { INVITATIONS, type Invitation } from './invitation.collection';

const invitations = (db: Db) => db.collection<Invitation>(INVITATIONS);

export async function insertInvitation(db: Db, inv: Invitation): Promise<void> {
  await invitations(db).insertOne(inv);
}

export async function findInvitation(db: Db, code: string): Promise<Invitation | null> {
  return invitations(db).findOne({ _id: code });
}

/** Claims an unused, unexpired code for the user, atomically: of two people racing for one code, exactly one wins. */
export async function claimInvitation(db: Db, code: string, userId: string, at: Date): Promise<Invitation | null> {
  return invitations(db).findOneAndUpdate({ _id: code, usedBy: { $exists: false }, expiresAt: { $gt: at } }, { $set: { usedBy: userId, usedAt: at } }, { returnDocument: 'after' });
}
