import type { Db } from 'mongodb';
import { FACILITIES, type Facility } from './facility.collection';
import { FACILITY_IMPORTS, type FacilityImport } from './facility-import.collection';
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
  const imports = db.collection<FacilityImport>(FACILITY_IMPORTS);
  const staleBefore = new Date(now.getTime() - STALE_IMPORT_MS);
  let activated = 0;
  let rolledBack = 0;
  let orphanBatches = 0;

  const committed = await imports.find({ state: 'committed' }, { projection: { _id: 1 } }).limit(MAX_BATCHES).toArray();
  for (const b of committed) {
    if (Date.now() > deadline) break;
    activated += (await activateImport(db, b._id, now, deadline)).activated;
  }
  const staging = await imports.find({ state: 'staging', createdAt: { $lt: staleBefore } }, { projection: { _id: 1 } }).limit(MAX_BATCHES).toArray();
  for (const b of staging) {
    if (Date.now() > deadline) break;
    if (await rollBackImport(db, b._id, 'stale: still staging after 1 h', now)) rolledBack++;
  }
  // Rows whose commit record is missing (a crash between the two writes, or a record removed by hand).
  const stale = await db.collection<Facility>(FACILITIES).find({ active: false, createdAt: { $lt: staleBefore } }, { projection: { importBatch: 1 } }).limit(10_000).toArray();
  const batches = [...new Set(stale.map((f) => f.importBatch ?? ''))].slice(0, MAX_BATCHES);
  for (const id of batches) {
    if (Date.now() > deadline) break;
    const record = id ? await imports.findOne({ _id: id }, { projection: { state: 1 } }) : null;
    if (record?.state === 'committed' || record?.state === 'done') {
      activated += (await activateImport(db, id, now, deadline)).activated;
      continue;
    }
    if (record?.state === 'staging') continue; // not stale yet by its own clock; the next run decides
    await db.collection<Facility>(FACILITIES).deleteMany(id ? { importBatch: id, active: false } : { importBatch: { $exists: false }, active: false, createdAt: { $lt: staleBefore } });
    orphanBatches++;
  }
  return { activated, rolledBack, orphanBatches };
}
