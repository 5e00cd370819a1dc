import type { Hono } from 'hono';
import { z } from 'zod';
import { notFound } from '@cityloop/shared/errors';
import type { AppEnv } from '../../platform/http/app-env';
import { ok, query } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { INBOX, type InboxItem } from '../../platform/outbox/inbox.collection';

const listQuery = z.object({
  cursor: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

const present = (m: InboxItem) => ({ id: m._id, title: m.title, body: m.body, link: m.link, createdAt: m.createdAt.toISOString(), read: !!m.readAt });

export function inboxRoutes(app: Hono<AppEnv>) {
  app.get('/api/inbox', async (c) => {
    const actor = requireActor(c);
    const q = query(c, listQuery);
    const filter = { userId: actor.userId, ...(q.cursor ? { createdAt: { $lt: new Date(q.cursor) } } : {}) };
    const coll = c.get('deps').db.collection<InboxItem>(INBOX);
    const items = await coll.find(filter).sort({ createdAt: -1, _id: -1 }).limit(q.limit + 1).toArray();
    const page = items.slice(0, q.limit);
    const unread = await coll.countDocuments({ userId: actor.userId, readAt: { $exists: false } });
    return ok(c, { items: page.map(present), unread, nextCursor: items.length > q.limit ? page[page.length - 1].createdAt.toISOString() : null });
  });

  app.post('/api/inbox/:id/read', async (c) => {
    const actor = requireActor(c);
    const { db, now } = c.get('deps');
    // userId in the filter: another user's message is simply "not found" (404, not 403: no existence leak).
    const r = await db.collection<InboxItem>(INBOX).updateOne({ _id: c.req.param('id'), userId: actor.userId }, { $min: { readAt: now() } });
    if (r.matchedCount === 0) throw notFound('消息不存在');
    return ok(c, { id: c.req.param('id'), read: true });
  });
}
