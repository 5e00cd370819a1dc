import type { Db } from 'mongodb';
import { INBOX, type InboxItem } from '../../platform/outbox/inbox.collection';

const inbox = (db: Db) => db.collection<InboxItem>(INBOX);

/** A page of the user's messages, newest first, older than `before` when given. */
export async function inboxPage(db: Db, userId: string, before: Date | undefined, limit: number): Promise<InboxItem[]> {
  const filter = { userId, ...(before ? { createdAt: { $lt: before } } : {}) };
  return inbox(db).find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  return inbox(db).countDocuments({ userId, readAt: { $exists: false } });
}

/** Marks the user's own message read (the first read time stays); false when the user has no such message. */
export async function markRead(db: Db, userId: string, id: string, at: Date): Promise<boolean> {
  const r = await inbox(db).updateOne({ _id: id, userId }, { $min: { readAt: at } });
  return r.matchedCount > 0;
}
