import { MongoClient, type Db } from 'mongodb';

const clients = new Map<string, MongoClient>();

/**
 * One MongoClient per URI per warm instance (SCF reuses module scope between invocations).
 * Small pool: a function instance serves one request at a time.
 */
export function mongoClient(uri: string): MongoClient {
  let c = clients.get(uri);
  if (!c) {
    c = new MongoClient(uri, { maxPoolSize: 10, serverSelectionTimeoutMS: 5000, ignoreUndefined: true });
    clients.set(uri, c);
  }
  return c;
}

export function database(uri: string, name: string): Db {
  return mongoClient(uri).db(name);
}

export async function closeAllClients(): Promise<void> {
  await Promise.all([...clients.values()].map((c) => c.close()));
  clients.clear();
}
