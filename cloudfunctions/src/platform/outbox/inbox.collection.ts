import { registerIndexes } from '../db/indexes';

/** The in-app inbox: one row per message per user; written idempotently by the inbox sender. */
export type InboxItem = { _id: string; userId: string; title: string; body: string; link?: string; createdAt: Date; readAt?: Date };
export const INBOX = 'inbox';
registerIndexes(INBOX, [{ key: { userId: 1, createdAt: -1 } }]);
