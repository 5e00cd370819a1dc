import type { Db } from 'mongodb';
import { MAX_ATTEMPTS, backoffMs } from '@cityloop/shared/notify/message';
import { DELIVERIES, OUTBOX, OUTBOX_SENT, type DeliveryLogEntry, type OutboxEntry } from './outbox.collections';
import { system } from '../system';
import { collectOutbox } from './collect';
import { insertNew } from '../db/insert-new';
import type { Senders } from './senders';
import { USERS, type User } from '../auth/users';
import type { Logger } from '../log';

export const LEASE_MS = 60_000;
const SENDERS_IN_FLIGHT = 4;
/** SMS first: the message that must arrive within a second of an alarm. */
const PRIORITY = (id: string) => (id.endsWith(':sms') ? 0 : id.endsWith(':wechat') ? 1 : 2);

export type DrainReport = { sent: number; retried: number; failed: number };

/**
 * Sends due outbox entries. Each entry is leased with one atomic update before sending, so two drainers
 * never send it together; an expired lease (a drainer died mid-send) is taken over and the attempt is
 * logged as `afterExpiredLease` — the one at-least-once window (docs/ARCHITECTURE.md §6).
 */
export async function drainOutbox(
  db: Db,
  senders: Senders,
  opts: { now?: () => Date; log?: Logger; budgetMs?: number; ids?: string[]; claimed?: OutboxEntry[]; followUp?: boolean } = {},
): Promise<DrainReport> {
  const now = opts.now ?? (() => new Date());
  const started = Date.now();
  const report: DrainReport = { sent: 0, retried: 0, failed: 0 };
  const outbox = db.collection<OutboxEntry>(OUTBOX);
  const leaseUntil = (t: Date) => ({ $set: { status: 'sending' as const, leaseUntil: new Date(t.getTime() + LEASE_MS) }, $inc: { attempts: 1 } });
  const dueNow = (t: Date) => [
    { status: 'pending' as const, nextAttemptAt: { $lte: t } },
    { status: 'sending' as const, leaseUntil: { $lt: t } },
  ];
  const inBudget = () => opts.budgetMs === undefined || Date.now() - started < opts.budgetMs;
  // Known ids (what a request just wrote): leased one by one by _id — the only lookup FerretDB answers
  // without scanning — SMS first, several sends in flight. Otherwise (the timer): the oldest due entry.
  // Entries the caller already holds the lease of (collectOutbox's `claimUntil`) go first, with no query.
  const claimed = [...(opts.claimed ?? [])].sort((a, b) => PRIORITY(a._id) - PRIORITY(b._id));
  const claimedIds = new Set(claimed.map((e) => e._id));
  const queue = opts.ids || claimed.length ? (opts.ids ?? []).filter((id) => !claimedIds.has(id)).sort((a, b) => PRIORITY(a) - PRIORITY(b)) : null;
  const next = async (): Promise<OutboxEntry | null> => {
    const mine = claimed.shift();
    if (mine) return mine;
    for (;;) {
      const e = await leaseNext();
      // A drainer that died between archiving and leaving the queue: done already, only the clean-up is left.
      if (e && (await db.collection<OutboxEntry>(OUTBOX_SENT).findOne({ _id: e._id }, { projection: { _id: 1 } }))) {
        await outbox.deleteOne({ _id: e._id });
        continue;
      }
      return e;
    }
  };
  const leaseNext = async (): Promise<OutboxEntry | null> => {
    const t = now();
    const lease = leaseUntil(t);
    if (queue) {
      while (queue.length) {
        const id = queue.shift()!;
        const e = await outbox.findOneAndUpdate({ _id: id, $or: dueNow(t) }, lease, { returnDocument: 'before' });
        if (e) return e;
      }
      return null;
    }
    return outbox.findOneAndUpdate({ $or: dueNow(t) }, lease, { sort: { nextAttemptAt: 1 }, returnDocument: 'before' });
  };
  const worker = async () => {
    while (inBudget()) {
      const entry = await next();
      if (!entry) return;
      await deliver(entry);
    }
  };
  // One alarm sends three channels to each recipient: read each user once per drain.
  const users = new Map<string, Promise<User | null>>();
  const userOf = (id: string) => {
    let u = users.get(id);
    if (!u) users.set(id, (u = db.collection<User>(USERS).findOne({ _id: id })));
    return u;
  };
  // Sources whose failure report queued messages (e.g. "短信未送达" to the regulator): sent in this drain too.
  const followUps = new Map<string, { collection: string; id: string }>();
  const reportFailure = async (entry: OutboxEntry, error: string, code: string | undefined, at: Date) => {
    const handler = system().deliveryFailed.get(entry.source.collection);
    if (!handler) return;
    try {
      if (await handler(db, { entry, error, code, at })) followUps.set(`${entry.source.collection}/${entry.source.id}`, entry.source);
    } catch (e) {
      opts.log?.error('delivery failure report failed', { entryId: entry._id, error: e instanceof Error ? e.message : String(e) });
    }
  };
  const deliver = async (entry: OutboxEntry) => {
    const attempt = entry.attempts + 1;
    const afterExpiredLease = entry.status === 'sending';
    const user = await userOf(entry.userId);
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
    await insertNew(db.collection<DeliveryLogEntry>(DELIVERIES), [log]);
    if (result.ok) {
      // Archive, then leave the queue: the outbox holds only what is still to do.
      const { leaseUntil: _lease, ...rest } = entry;
      await insertNew(db.collection<OutboxEntry>(OUTBOX_SENT), [{ ...rest, status: 'sent', attempts: attempt, sentAt: at, providerId: result.providerId }]);
      await outbox.deleteOne({ _id: entry._id });
      report.sent++;
    } else if (result.permanent || attempt >= MAX_ATTEMPTS) {
      // Told before the entry is marked: a crash in between repeats an idempotent report, never loses it.
      await reportFailure(entry, result.error, result.code, at);
      await outbox.updateOne({ _id: entry._id }, { $set: { status: 'failed', lastError: result.error, ...(result.code ? { lastErrorCode: result.code } : {}) }, $unset: { leaseUntil: '' } });
      opts.log?.warn('outbox entry failed', { entryId: entry._id, error: result.error, attempt });
      report.failed++;
    } else {
      await outbox.updateOne(
        { _id: entry._id },
        { $set: { status: 'pending', lastError: result.error, nextAttemptAt: new Date(at.getTime() + backoffMs(attempt)) }, $unset: { leaseUntil: '' } },
      );
      report.retried++;
    }
  };
  await Promise.all(Array.from({ length: queue ? SENDERS_IN_FLIGHT : 1 }, worker));
  // Claimed but not sent within the budget: hand them back to the timer as never attempted.
  for (const e of claimed) await outbox.updateOne({ _id: e._id }, { $set: { status: 'pending', attempts: e.attempts }, $unset: { leaseUntil: '' } });
  if (followUps.size && opts.followUp !== false && inBudget()) {
    const again: OutboxEntry[] = [];
    const ids = await collectOutbox(db, [...followUps.values()], { claimUntil: new Date(now().getTime() + LEASE_MS), claimed: again });
    const budgetMs = opts.budgetMs === undefined ? undefined : Math.max(0, opts.budgetMs - (Date.now() - started));
    const more = await drainOutbox(db, senders, { now, log: opts.log, budgetMs, ids, claimed: again, followUp: false });
    report.sent += more.sent;
    report.retried += more.retried;
    report.failed += more.failed;
  }
  return report;
}
