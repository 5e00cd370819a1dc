import { tidyPunctuation, tidySmsParams } from './punctuation';
import { SMS_TEMPLATES } from './templates';

/** Channels every notification can go out on. The in-app inbox always gets a copy. */
export type Channel = 'inbox' | 'wechat' | 'sms';

/**
 * A notification as written into an aggregate's `outbox` array, in the same versioned update as the
 * state change that causes it (docs/ARCHITECTURE.md §4, §6). The drainer copies it to the `outbox` collection.
 */
export type OutboxMessage = {
  /** deterministic: `${eventId}:${userId}` — the same event never notifies the same person twice */
  id: string;
  userId: string;
  channels: Channel[];
  title: string;
  body: string;
  link?: string;
  wechat?: { templateId: string; page?: string; data: Record<string, { value: string }> };
  /**
   * `critical`: a red or danger alarm — always sent. Other SMS are routine: each phone takes a few a day, and past
   * that the message reaches the person by WeChat and the inbox only (cloudfunctions platform/outbox/sms-budget.ts).
   */
  sms?: { templateId: string; params: string[]; critical?: boolean };
  createdAt: Date;
};

/**
 * Builds the messages for one event to many recipients.
 * @example messagesFor('ev1', ['u1','u2'], now, { title: '新通知', body: '…', channels: ['inbox','sms'] })
 */
export function messagesFor(
  eventId: string,
  userIds: string[],
  createdAt: Date,
  content: Omit<OutboxMessage, 'id' | 'userId' | 'createdAt'>,
): OutboxMessage[] {
  const unique = [...new Set(userIds)];
  const channels: Channel[] = content.channels.includes('inbox') ? content.channels : ['inbox', ...content.channels];
  const tidy = tidyContent(content);
  return unique.map((userId) => ({ ...tidy, channels, id: `${eventId}:${userId}`, userId, createdAt }));
}

/** Title, body and SMS parameters without doubled punctuation ("。。"): see punctuation.ts. */
function tidyContent<T extends Pick<OutboxMessage, 'title' | 'body' | 'sms'>>(content: T): T {
  const template = content.sms ? Object.values(SMS_TEMPLATES).find((t) => t.id === content.sms!.templateId) : undefined;
  return {
    ...content,
    title: tidyPunctuation(content.title),
    body: tidyPunctuation(content.body),
    ...(content.sms && template ? { sms: { ...content.sms, params: tidySmsParams(template.content, content.sms.params) } } : {}),
  };
}

/** Retry schedule: 30 s, 2 min, 8 min, 32 min, ~2 h; then failed (shown to the regulator). */
export const MAX_ATTEMPTS = 6;
export function backoffMs(attempt: number): number {
  return 30_000 * 4 ** Math.max(0, attempt - 1);
}
