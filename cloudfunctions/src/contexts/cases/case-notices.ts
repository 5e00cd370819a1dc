import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES, WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import { CASE_STATE_LABELS } from '@cityloop/shared/city/case.labels';
import type { CaseState } from '@cityloop/shared/city/case.machine';
import { SYSTEM_REPORTER, type CityCase } from './case.collection';

/** Which states the citizen (and followers) hear about: 立案, 反馈, 结案 (issue 3), plus a rejection. */
const CITIZEN_STATES: Partial<Record<CaseState, string>> = {
  accepted: '您反映的问题已立案',
  rejected: '您反映的问题不予立案',
  handled: '责任单位已处置并反馈',
  closed: '问题已核查结案，欢迎评价',
};

export function citizenMessages(eventId: string, c: CityCase, to: CaseState, note: string | undefined, at: Date): OutboxMessage[] {
  const headline = CITIZEN_STATES[to];
  if (!headline) return [];
  const recipients = [c.reporterId, ...c.followers].filter((id) => id !== SYSTEM_REPORTER);
  return messagesFor(eventId, recipients, at, {
    channels: ['inbox', 'wechat'],
    title: `${headline}｜${c.className}`,
    body: `${c.facilityName ?? ''}${c.facilityName ? '：' : ''}${c.description.slice(0, 60)}。${note ? `说明：${note}` : ''}`,
    link: `/packages/citizen/pages/case/index?id=${c._id}`,
    wechat: {
      templateId: WECHAT_TEMPLATES.progress.id,
      page: `packages/citizen/pages/case/index?id=${c._id}`,
      data: fitTemplateData({ thing1: `${c.className} ${c.facilityName ?? ''}`, phrase2: CASE_STATE_LABELS[to].replace(/[^\u4e00-\u9fa5]/g, '').slice(0, 5), thing3: note || headline, time4: wechatTime(at) }),
    },
  });
}

/** The people who must act next: the unit on dispatch, the area chief on a new report or a 反馈 to check. */
export function staffMessages(eventId: string, c: CityCase, userIds: string[], title: string, at: Date, sms = false): OutboxMessage[] {
  return messagesFor(eventId, userIds, at, {
    channels: sms ? ['inbox', 'wechat', 'sms'] : ['inbox', 'wechat'],
    title: `${title}｜${c.className}`,
    body: `${c.facilityName ?? '位置上报'}：${c.description.slice(0, 60)}${c.deadline ? `（处置时限 ${wechatTime(c.deadline)}）` : ''}`,
    link: `/packages/chief/pages/case/index?id=${c._id}`,
    wechat: {
      templateId: WECHAT_TEMPLATES.progress.id,
      page: `packages/chief/pages/case/index?id=${c._id}`,
      data: fitTemplateData({ thing1: `${c.className} ${c.facilityName ?? ''}`, phrase2: CASE_STATE_LABELS[c.state].replace(/[^\u4e00-\u9fa5]/g, '').slice(0, 5), thing3: title, time4: wechatTime(at) }),
    },
    sms: { templateId: SMS_TEMPLATES.progress.id, params: [`${c.className}`.slice(0, 20), title.slice(0, 20)] },
  });
}
