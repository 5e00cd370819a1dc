import type { Db } from 'mongodb';
import { messagesFor, type Channel, type OutboxMessage } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES, WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import { PROJECT_PARTY_ROLES, ROLE_LABELS, type Role } from '@cityloop/shared/identity/roles';
import { ALARM_STATUS_LABELS, ALARM_STATUS_PHRASES, type AlarmStatus } from '@cityloop/shared/pit/domain/alarm.machine';
import type { Level } from '@cityloop/shared/pit/levels';
import { LEVEL_LABELS, actionTexts, alarmInboxText, alarmSubject, alarmWechatData, dangerSmsParams, overdueSmsParams, thresholdSmsParams, type AlarmFacts } from '@cityloop/shared/pit/domain/alarm-wording';
import type { Deps } from '../../platform/deps';
import type { User } from '../../platform/auth/users';
import { userIdsWithRoleKeys, userNameAndRoles, usersWithRoleKeys } from '../../platform/auth/users.repository';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import type { DeliveryFailure } from '../../platform/outbox/outbox.collections';
import { smsFailureZh } from '../../platform/sms/sms-errors';
import { PIT_ALARMS, type PitAlarm } from './pit.collections';
import { findAlarm, updateAlarmVersioned } from './alarm.repository';

export { LEVEL_LABELS };

export type AudienceRole = (typeof PROJECT_PARTY_ROLES)[number] | 'townRegulator' | 'cityRegulator';
/** One person who hears about an alarm, with the part they play in it. */
export type Listener = { id: string; name: string; role: AudienceRole };

const AUDIENCE_LABELS: Record<AudienceRole, string> = { ...(Object.fromEntries(PROJECT_PARTY_ROLES.map((r) => [r, ROLE_LABELS[r]])) as Record<(typeof PROJECT_PARTY_ROLES)[number], string>), townRegulator: '镇街监管', cityRegulator: '市监管' };

/** `赵监理（监理单位）`: a name that already says its role is not told twice. */
export const listenerText = (l: Pick<Listener, 'name' | 'role'>) => (l.name.includes(AUDIENCE_LABELS[l.role]) || (l.role.endsWith('Regulator') && l.name.includes('监管')) ? l.name : `${l.name}（${AUDIENCE_LABELS[l.role]}）`);

/** The part a user plays for a project: a party role on it, else the regulator level. */
export function roleInProject(u: Pick<User, 'roles'>, projectId: string): AudienceRole | null {
  const party = u.roles.find((b) => (PROJECT_PARTY_ROLES as readonly Role[]).includes(b.role) && b.projectIds?.includes(projectId));
  if (party) return party.role as AudienceRole;
  const reg = u.roles.find((b) => b.role === 'regulator');
  return reg ? (reg.level === 'city' ? 'cityRegulator' : 'townRegulator') : null;
}

/**
 * Everyone who must hear about an alarm: every party of the project and the town regulator; the city
 * regulator too at red, or when `city` (an escalation).
 */
export async function alarmAudience(db: Db, a: Pick<PitAlarm, 'projectId' | 'level' | 'scope'>, opts: { city?: boolean } = {}): Promise<Listener[]> {
  const keys = [`project:${a.projectId}`, `regulator:town:${a.scope.cityId}:${a.scope.townId}`];
  if (a.level === 'red' || opts.city) keys.push(`regulator:city:${a.scope.cityId}`);
  const users = await usersWithRoleKeys(db, keys);
  return users.flatMap((u) => {
    const role = roleInProject(u, a.projectId);
    return role ? [{ id: u._id, name: u.name, role }] : [];
  });
}

export async function alarmRecipients(db: Db, a: Pick<PitAlarm, 'projectId' | 'level' | 'scope'>, opts: { city?: boolean } = {}): Promise<string[]> {
  return (await alarmAudience(db, a, opts)).map((l) => l.id);
}

/**
 * How far a notification goes. `urgent` adds the SMS (a new alarm, a level raised, a danger alarm, an overdue
 * escalation — nothing else: a phone takes 10 SMS a day); `routine` is WeChat + inbox; an event that is
 * history when it is written (the demo seed replaying its week, `deps.historyBefore`) reaches the inbox only.
 */
export type Reach = 'urgent' | 'routine';
export function channelsFor(deps: Pick<Deps, 'historyBefore'>, at: Date, reach: Reach): Channel[] {
  if (deps.historyBefore && at.getTime() < deps.historyBefore.getTime()) return ['inbox'];
  return reach === 'urgent' ? ['inbox', 'wechat', 'sms'] : ['inbox', 'wechat'];
}

type Content = Omit<OutboxMessage, 'id' | 'userId' | 'createdAt' | 'channels'>;
/** One event to several groups, each on its own channels; a person in two groups hears once, on the wider. */
export function messagesInGroups(eventId: string, at: Date, content: Content, groups: { users: string[]; channels: Channel[] }[]): OutboxMessage[] {
  const { sms, ...rest } = content;
  const seen = new Set<string>();
  return groups.flatMap((g) => {
    const users = g.users.filter((u) => !seen.has(u));
    users.forEach((u) => seen.add(u));
    return users.length ? messagesFor(eventId, users, at, { ...rest, channels: g.channels, ...(sms && g.channels.includes('sms') ? { sms } : {}) }) : [];
  });
}

const alarmLink = (a: Pick<PitAlarm, '_id'>) => ({ link: `/packages/pit/pages/alarm/index?id=${a._id}`, page: `packages/pit/pages/alarm/index?id=${a._id}` });

/** The SMS of a new alarm (or a raised level): the threshold template only for a threshold alarm; none for suspect data. */
function alarmSms(a: AlarmFacts): OutboxMessage['sms'] | undefined {
  // red and danger alarms always get their SMS; yellow and orange yield to them when a phone's day is full
  if (a.kind === 'threshold') return { templateId: SMS_TEMPLATES.pitAlarm.id, params: thresholdSmsParams(a), ...(a.level === 'red' ? { critical: true } : {}) };
  if (a.kind === 'danger') return { templateId: SMS_TEMPLATES.pitDanger.id, params: dangerSmsParams(a), critical: true };
  return undefined; // a suspect-data event is not a threshold alarm: WeChat and inbox only
}

/**
 * A new alarm, or its level raised (`headline`), on every channel `reach` allows: project, point, value with
 * units, control value, level and trend for a threshold alarm; what was found for a danger alarm; the stream
 * and the data problem in Chinese for suspect data (never by SMS).
 */
export function alarmMessages(eventId: string, a: PitAlarm, recipients: string[], at: Date, opts: { channels: Channel[]; headline?: string }): OutboxMessage[] {
  const sms = alarmSms(a);
  const channels = sms ? opts.channels : opts.channels.filter((c) => c !== 'sms');
  const { link, page } = alarmLink(a);
  return messagesFor(eventId, recipients, at, {
    channels,
    ...alarmInboxText(a, opts.headline),
    link,
    wechat: { templateId: WECHAT_TEMPLATES.pitAlarm.id, page, data: fitTemplateData(alarmWechatData(a, wechatTime(at))) },
    ...(sms && channels.includes('sms') ? { sms } : {}),
  });
}

/** A step of the handling loop (or a regulator's escalation): WeChat progress message + inbox, never SMS. */
export function actionMessages(eventId: string, a: PitAlarm, recipients: string[], at: Date, step: { label: string; to: AlarmStatus; note: string; channels: Channel[] }): OutboxMessage[] {
  const t = actionTexts(a, step.label, { label: ALARM_STATUS_LABELS[step.to], phrase: ALARM_STATUS_PHRASES[step.to] }, step.note, wechatTime(at));
  const { link, page } = alarmLink(a);
  return messagesFor(eventId, recipients, at, {
    channels: step.channels.filter((c) => c !== 'sms'),
    title: t.title,
    body: t.body,
    link,
    wechat: { templateId: WECHAT_TEMPLATES.progress.id, page, data: fitTemplateData(t.wechat) },
  });
}

/**
 * An overdue step escalated by the scheduler: the SMS says it is overdue (who missed what) and goes to the
 * party who is late and to the regulators (town and city); every other party reads it on WeChat and inbox.
 */
export function overdueMessages(eventId: string, a: PitAlarm, audience: Listener[], at: Date, opts: { why: string; late: AudienceRole; urgent: Channel[]; routine: Channel[] }): OutboxMessage[] {
  const t = actionTexts(a, '逾期督办', { label: ALARM_STATUS_LABELS[a.status], phrase: '逾期督办' }, opts.why, wechatTime(at));
  const { link, page } = alarmLink(a);
  const paged = audience.filter((l) => l.role === opts.late || l.role === 'townRegulator' || l.role === 'cityRegulator').map((l) => l.id);
  const content: Content = {
    title: `逾期督办｜${a.projectName}`,
    body: `${t.body.replace(/。$/, '')}，已升级督办（${LEVEL_LABELS[a.level as Level]}）。`,
    link,
    wechat: { templateId: WECHAT_TEMPLATES.progress.id, page, data: fitTemplateData(t.wechat) },
    sms: { templateId: SMS_TEMPLATES.pitOverdue.id, params: overdueSmsParams(a, opts.why) },
  };
  return messagesInGroups(eventId, at, content, [
    { users: paged, channels: opts.urgent },
    { users: audience.map((l) => l.id), channels: opts.routine },
  ]);
}

/**
 * An alarm SMS given up for good (a phone's daily quota, a bad number …) is not dropped silently: the alarm's
 * trail says whom it did not reach and why, in Chinese, and the town regulator reads the same in the inbox —
 * so someone picks up the phone. Idempotent (the event id is the outbox entry's).
 */
export async function recordUndeliveredSms(db: Db, f: DeliveryFailure): Promise<boolean> {
  if (f.entry.channel !== 'sms') return false;
  const eventId = `${f.entry._id}:undelivered`;
  const user = await userNameAndRoles(db, f.entry.userId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const a = await findAlarm(db, f.entry.source.id);
    if (!a || a.history.some((e) => e.id === eventId)) return false;
    const role = user ? roleInProject(user, a.projectId) : null;
    const who = user ? (role ? listenerText({ name: user.name, role }) : user.name) : '收件人';
    const reason = smsFailureZh(f.code);
    const event: DomainEvent = { id: eventId, action: 'alarm.sms_failed', at: f.at, actorId: null, role: 'system', reason: `发给${who}的短信未送达：${reason}`, data: { channel: 'sms', userId: f.entry.userId, to: who, code: f.code ?? null, why: reason } };
    const regs = await userIdsWithRoleKeys(db, [`regulator:town:${a.scope.cityId}:${a.scope.townId}`]);
    const msgs = messagesFor(eventId, regs, f.at, {
      channels: ['inbox'],
      title: `短信未送达｜${a.projectName}`,
      body: `${a.projectName} ${alarmSubject(a)}（${LEVEL_LABELS[a.level]}）的短信未送达${who}：${reason}。已改由微信和站内消息通知，请电话联系本人确认。`,
      link: alarmLink(a).link,
    });
    try {
      await updateAlarmVersioned(db, a, eventWrites(PIT_ALARMS, a._id, event, msgs, { scope: a.scope }) as never);
      return msgs.length > 0;
    } catch (e) {
      if ((e as { code?: string }).code !== 'conflict') throw e; // a person acted meanwhile: read again
    }
  }
  return false;
}
