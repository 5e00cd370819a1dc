import type { OutboxMessage } from '@cityloop/shared/notify/message';
import type { AuditEntry } from './audit/audit-log';

/** One entry of an aggregate's append-only history: who, when, where, why. */
export type DomainEvent = {
  id: string;
  action: string;
  at: Date;
  actorId: string | null;
  role?: string;
  from?: string;
  to?: string;
  reason?: string;
  location?: { lng: number; lat: number; accuracy?: number };
  evidence?: string[];
  data?: Record<string, unknown>;
  /** the idempotency key (hashed with the caller) of the request that wrote it (platform/http/idempotency.ts) */
  requestKey?: string;
};

/** Fields every aggregate document carries besides its own. */
export type AggregateBase = {
  _id: string;
  version: number;
  history: DomainEvent[];
  outbox: OutboxMessage[];
  pendingAudit: AuditEntry[];
  hasPending: boolean;
};

type EventContext = { requestId?: string; ip?: string; scope?: Record<string, unknown> };

function auditOf(collection: string, aggregateId: string, event: DomainEvent, ctx: EventContext): AuditEntry {
  return {
    _id: event.id,
    at: event.at,
    actorId: event.actorId,
    action: event.action,
    target: { collection, id: aggregateId },
    requestId: ctx.requestId,
    ip: ctx.ip,
    location: event.location,
    reason: event.reason,
    scope: ctx.scope,
  };
}

/** The base fields of a new aggregate whose first event is `event` (one insert = state + event + messages + audit). */
export function createdAggregate(collection: string, id: string, event: DomainEvent, messages: OutboxMessage[], ctx: EventContext): AggregateBase {
  return { _id: id, version: 1, history: [event], outbox: messages, pendingAudit: [auditOf(collection, id, event, ctx)], hasPending: true };
}

/**
 * The update fragment that appends an event and everything it causes (messages, audit row) to the
 * aggregate, to be merged into the same versioned update as the state change (docs/ARCHITECTURE.md §4).
 */
export function eventWrites(collection: string, aggregateId: string, event: DomainEvent, messages: OutboxMessage[], ctx: EventContext) {
  return {
    $push: { history: event, outbox: { $each: messages }, pendingAudit: auditOf(collection, aggregateId, event, ctx) },
    $set: { hasPending: true },
  };
}
