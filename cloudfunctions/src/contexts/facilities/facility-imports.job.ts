import type { Db } from 'mongodb';
import { registerJob } from '../../jobs/job-registry';
import { deleteInactiveRows, findImportState, importIdsIn, inactiveRowBatches } from './facility.repository';
import { activateImport, rollBackImport } from './import-facilities';

/** An import still staging after this long died with its request (the api function times out in 15 s). */
export const STALE_IMPORT_MS = 3600_000;
const MAX_BATCHES = 200;

/**
 * Settles facility imports (import-facilities.ts): rows of committed batches are flipped to `active: true`
 * (they are visible already; this makes reads cheaper), staging batches older than 1 h (their request
 * died) are rolled back, and inactive rows older than 1 h whose batch is unknown or rolled back are
 * deleted. Idempotent; bounded by `budgetMs`. `activated` counts rows.
 */
export async function settleFacilityImports(db: Db, now: Date, budgetMs = 60_000): Promise<{ activated: number; rolledBack: number; orphanBatches: number }> {
  const deadline = Date.now() + budgetMs;
  const staleBefore = new Date(now.getTime() - STALE_IMPORT_MS);
  let activated = 0;
  let rolledBack = 0;
  let orphanBatches = 0;

  for (const id of await importIdsIn(db, 'committed', MAX_BATCHES)) {
    if (Date.now() > deadline) break;
    activated += (await activateImport(db, id, now, deadline)).activated;
  }
  for (const id of await importIdsIn(db, 'staging', MAX_BATCHES, staleBefore)) {
    if (Date.now() > deadline) break;
    if (await rollBackImport(db, id, 'stale: still staging after 1 h', now)) rolledBack++;
  }
  // Rows whose commit record is missing (a crash between the two writes, or a record removed by hand).
  const batches = (await inactiveRowBatches(db, staleBefore)).slice(0, MAX_BATCHES);
  for (const id of batches) {
    if (Date.now() > deadline) break;
    const record = id ? await findImportState(db, id) : null;
    if (record?.state === 'committed' || record?.state === 'done') {
      activated += (await activateImport(db, id, now, deadline)).activated;
      continue;
    }
    if (record?.state === 'staging') continue; // not stale yet by its own clock; the next run decides
    await deleteInactiveRows(db, id, staleBefore);
    orphanBatches++;
  }
  return { activated, rolledBack, orphanBatches };
}

registerJob('facility-imports', async (deps, opts) => settleFacilityImports(deps.db, deps.now(), opts.budgetMs));
