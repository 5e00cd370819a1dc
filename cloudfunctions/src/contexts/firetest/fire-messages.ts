import type { Db } from 'mongodb';
import type { Scope } from '@cityloop/shared/policy/scope';
import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES, WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import { userIdsWithRoleKeys } from '../../platform/auth/users.repository';

/** Staff of an agency (their `agency` binding names it). */
export const agencyStaff = (db: Db, agencyId: string) => userIdsWithRoleKeys(db, [`agency:org:${agencyId}`]);

/** The regulators whose area covers `scope`: the city's and the town's. */
export const regulatorsOf = (db: Db, scope: Scope) => userIdsWithRoleKeys(db, [`regulator:city:${scope.cityId}`, ...(scope.townId ? [`regulator:town:${scope.cityId}:${scope.townId}`] : [])]);

/**
 * One fire-testing message to several people: inbox + subscription message (处置进度), and SMS when `sms`
 * (a suspected false report, an overdue escalation — docs/ARCHITECTURE.md §6: SMS is scarce).
 * @example fireMessages(ev.id, ids, at, { subject: '某大厦', title: '疑似虚假报告', body: '…', page: 'packages/fire/pages/event/index?id=fe_1', sms: true })
 */
export function fireMessages(eventId: string, userIds: string[], at: Date, m: { subject: string; title: string; body: string; page: string; sms?: boolean }): OutboxMessage[] {
  return messagesFor(eventId, userIds, at, {
    channels: m.sms ? ['inbox', 'wechat', 'sms'] : ['inbox', 'wechat'],
    title: m.title,
    body: m.body,
    link: `/${m.page}`,
    wechat: {
      templateId: WECHAT_TEMPLATES.progress.id,
      page: m.page,
      data: fitTemplateData({ thing1: m.subject, phrase2: m.title.replace(/[^\u4e00-\u9fa5]/g, '').slice(0, 5) || '待处理', thing3: m.body, time4: wechatTime(at) }),
    },
    ...(m.sms ? { sms: { templateId: SMS_TEMPLATES.progress.id, params: [m.subject.slice(0, 20), m.title.slice(0, 20)] } } : {}),
  });
}

/** What fire commands get from their route: the request's ids, and the list of aggregates whose messages it drains. */
export type FireCtx = { requestId?: string; ip?: string; touched?: { collection: string; id: string }[] };

/** Marks an aggregate written deep inside a command (an alert raised, a refusal told) for the request's drain. */
export const touch = (ctx: FireCtx, collection: string, id: string): void => {
  ctx.touched?.push({ collection, id });
};
