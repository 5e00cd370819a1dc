import type { Db } from 'mongodb';
import type { CollectionIndexes } from '../context-module';

/**
 * Append-only audit log: who, what, when, from where. Keyed by the event id, so writing the same event
 * twice (a retried request, a re-projection after a crash) leaves one row. Nothing ever updates or
 * deletes these rows.
 */
export type AuditEntry = {
  _id: string;
  at: Date;
  actorId: string | null;
  action: string;
  target: { collection: string; id: string };
  requestId?: string;
  ip?: string;
  location?: { lng: number; lat: number; accuracy?: number };
  reason?: string;
  scope?: Record<string, unknown>;
};

export const AUDIT = 'audit_log';
export const AUDIT_INDEXES: CollectionIndexes[] = [{ collection: AUDIT, indexes: [{ key: { at: -1 } }, { key: { 'target.id': 1, at: 1 } }, { key: { actorId: 1, at: -1 } }] }];

export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.collection<AuditEntry>(AUDIT).updateOne({ _id: entry._id }, { $setOnInsert: entry }, { upsert: true });
}
