import type { Db } from 'mongodb';
import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES, WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import { ITEMS, type Item } from '@cityloop/shared/pit/domain/items';
import type { Level } from '@cityloop/shared/pit/levels';
import { USERS, type User } from '../../platform/auth/users';
import type { PitAlarm } from './pit.collections';

export const LEVEL_LABELS: Record<Level, string> = { normal: '正常', yellow: '黄色预警', orange: '橙色预警', red: '红色报警' };

/**
 * Everyone who must hear about an alarm: every party of the project and the town regulator; the city
 * regulator too at red (issue 5 "Push").
 */
export async function alarmRecipients(db: Db, a: Pick<PitAlarm, 'projectId' | 'level' | 'scope'>): Promise<string[]> {
  const keys = [`project:${a.projectId}`, `regulator:town:${a.scope.cityId}:${a.scope.townId}`];
  if (a.level === 'red') keys.push(`regulator:city:${a.scope.cityId}`);
  const users = await db.collection<User>(USERS).find({ roleKeys: { $in: keys } }, { projection: { _id: 1 } }).toArray();
  return users.map((u) => u._id);
}

const fmt = (v: number | undefined | null, digits = 2) => (v === undefined || v === null ? '—' : v.toFixed(digits));

/** The alarm message: project, point, value, control value, level and trend — on every channel. */
export function alarmMessages(eventId: string, a: PitAlarm, recipients: string[], at: Date, headline?: string): OutboxMessage[] {
  const item = ITEMS[a.item as Item];
  const unit = item?.unit ?? 'mm';
  const level = LEVEL_LABELS[a.level];
  // a rate over less than half a day is not judged (point-judge.ts): don't quote it as if it were
  const trend = a.rate === undefined || a.rate === null ? '首期' : a.rateRatio === null || a.rateRatio === undefined ? '未判定' : `${a.rate >= 0 ? '+' : ''}${a.rate.toFixed(2)} ${item?.rateUnit ?? 'mm/d'}`;
  const what = a.kind === 'danger' ? '人工危险报警' : a.kind === 'suspect_data' ? '疑似数据异常' : `${item?.label ?? a.item} ${a.point}`;
  const body =
    a.kind === 'threshold'
      ? `${a.projectName}：${what} 累计 ${fmt(a.value)} ${unit}，控制值 ${fmt(a.control)} ${unit}（${Math.round((a.ratio ?? 0) * 100)}%），速率 ${trend}。请监理单位立即处置。`
      : `${a.projectName}：${what}。${a.description ?? ''}`;
  return messagesFor(eventId, recipients, at, {
    channels: ['inbox', 'wechat', 'sms'],
    title: `${headline ?? level}｜${a.projectName}`,
    body,
    link: `/packages/pit/pages/alarm/index?id=${a._id}`,
    wechat: {
      templateId: WECHAT_TEMPLATES.pitAlarm.id,
      page: `packages/pit/pages/alarm/index?id=${a._id}`,
      data: fitTemplateData({
        thing1: a.projectName,
        thing2: `${a.point} ${item?.label ?? ''}`,
        character_string3: a.kind === 'threshold' ? `${fmt(a.value)}/${fmt(a.control)}${unit === 'mm' ? 'mm' : ''}` : '-',
        phrase4: level.replace('预警', '').replace('报警', '') + (a.level === 'red' ? '报警' : '预警'),
        time5: wechatTime(at),
      }),
    },
    sms: { templateId: SMS_TEMPLATES.pitAlarm.id, params: [a.projectName.slice(0, 20), a.kind === 'threshold' ? a.point : what, fmt(a.value), fmt(a.control), level, trend] },
  });
}
