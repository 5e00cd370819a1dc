import type { Db } from 'mongodb';
import type { OutboxMessage } from '@cityloop/shared/notify/message';
import { OUTBOX, outboxSources, type OutboxEntry } from './outbox.collections';
import { AUDIT, type AuditEntry } from '../audit/audit-log';

type WithPending = { _id: string; version: number; scope?: Record<string, unknown>; outbox?: OutboxMessage[]; pendingAudit?: AuditEntry[]; hasPending?: boolean };

function entriesOf(m: OutboxMessage, source: { collection: string; id: string }, scope?: Record<string, unknown>): OutboxEntry[] {
  return m.channels.map((channel) => ({
    _id: `${m.id}:${channel}`,
    messageId: m.id,
    channel,
    userId: m.userId,
    title: m.title,
    body: m.body,
    link: m.link,
    wechat: m.wechat,
    sms: m.sms,
    source,
    scope,
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: m.createdAt,
    createdAt: m.createdAt,
  }));
}

/**
 * Moves what aggregates wrote alongside their state changes — outbox messages and audit rows — into the
 * `outbox` and `audit_log` collections. Idempotent (keyed by message/event id), so a crash between the
 * copy and the clean-up only repeats the copy. `only` narrows it to the aggregates a request just wrote.
 * Returns the ids of the outbox entries it saw; with `claimUntil`, the entries it inserted are leased to the
 * caller until then and pushed, as they were before the lease, onto `claimed`.
 */
export async function collectOutbox(db: Db, only?: { collection: string; id: string }[], opts: { claimUntil?: Date; claimed?: OutboxEntry[] } = {}): Promise<string[]> {
  const seen: string[] = [];
  const targets = only ?? [...outboxSources].map((collection) => ({ collection, id: undefined as string | undefined }));
  for (const t of targets) {
    const coll = db.collection<WithPending>(t.collection);
    // A request's own aggregates are read by `_id` alone (the only filter FerretDB answers without a scan).
    const docs = t.id
      ? [await coll.findOne({ _id: t.id }, { projection: { _id: 1, version: 1, scope: 1, outbox: 1, pendingAudit: 1, hasPending: 1 } })].filter((d): d is WithPending => !!d?.hasPending)
      : coll.find({ hasPending: true }, { projection: { _id: 1, version: 1, scope: 1, outbox: 1, pendingAudit: 1 } });
    for await (const doc of docs) {
      const entries = (doc.outbox ?? []).flatMap((m) => entriesOf(m, { collection: t.collection, id: doc._id }, doc.scope));
      if (entries.length) {
        // With `claimUntil` the entries are written already leased to the caller, who sends them next:
        // no lease query per entry (which FerretDB answers with a scan of the outbox).
        const { claimUntil } = opts;
        const stored = claimUntil ? entries.map((e) => ({ ...e, status: 'sending' as const, leaseUntil: claimUntil, attempts: 1 })) : entries;
        const r = await db.collection<OutboxEntry>(OUTBOX).bulkWrite(
          stored.map((e) => ({ updateOne: { filter: { _id: e._id }, update: { $setOnInsert: e }, upsert: true } })),
          { ordered: false },
        );
        // Only what this call inserted is ours; an entry copied before (a retry after a crash) is the drain's.
        // (By id, not by index: FerretDB 1.24 numbers `upserted` by upsert, not by operation.)
        if (claimUntil) {
          const inserted = new Set(Object.values(r.upsertedIds).map(String));
          opts.claimed?.push(...entries.filter((e) => inserted.has(e._id)));
        }
      }
      const audits = doc.pendingAudit ?? [];
      if (audits.length) {
        await db.collection<AuditEntry>(AUDIT).bulkWrite(
          audits.map((a) => ({ updateOne: { filter: { _id: a._id }, update: { $setOnInsert: a }, upsert: true } })),
          { ordered: false },
        );
      }
      // Remove exactly what was copied (by `_id`, no scan); a newer write's messages stay. The flag is
      // cleared only when nobody wrote meanwhile — otherwise the timer's sweep clears it later.
      // The version is deliberately not bumped: this is bookkeeping, not a state change.
      const msgIds = (doc.outbox ?? []).map((m) => m.id);
      const auditIds = audits.map((a) => a._id);
      await coll.updateOne({ _id: doc._id }, { $pull: { outbox: { id: { $in: msgIds } }, pendingAudit: { _id: { $in: auditIds } } } } as never);
      if (!t.id) await coll.updateOne({ _id: doc._id, version: doc.version, outbox: { $size: 0 }, pendingAudit: { $size: 0 } } as never, { $set: { hasPending: false } });
      seen.push(...entries.map((e) => e._id));
    }
  }
  return seen;
}
