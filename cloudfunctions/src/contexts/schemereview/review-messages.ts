import type { Db } from 'mongodb';
import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES, WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import type { Role } from '@cityloop/shared/identity/roles';
import { usersWithRoleKeys, userIdsWithRoleKeys } from '../../platform/auth/users.repository';

/**
 * One notice of the 危大工程 review to some people: inbox and WeChat always; SMS only for what needs an answer
 * (an expert's invitation with its reply deadline, a consultation on an alarm).
 */
export function reviewMessages(eventId: string, userIds: string[], at: Date, m: { title: string; body: string; page: string; sms?: boolean }): OutboxMessage[] {
  return messagesFor(eventId, userIds, at, {
    channels: m.sms ? ['inbox', 'wechat', 'sms'] : ['inbox', 'wechat'],
    title: m.title,
    body: m.body,
    link: `/${m.page}`,
    wechat: { templateId: WECHAT_TEMPLATES.notice.id, page: m.page, data: fitTemplateData({ thing1: m.title, thing2: m.body, time3: wechatTime(at) }) },
    ...(m.sms ? { sms: { templateId: SMS_TEMPLATES.notice.id, params: [m.title.slice(0, 20), m.body.slice(0, 20)] } } : {}),
  });
}

/** The people of a project holding one of `roles` there (contractor, supervisor …). */
export async function projectPeople(db: Db, projectId: string, roles: Role[]): Promise<string[]> {
  const users = await usersWithRoleKeys(db, [`project:${projectId}`]);
  return users.filter((u) => u.roles.some((b) => roles.includes(b.role) && (b.projectIds ?? []).includes(projectId))).map((u) => u._id);
}

/** The regulators over a town (its own and the city's), or the city's only. */
export const areaRegulators = (db: Db, cityId: string, townId?: string) => userIdsWithRoleKeys(db, [...(townId ? [`regulator:town:${cityId}:${townId}`] : []), `regulator:city:${cityId}`]);
