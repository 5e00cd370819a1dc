import type { Db } from 'mongodb';
import { loadConfig } from './config';
import { buildDeps } from './build-deps';
import { ensureIndexesOnce } from './db/indexes';
import type { Deps } from './deps';
import type { System } from './system';

let deps: Deps | undefined;
let indexed: Promise<unknown> | undefined;

/**
 * Deps for this warm instance, built on the first invocation; the system's indexes ensured once per instance (one
 * read when the database already has this exact list: `ensureIndexesOnce`).
 */
export async function instanceDeps(system: System): Promise<Deps> {
  deps ??= buildDeps(loadConfig());
  indexed ??= ensureIndexesOnce(deps.db as Db, system.indexes).catch((e) => {
    indexed = undefined;
    throw e;
  });
  await indexed;
  return deps;
}
