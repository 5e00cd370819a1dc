/**
 * The inbox API (`GET /api/inbox`, `POST /api/inbox/:id/read`): the list query the route parses and the
 * `data` it answers. The mini-program imports the types only (never zod).
 */
import * as z from 'zod';

export const INBOX_PAGE_MAX = 100;
export const INBOX_PAGE_DEFAULT = 30;

/** GET /api/inbox: newest first; `cursor` is the `createdAt` of the last message already shown. */
export const inboxListQuery = z.object({
  cursor: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).default(INBOX_PAGE_DEFAULT),
});

export interface InboxItem {
  id: string;
  title: string;
  body: string;
  /** A page path (`/pages/...`, `/packages/...`) or a code link. */
  link?: string;
  /** ISO 8601 timestamp (UTC). */
  createdAt: string;
  read: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  /** Unread count over the whole inbox. */
  unread: number;
  nextCursor: string | null;
}

/** POST /api/inbox/:id/read. */
export interface InboxRead {
  id: string;
  read: true;
}
