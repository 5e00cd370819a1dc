import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES, WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import type { PlaqueComplaint } from './plaque.collections';

/** Tells one side of a complaint (the shop owner, or the complainant) what happened, on the given channels. */
export function complaintMessages(eventId: string, c: PlaqueComplaint, userIds: string[], title: string, body: string, at: Date, sms: boolean, page: string): OutboxMessage[] {
  return messagesFor(eventId, userIds, at, {
    channels: sms ? ['inbox', 'wechat', 'sms'] : ['inbox', 'wechat'],
    title,
    body,
    link: `/${page}?id=${c._id}`,
    wechat: {
      templateId: WECHAT_TEMPLATES.progress.id,
      page: `${page}?id=${c._id}`,
      data: fitTemplateData({ thing1: `${c.shopName} ${c.className}`, phrase2: title.replace(/[^\u4e00-\u9fa5]/g, '').slice(0, 5) || '待处理', thing3: body, time4: wechatTime(at) }),
    },
    // the class makes two messages about one shop differ (the same text within 30 s is dropped by SMS)
    sms: { templateId: SMS_TEMPLATES.progress.id, params: [`${c.shopName}`.slice(0, 20), `${title}（${c.className}）`.slice(0, 20)] },
  });
}
