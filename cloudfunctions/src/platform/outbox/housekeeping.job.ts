import { collectOutbox } from './collect';
import { countFailedDeliveries } from './delivery-log';
import type { Deps } from '../deps';
import { purgeIdleSlots } from '../limits/limit-slots';
import { purgeIdempotencyKeys } from '../http/idempotency';

/**
 * Projects whatever aggregates still hold (audit rows, messages) even if the notify timer is paused,
 * forgets flood-limit slots idle for a day, and reports deliveries that gave up, so the regulator's failure list is never silently long.
 */
export async function housekeeping(deps: Deps): Promise<{ collected: number; failedDeliveries: number; idleLimitSlots: number; oldIdempotencyKeys: number }> {
  const collected = await collectOutbox(deps.db);
  const idleLimitSlots = await purgeIdleSlots(deps.db, deps.now());
  const oldIdempotencyKeys = await purgeIdempotencyKeys(deps.db, deps.now());
  const failed = await countFailedDeliveries(deps.db);
  if (failed > 0) deps.log.warn('outbox has failed deliveries', { failed });
  return { collected: collected.length, failedDeliveries: failed, idleLimitSlots, oldIdempotencyKeys };
}
