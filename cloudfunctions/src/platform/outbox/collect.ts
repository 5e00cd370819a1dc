import type { Db } from 'mongodb';
import type { OutboxMessage } from '@cityloop/shared/notify/message';
import { OUTBOX, OUTBOX_SENT, type OutboxEntry } from './outbox.collections';
import { system } from '../system';
import { insertNew } from '../db/insert-new';
import { AUDIT, type AuditEntry } from '../audit/audit-log';

/** What an aggregate carries for the outbox (all a request needs to pass when it hands over what it just wrote). */
export type WithPending = { _id: string; version: number; scope?: Record<string, unknown>; outbox?: OutboxMessage[]; pendingAudit?: AuditEntry[]; hasPending?: boolean };

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
 * `outbox` and `audit_log` collections. Idempotent (keyed by message/event id; an entry already sent is
 * found in `outbox_sent`), so a crash between the copy and the clean-up only repeats the copy. `only` narrows it to the aggregates a request just wrote (with `written`, the document as it wrote it; with
 * `sweepClears`, an append-only record, the copy is left marked for the next sweep to empty: on FerretDB an update
 * costs time in proportion to the collection, a request that only inserts need not pay it).
 * Returns the ids of the entries now waiting in the outbox; with `claimUntil`, the entries it inserted are leased to the
 * caller until then and pushed, as they were before the lease, onto `claimed`.
 */
export async function collectOutbox(db: Db, only?: { collection: string; id: string; written?: WithPending; sweepClears?: boolean }[], opts: { claimUntil?: Date; claimed?: OutboxEntry[] } = {}): Promise<string[]> {
  const seen: string[] = [];
  const targets: { collection: string; id?: string; written?: WithPending; sweepClears?: boolean }[] = only ?? system().outboxSources.map((collection) => ({ collection }));
  for (const t of targets) {
    const coll = db.collection<WithPending>(t.collection);
    // A request's own aggregates are read by `_id` alone (the only filter FerretDB answers without a scan), or not at
    // all when the request hands over the document it just inserted (a later write bumped the version: its
    // messages stay for the sweep, as below)
    const docs = t.id
      ? [t.written ?? await coll.findOne({ _id: t.id }, { projection: { _id: 1, version: 1, scope: 1, outbox: 1, pendingAudit: 1, hasPending: 1 } })].filter((d): d is WithPending => !!d?.hasPending)
      : coll.find({ hasPending: true }, { projection: { _id: 1, version: 1, scope: 1, outbox: 1, pendingAudit: 1 } });
    for await (const doc of docs) {
      const entries = (doc.outbox ?? []).flatMap((m) => entriesOf(m, { collection: t.collection, id: doc._id }, doc.scope));
      // An entry already sent was archived out of the outbox: never copy it again.
      const fresh: OutboxEntry[] = [];
      if (entries.length) {
        const sent = await db.collection<OutboxEntry>(OUTBOX_SENT).find({ _id: { $in: entries.map((e) => e._id) } }, { projection: { _id: 1 } }).toArray();
        const done = new Set(sent.map((e) => e._id));
        fresh.push(...entries.filter((e) => !done.has(e._id)));
        // With `claimUntil` the entries are written already leased to the caller, who sends them next:
        // no lease query per entry. Only what this call inserted is the caller's.
        const { claimUntil } = opts;
        const stored = claimUntil ? fresh.map((e) => ({ ...e, status: 'sending' as const, leaseUntil: claimUntil, attempts: 1 })) : fresh;
        const inserted = await insertNew(db.collection<OutboxEntry>(OUTBOX), stored);
        if (claimUntil) opts.claimed?.push(...fresh.filter((e) => inserted.has(e._id)));
      }
      const audits = doc.pendingAudit ?? [];
      await insertNew(db.collection<AuditEntry>(AUDIT), audits);
      // Empty what was copied, only if nobody wrote meanwhile (every write that adds messages bumps the version):
      // a newer write's messages stay, and the next sweep copies them. Not `$pull` with `$in`: FerretDB 1.24 matches
      // it and modifies nothing. The version is deliberately not bumped: this is bookkeeping, not a state change.
      if (!t.sweepClears) await coll.updateOne({ _id: doc._id, version: doc.version } as never, { $set: { outbox: [], pendingAudit: [], hasPending: false } } as never);
      seen.push(...fresh.map((e) => e._id));
    }
  }
  return seen;
}
