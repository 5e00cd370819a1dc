import type { Channel } from '@cityloop/shared/notify/message';
import type { OutboxEntry } from './outbox.collections';
import type { User } from '../auth/users';

/** `code`: the provider's failure code when it gave one (SendSms `Code`, WeChat errcode), for the people told about it. */
export type SendResult = { ok: true; providerId?: string } | { ok: false; error: string; permanent: boolean; code?: string };
export type Sender = (entry: OutboxEntry, user: User | null) => Promise<SendResult>;
export type Senders = Record<Channel, Sender>;
