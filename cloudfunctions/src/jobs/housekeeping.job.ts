import { collectOutbox } from '../platform/outbox/collect';
import { countFailedDeliveries } from '../platform/outbox/delivery-log';
import { registerJob } from './job-registry';

/**
 * Projects whatever aggregates still hold (audit rows, messages) even if the notify timer is paused,
 * and reports deliveries that gave up, so the regulator's failure list is never silently long.
 */
registerJob('housekeeping', async (deps) => {
  const collected = await collectOutbox(deps.db);
  const failed = await countFailedDeliveries(deps.db);
  if (failed > 0) deps.log.warn('outbox has failed deliveries', { failed });
  return { collected: collected.length, failedDeliveries: failed };
});
