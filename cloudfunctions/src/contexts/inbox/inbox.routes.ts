import type { Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import { inboxListQuery, type InboxItem as InboxItemView, type InboxPage, type InboxRead } from '@cityloop/shared/notify/inbox.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok, query } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import type { InboxItem } from '../../platform/outbox/inbox.collection';
import { countUnread, inboxPage, markRead } from './inbox.repository';

const present = (m: InboxItem): InboxItemView => ({ id: m._id, title: m.title, body: m.body, link: m.link, createdAt: m.createdAt.toISOString(), read: !!m.readAt });

export function inboxRoutes(app: Hono<AppEnv>) {
  app.get('/api/inbox', async (c) => {
    const actor = requireActor(c);
    const q = query(c, inboxListQuery);
    const { db } = c.get('deps');
    const items = await inboxPage(db, actor.userId, q.cursor ? new Date(q.cursor) : undefined, q.limit + 1);
    const page = items.slice(0, q.limit);
    const unread = await countUnread(db, actor.userId);
    return ok(c, { items: page.map(present), unread, nextCursor: items.length > q.limit ? page[page.length - 1].createdAt.toISOString() : null } satisfies InboxPage);
  });

  app.post('/api/inbox/:id/read', async (c) => {
    const actor = requireActor(c);
    const { db, now } = c.get('deps');
    // userId in the filter: another user's message is simply "not found" (404, not 403: no existence leak).
    if (!(await markRead(db, actor.userId, c.req.param('id'), now()))) throw notFound('消息不存在');
    return ok(c, { id: c.req.param('id'), read: true } satisfies InboxRead);
  });
}
