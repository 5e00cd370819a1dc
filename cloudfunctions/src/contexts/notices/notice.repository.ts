import type { Db } from 'mongodb';
import { NOTICES, type Notice } from './notice.collection';

const notices = (db: Db) => db.collection<Notice>(NOTICES);

/** One insert = state + event + messages + audit row, atomically. */
export async function insertNotice(db: Db, doc: Notice): Promise<void> {
  await notices(db).insertOne(doc);
}

export async function findNotice(db: Db, id: string): Promise<Notice | null> {
  return notices(db).findOne({ _id: id });
}
