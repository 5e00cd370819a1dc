import { MongoClient, type Db } from 'mongodb';

/** One short-lived connection for a command-line task: opened, used, closed (the functions keep theirs warm instead). */
export async function withDatabase<T>(uri: string, name: string, work: (db: Db) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 1 });
  try {
    return await work(client.db(name));
  } finally {
    await client.close().catch(() => {});
  }
}
