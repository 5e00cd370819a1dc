import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../context-module';
import { system } from '../system';

/**
 * Ensures the indexes the context modules declare (by default, the installed system's).
 * One spec per createIndexes call: FerretDB 1.24 drops the connection ("slice bounds out of range") when a
 * multi-spec call meets indexes that already exist, i.e. on every start after the first.
 */
export async function ensureIndexes(db: Db, specs: readonly CollectionIndexes[] = system().indexes): Promise<string[]> {
  const made: string[] = [];
  for (const { collection, indexes } of specs) {
    for (const spec of indexes) made.push(...(await db.collection(collection).createIndexes([spec])).map((i) => `${collection}.${i}`));
  }
  return made;
}
