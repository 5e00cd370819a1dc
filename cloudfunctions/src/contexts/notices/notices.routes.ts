import type { Hono } from 'hono';
import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { messagesFor } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES, WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import { deliveryListQuery, sendNoticeRequest, type DeliveryRow, type NoticeSent } from '@cityloop/shared/notify/notice.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { countUsers } from '../../platform/auth/users.repository';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { listDeliveries } from '../../platform/outbox/delivery-log';
import { NOTICES, type Notice } from './notice.collection';
import { findNotice, insertNotice } from './notice.repository';
import { recipientsOutside } from './recipient-scope';
import { takeSlots, type Limit } from '../../platform/limits/limit-slots';

/** A sender's notices, and the ones that also go by SMS. */
export const NOTICE_LIMIT: Limit = { windows: [{ name: 'hour', ms: 3600_000, max: 20 }, { name: 'day', ms: 86_400_000, max: 100 }], message: '发送通知过于频繁：每小时最多 20 条、每天 100 条' };
export const SMS_NOTICE_LIMIT: Limit = { windows: [{ name: 'day', ms: 86_400_000, max: 5 }], message: '短信通知每人每天最多发送 5 次；更多请只发站内和微信通知' };
export const SMS_NOTICE_RECIPIENTS_MAX = 50;

export function noticesRoutes(app: Hono<AppEnv>) {
  app.post('/api/notices', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, sendNoticeRequest);
    const scope = { cityId: body.cityId, townId: body.townId };
    if (!can(actor, 'notice.send', { kind: 'notice', scope }).allow) throw forbidden('无权在该区域发送通知');
    const { db, now } = c.get('deps');
    const found = await countUsers(db, body.recipients);
    if (found !== new Set(body.recipients).size) throw invalid('接收人中有不存在的用户', 'unknown_recipient');
    const outside = await recipientsOutside(db, scope, [...new Set(body.recipients)]);
    if (outside.length) throw invalid(`有 ${outside.length} 位接收人不在本通知的区域内（只能通知本辖区的人员）`, 'recipient_out_of_scope', { recipients: outside });
    if (body.sms && body.recipients.length > SMS_NOTICE_RECIPIENTS_MAX) throw invalid(`短信通知最多 ${SMS_NOTICE_RECIPIENTS_MAX} 人；人数更多请只发站内和微信通知`, 'too_many_sms_recipients');

    const t = now();
    // Counted per sender, and SMS notices separately: a regulator's notices cannot use up the SMS that alarms need.
    await takeSlots(db, `notice:${actor.userId}`, NOTICE_LIMIT, t);
    if (body.sms) await takeSlots(db, `notice-sms:${actor.userId}`, SMS_NOTICE_LIMIT, t);
    const id = newId('nt');
    const event: DomainEvent = { id: newId('ev'), action: 'notice.send', at: t, actorId: actor.userId };
    const messages = messagesFor(event.id, body.recipients, t, {
      channels: body.sms ? ['inbox', 'wechat', 'sms'] : ['inbox', 'wechat'],
      title: body.title,
      body: body.body,
      link: `/pages/inbox/index`,
      wechat: {
        templateId: WECHAT_TEMPLATES.notice.id,
        page: 'pages/inbox/index',
        data: fitTemplateData({ thing1: { value: body.title }, thing2: { value: body.body }, time3: { value: wechatTime(t) } }),
      },
      sms: { templateId: SMS_TEMPLATES.notice.id, params: [body.title.slice(0, 12), body.body.slice(0, 20)] },
    });
    const doc: Notice = {
      ...createdAggregate(NOTICES, id, event, messages, { requestId: c.get('requestId'), ip: c.get('ip'), scope }),
      scope,
      title: body.title,
      body: body.body,
      recipients: body.recipients,
      sms: body.sms,
      sentBy: actor.userId,
      createdAt: t,
    };
    // one insert = state + event + messages + audit row, atomically
    await insertNotice(db, doc);
    touched(c, NOTICES, id);
    return ok(c, { id, recipients: body.recipients.length } satisfies NoticeSent, { status: 201 });
  });

  app.get('/api/notices/:id', async (c) => {
    const actor = requireActor(c);
    const n = await findNotice(c.get('deps').db, c.req.param('id'));
    if (!n || !can(actor, 'notice.send', { kind: 'notice', scope: n.scope }).allow) throw notFound('通知不存在');
    return ok(c, { id: n._id, title: n.title, body: n.body, recipients: n.recipients.length, createdAt: n.createdAt.toISOString(), history: n.history });
  });

  /** The delivery log regulators read: every attempt on every channel, failures included. */
  app.get('/api/deliveries', async (c) => {
    const actor = requireActor(c);
    const q = query(c, deliveryListQuery);
    const filter = scopeFilter(actor, 'delivery.read');
    if (!filter) throw forbidden('无权查看投递记录');
    const rows = await listDeliveries(c.get('deps').db, { ...filter, ...(q.status ? { ok: q.status === 'ok' } : {}) }, q.limit);
    return ok(c, rows.map((r): DeliveryRow => ({ id: r._id, channel: r.channel, userId: r.userId, attempt: r.attempt, ok: r.ok, error: r.error, afterExpiredLease: r.afterExpiredLease, at: r.at.toISOString() })));
  });
}
