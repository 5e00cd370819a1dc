import type { Scope } from '@cityloop/shared/policy/scope';
import type { AggregateBase } from '../../platform/aggregate';
import { registerIndexes } from '../../platform/db/indexes';
import { registerOutboxSource } from '../../platform/outbox/outbox.collections';

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
registerIndexes(NOTICES, [{ key: { 'scope.cityId': 1, 'scope.townId': 1, createdAt: -1 } }]);
registerOutboxSource(NOTICES);
