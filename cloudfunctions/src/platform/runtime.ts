import type { Db } from 'mongodb';
import { loadConfig } from './config';
import { buildDeps } from './build-deps';
import { ensureIndexes } from './db/indexes';
import type { Deps } from './deps';

let deps: Deps | undefined;
let indexed: Promise<unknown> | undefined;

/** Deps for this warm instance, built on the first invocation; indexes ensured once per instance. */
export async function instanceDeps(): Promise<Deps> {
  deps ??= buildDeps(loadConfig());
  indexed ??= ensureIndexes(deps.db as Db).catch((e) => {
    indexed = undefined;
    throw e;
  });
  await indexed;
  return deps;
}
