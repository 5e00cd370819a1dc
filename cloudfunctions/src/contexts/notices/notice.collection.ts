import type { Scope } from '@cityloop/shared/policy/scope';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';

/** 通知公告: a regulator's or admin's message to named people, sent on every channel through the outbox. */
export type Notice = AggregateBase & {
  scope: Scope;
  title: string;
  body: string;
  recipients: string[];
  sms: boolean;
  sentBy: string;
  createdAt: Date;
};
export const NOTICES = 'notices';
export const NOTICE_INDEXES: CollectionIndexes[] = [
  { collection: NOTICES, indexes: [{ key: { 'scope.cityId': 1, 'scope.townId': 1, createdAt: -1 } }] },
];
/** Aggregates whose documents carry messages waiting to be sent (swept by the notify timer). */
export const NOTICE_OUTBOX_SOURCES = [NOTICES];
