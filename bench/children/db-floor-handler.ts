/**
 * Second baseline for cold start: the smallest SCF function that answers with one database round trip — the same
 * MongoDB driver, client options and bundling as the real functions (bench/sections/20-cold-start.ts builds it with
 * functionBuildOptions), nothing else. What the api costs above this is our code; below it no function that reads
 * the database can go.
 */
import { MongoClient } from 'mongodb';

let client: MongoClient | undefined;

export async function main_handler() {
  client ??= new MongoClient(process.env.MONGODB_URI!, { maxPoolSize: 1, serverSelectionTimeoutMS: 800, connectTimeoutMS: 2000, ignoreUndefined: true });
  await client.db(process.env.MONGODB_DB).command({ ping: 1 });
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}', isBase64Encoded: false };
}
