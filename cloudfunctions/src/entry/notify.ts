import { SYSTEM } from '../contexts';
import { collectOutbox } from '../platform/outbox/collect';
import { drainOutbox } from '../platform/outbox/drain';
import { isTimerEvent, type ScfContext } from '../platform/http/scf-adapter';
import { instanceDeps } from '../platform/runtime';

/** SCF `notify` function (timer): move pending messages out of aggregates, then send what is due. */
export async function main_handler(event: unknown, context?: ScfContext) {
  if (!isTimerEvent(event)) throw new Error('notify accepts only timer events');
  const deps = await instanceDeps(SYSTEM);
  // sweeps every outbox source of every context module (SYSTEM.outboxSources)
  const collected = await collectOutbox(deps.db);
  const budgetMs = Math.max(1000, (context?.time_limit_in_ms ?? 60_000) - 5000);
  const report = await drainOutbox(deps.db, deps.senders, { now: deps.now, log: deps.log, budgetMs });
  if (collected.length || report.sent || report.retried || report.failed) deps.log.info('notify drained', { collected: collected.length, ...report });
  return { collected: collected.length, ...report };
}
