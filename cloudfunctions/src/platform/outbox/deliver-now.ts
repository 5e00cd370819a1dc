import type { Deps } from '../deps';
import type { Logger } from '../log';
import { collectOutbox, type WithPending } from './collect';
import { LEASE_MS, drainOutbox, type DrainReport } from './drain';
import type { OutboxEntry } from './outbox.collections';

/**
 * Right after a state change: copy what the touched aggregates queued into the outbox, already leased to
 * this call, and send it (SMS first) within `budgetMs`. Whatever is left, the `notify` timer sends.
 */
export async function deliverNow(deps: Pick<Deps, 'db' | 'senders' | 'now'>, touched: { collection: string; id: string; written?: WithPending; sweepClears?: boolean }[], opts: { log?: Logger; budgetMs: number }): Promise<DrainReport & { ids: string[] }> {
  if (!touched.length) return { sent: 0, retried: 0, failed: 0, ids: [] };
  const claimed: OutboxEntry[] = [];
  const ids = await collectOutbox(deps.db, touched, { claimUntil: new Date(deps.now().getTime() + LEASE_MS), claimed });
  if (!ids.length) return { sent: 0, retried: 0, failed: 0, ids };
  const report = await drainOutbox(deps.db, deps.senders, { now: deps.now, log: opts.log, budgetMs: opts.budgetMs, ids, claimed });
  return { ...report, ids };
}
