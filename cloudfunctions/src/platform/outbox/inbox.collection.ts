import type { CollectionIndexes } from '../context-module';

/** The in-app inbox: one row per message per user; written idempotently by the inbox sender. */
export type InboxItem = { _id: string; userId: string; title: string; body: string; link?: string; createdAt: Date; readAt?: Date };
export const INBOX = 'inbox';
export const INBOX_INDEXES: CollectionIndexes[] = [{ collection: INBOX, indexes: [{ key: { userId: 1, createdAt: -1 } }] }];
