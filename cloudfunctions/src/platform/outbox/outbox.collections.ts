import type { Db } from 'mongodb';
import type { Channel } from '@cityloop/shared/notify/message';
import type { CollectionIndexes } from '../context-module';

/** One row per (message, channel): the send state, attempts and backoff (FixMyStreet's send_state). */
export type OutboxEntry = {
  _id: string; // `${messageId}:${channel}`
  messageId: string;
  channel: Channel;
  userId: string;
  title: string;
  body: string;
  link?: string;
  wechat?: { templateId: string; page?: string; data: Record<string, { value: string }> };
  sms?: { templateId: string; params: string[]; critical?: boolean };
  source: { collection: string; id: string };
  /** the source aggregate's scope, so regulators see only their area's deliveries */
  scope?: Record<string, unknown>;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil?: Date;
  lastError?: string;
  /** the provider's code for the last failure (e.g. `LimitExceeded.PhoneNumberDailyLimit`) */
  lastErrorCode?: string;
  providerId?: string;
  createdAt: Date;
  sentAt?: Date;
};

/** Append-only: one row per attempt, readable by regulators. */
export type DeliveryLogEntry = {
  _id: string; // `${entryId}#${attempt}`
  entryId: string;
  channel: Channel;
  userId: string;
  attempt: number;
  ok: boolean;
  /** the previous lease expired mid-send: the provider may have accepted it already */
  afterExpiredLease: boolean;
  error?: string;
  providerId?: string;
  at: Date;
  scope?: Record<string, unknown>;
};

/** Waiting, being sent, or given up; a sent entry moves to `outbox_sent`, so the queue stays small. */
export const OUTBOX = 'outbox';
/** Sent entries (status `sent`), kept for idempotency and history. */
export const OUTBOX_SENT = 'outbox_sent';
export const DELIVERIES = 'deliveries';

export const OUTBOX_INDEXES: CollectionIndexes[] = [
  { collection: OUTBOX, indexes: [{ key: { status: 1, nextAttemptAt: 1 } }, { key: { status: 1, leaseUntil: 1 } }, { key: { userId: 1, createdAt: -1 } }] },
  { collection: OUTBOX_SENT, indexes: [{ key: { userId: 1, createdAt: -1 } }] },
  { collection: DELIVERIES, indexes: [{ key: { at: -1 } }, { key: { entryId: 1 } }] },
];

/** An entry given up for good: a permanent error, or the last attempt failed. */
export type DeliveryFailure = { entry: OutboxEntry; error: string; code?: string; at: Date };
/**
 * Records a given-up entry where people look (its source aggregate's trail, a regulator's inbox). Must be
 * idempotent (keyed by the entry id): a crash after it ran and before the entry was marked failed repeats it.
 * Returns true when it queued new messages on the source aggregate (the drainer then sends them at once).
 */
export type DeliveryFailureHandler = (db: Db, failure: DeliveryFailure) => Promise<boolean>;
