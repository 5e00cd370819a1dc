import type { Db } from 'mongodb';
import { facilityStaging } from './import-facilities';

export { STALE_IMPORT_MS } from './import-facilities';

/**
 * Settles facility imports (import-facilities.ts): rows of committed batches are flipped to `active: true`
 * (they are visible already; this makes reads cheaper), staging batches older than 1 h (their request
 * died) are rolled back, and inactive rows older than 1 h whose batch is unknown or rolled back are
 * deleted. Idempotent; bounded by `budgetMs`. `activated` counts rows.
 */
export async function settleFacilityImports(db: Db, now: Date, budgetMs = 60_000): Promise<{ activated: number; rolledBack: number; orphanBatches: number }> {
  return facilityStaging.settle(db, now, budgetMs);
}
