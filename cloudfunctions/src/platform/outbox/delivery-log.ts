import type { Db, Filter } from 'mongodb';
import { DELIVERIES, OUTBOX, type DeliveryLogEntry, type OutboxEntry } from './outbox.collections';

/** Delivery attempts, newest first. */
export async function listDeliveries(db: Db, filter: Filter<DeliveryLogEntry>, limit: number): Promise<DeliveryLogEntry[]> {
  return db.collection<DeliveryLogEntry>(DELIVERIES).find(filter).sort({ at: -1 }).limit(limit).toArray();
}

/** Outbox entries that gave up (the regulator's failure list). */
export async function countFailedDeliveries(db: Db): Promise<number> {
  return db.collection<OutboxEntry>(OUTBOX).countDocuments({ status: 'failed' });
}
