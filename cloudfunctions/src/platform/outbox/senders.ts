import type { Channel } from '@cityloop/shared/notify/message';
import type { OutboxEntry } from './outbox.collections';
import type { User } from '../auth/users';

export type SendResult = { ok: true; providerId?: string } | { ok: false; error: string; permanent: boolean };
export type Sender = (entry: OutboxEntry, user: User | null) => Promise<SendResult>;
export type Senders = Record<Channel, Sender>;
