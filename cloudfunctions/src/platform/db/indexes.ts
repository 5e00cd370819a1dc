import type { Db, IndexDescription } from 'mongodb';

/**
 * Indexes, declared next to each collection by the module that owns it (`registerIndexes`), ensured at
 * start-up. Only plain and unique indexes: FerretDB (our test server) has no partial or TTL indexes.
 */
const registry = new Map<string, IndexDescription[]>();

export function registerIndexes(collection: string, indexes: IndexDescription[]): void {
  registry.set(collection, [...(registry.get(collection) ?? []), ...indexes]);
}

export async function ensureIndexes(db: Db): Promise<string[]> {
  const made: string[] = [];
  for (const [name, specs] of registry) {
    if (specs.length === 0) continue;
    made.push(...(await db.collection(name).createIndexes(specs)).map((i) => `${name}.${i}`));
  }
  return made;
}
