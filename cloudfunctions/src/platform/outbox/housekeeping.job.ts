import { collectOutbox } from './collect';
import { countFailedDeliveries } from './delivery-log';
import type { Deps } from '../deps';

/**
 * Projects whatever aggregates still hold (audit rows, messages) even if the notify timer is paused,
 * and reports deliveries that gave up, so the regulator's failure list is never silently long.
 */
export async function housekeeping(deps: Deps): Promise<{ collected: number; failedDeliveries: number }> {
  const collected = await collectOutbox(deps.db);
  const failed = await countFailedDeliveries(deps.db);
  if (failed > 0) deps.log.warn('outbox has failed deliveries', { failed });
  return { collected: collected.length, failedDeliveries: failed };
}
