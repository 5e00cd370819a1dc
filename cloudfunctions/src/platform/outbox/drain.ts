import type { Db } from 'mongodb';
import { MAX_ATTEMPTS, backoffMs } from '@cityloop/shared/notify/message';
import { DELIVERIES, OUTBOX, type DeliveryLogEntry, type OutboxEntry } from './outbox.collections';
import type { Senders } from './senders';
import { USERS, type User } from '../auth/users';
import type { Logger } from '../log';

const LEASE_MS = 60_000;

export type DrainReport = { sent: number; retried: number; failed: number };

/**
 * Sends due outbox entries. Each entry is leased with one atomic update before sending, so two drainers
 * never send it together; an expired lease (a drainer died mid-send) is taken over and the attempt is
 * logged as `afterExpiredLease` — the one at-least-once window (DESIGN.md §6).
 */
export async function drainOutbox(
  db: Db,
  senders: Senders,
  opts: { now?: () => Date; log?: Logger; budgetMs?: number; ids?: string[] } = {},
): Promise<DrainReport> {
  const now = opts.now ?? (() => new Date());
  const started = Date.now();
  const report: DrainReport = { sent: 0, retried: 0, failed: 0 };
  const outbox = db.collection<OutboxEntry>(OUTBOX);
  while (opts.budgetMs === undefined || Date.now() - started < opts.budgetMs) {
    const t = now();
    const due = {
      $or: [
        { status: 'pending' as const, nextAttemptAt: { $lte: t } },
        { status: 'sending' as const, leaseUntil: { $lt: t } },
      ],
      ...(opts.ids ? { _id: { $in: opts.ids } } : {}),
    };
    const entry = await outbox.findOneAndUpdate(
      due,
      { $set: { status: 'sending', leaseUntil: new Date(t.getTime() + LEASE_MS) }, $inc: { attempts: 1 } },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'before' },
    );
    if (!entry) break;
    const attempt = entry.attempts + 1;
    const afterExpiredLease = entry.status === 'sending';
    const user = await db.collection<User>(USERS).findOne({ _id: entry.userId });
    let result;
    try {
      result = await senders[entry.channel](entry, user);
    } catch (e) {
      result = { ok: false as const, error: e instanceof Error ? e.message : String(e), permanent: false };
    }
    const at = now();
    const log: DeliveryLogEntry = {
      _id: `${entry._id}#${attempt}`,
      entryId: entry._id,
      channel: entry.channel,
      userId: entry.userId,
      attempt,
      ok: result.ok,
      afterExpiredLease,
      at,
      scope: entry.scope,
      ...(result.ok ? { providerId: result.providerId } : { error: result.error }),
    };
    await db.collection<DeliveryLogEntry>(DELIVERIES).updateOne({ _id: log._id }, { $setOnInsert: log }, { upsert: true });
    if (result.ok) {
      await outbox.updateOne({ _id: entry._id }, { $set: { status: 'sent', sentAt: at, providerId: result.providerId }, $unset: { leaseUntil: '' } });
      report.sent++;
    } else if (result.permanent || attempt >= MAX_ATTEMPTS) {
      await outbox.updateOne({ _id: entry._id }, { $set: { status: 'failed', lastError: result.error }, $unset: { leaseUntil: '' } });
      opts.log?.warn('outbox entry failed', { entryId: entry._id, error: result.error, attempt });
      report.failed++;
    } else {
      await outbox.updateOne(
        { _id: entry._id },
        { $set: { status: 'pending', lastError: result.error, nextAttemptAt: new Date(at.getTime() + backoffMs(attempt)) }, $unset: { leaseUntil: '' } },
      );
      report.retried++;
    }
  }
  return report;
}
