import { MongoClient, type Db } from 'mongodb';

const clients = new Map<string, MongoClient>();

/**
 * One MongoClient per URI per warm instance (SCF reuses module scope between invocations).
 * Small pool: a function instance serves one request at a time.
 *
 * `maxPoolSize: 1` is how dev and tests run on FerretDB: FerretDB 1.24 evaluates an update's filter
 * outside its write, so two concurrent compare-and-set updates can both "win" (measured: 20 concurrent
 * `{_id, version}` updates → up to 12 reported modified). One connection makes the server apply this
 * process's operations one at a time, restoring per-document atomicity locally. MongoDB is atomic per
 * document, so production keeps a normal pool.
 */
export function mongoClient(uri: string, maxPoolSize = 10): MongoClient {
  let c = clients.get(uri);
  if (!c) {
    c = new MongoClient(uri, { maxPoolSize, serverSelectionTimeoutMS: 5000, ignoreUndefined: true });
    clients.set(uri, c);
  }
  return c;
}

export function database(uri: string, name: string, maxPoolSize?: number): Db {
  return mongoClient(uri, maxPoolSize).db(name);
}

export async function closeAllClients(): Promise<void> {
  await Promise.all([...clients.values()].map((c) => c.close()));
  clients.clear();
}
