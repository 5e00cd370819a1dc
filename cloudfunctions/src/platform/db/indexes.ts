import type { Db, IndexDescription } from 'mongodb';

/**
 * Indexes, declared next to each collection by the module that owns it (`registerIndexes`), ensured at
 * start-up. Only plain and unique indexes: FerretDB (our test server) has no partial or TTL indexes.
 */
const registry = new Map<string, IndexDescription[]>();

export function registerIndexes(collection: string, indexes: IndexDescription[]): void {
  registry.set(collection, [...(registry.get(collection) ?? []), ...indexes]);
}

/**
 * One spec per createIndexes call: FerretDB 1.24 drops the connection ("slice bounds out of range") when a
 * multi-spec call meets indexes that already exist, i.e. on every start after the first.
 */
export async function ensureIndexes(db: Db): Promise<string[]> {
  const made: string[] = [];
  for (const [name, specs] of registry) {
    for (const spec of specs) made.push(...(await db.collection(name).createIndexes([spec])).map((i) => `${name}.${i}`));
  }
  return made;
}
