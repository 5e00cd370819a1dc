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
 * Returns the ids of the outbox entries it saw.
 */
export async function collectOutbox(db: Db, only?: { collection: string; id: string }[]): Promise<string[]> {
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
        await db.collection<OutboxEntry>(OUTBOX).bulkWrite(
          entries.map((e) => ({ updateOne: { filter: { _id: e._id }, update: { $setOnInsert: e }, upsert: true } })),
          { ordered: false },
        );
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
