import type { Deps } from '../../platform/deps';
import type { Job } from '../../platform/context-module';
import { collectOutbox } from '../../platform/outbox/collect';
import { drainOutbox } from '../../platform/outbox/drain';
import { listEscalatedWithoutCase, listOverdueComplaints } from './complaint.repository';
import { listVisibleShops } from './shop.repository';
import { escalateComplaint, openEnforcementCase } from './escalate-complaint';
import { rescoreShop } from './shop-score';
import { settleShopImports } from './import-shops';

/** Complaints the shop let run past the deadline go to enforcement. */
export async function escalateOverdueComplaints(deps: Deps): Promise<{ escalated: number }> {
  const overdue = await listOverdueComplaints(deps.db, deps.now());
  for (const c of overdue) {
    try {
      await escalateComplaint(deps, c, 'overdue');
    } catch (e) {
      if ((e as { code?: string }).code !== 'conflict') throw e; // another run (or the shop's fix) got there first
    }
  }
  // a run that died between the claim and the case
  const orphans = await listEscalatedWithoutCase(deps.db);
  for (const c of orphans) await openEnforcementCase(deps, c);
  if (overdue.length) {
    const ids = await collectOutbox(deps.db);
    await drainOutbox(deps.db, deps.senders, { now: deps.now, ids, budgetMs: 10_000 });
  }
  return { escalated: overdue.length };
}

/** Nightly (and after changes): scores, grades with hysteresis, patrol frequency. */
export async function rescoreShops(deps: Deps): Promise<{ shops: number; changed: number }> {
  const shops = await listVisibleShops(deps.db);
  let changed = 0;
  for (const s of shops) if ((await rescoreShop(deps, s)).changed) changed++;
  return { shops: shops.length, changed };
}

/** Shop imports are settled on the same frequent run (committed batches rolled forward, stale ones back). */
export const plaqueEscalation: Job = async (deps, opts) => ({ ...(await escalateOverdueComplaints(deps)), ...(await settleShopImports(deps, Math.min(30_000, opts.budgetMs / 2))) });
