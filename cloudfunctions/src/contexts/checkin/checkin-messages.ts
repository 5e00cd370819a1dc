import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { CHECKIN_DIRECTION_LABELS, type CheckinDirection } from '@cityloop/shared/checkin/checkin.limits';
import type { TravelCheck } from '@cityloop/shared/checkin/travel';
import type { Db } from 'mongodb';
import { userIdsWithRoleKeys } from '../../platform/auth/users.repository';

const cut = (s: string, n: number) => (Array.from(s).length <= n ? s : `${Array.from(s).slice(0, n - 1).join('')}…`);

/** The regulators of the site's area: its town's and its city's. */
export function siteRegulatorIds(db: Db, site: { cityId: string; townId?: string }): Promise<string[]> {
  const keys = [`regulator:city:${site.cityId}`, ...(site.townId ? [`regulator:town:${site.cityId}:${site.townId}`] : [])];
  return userIdsWithRoleKeys(db, keys);
}

/** 签到行程异常: the regulators hear that a person checked in farther from their previous check-in than travel allows. */
export function impossibleTravelMessages(
  eventId: string,
  regulatorIds: string[],
  at: Date,
  x: { personName: string; siteName: string; direction: CheckinDirection; prevSiteName: string; travel: TravelCheck },
): OutboxMessage[] {
  const km = (x.travel.distanceM / 1000).toFixed(1);
  const body = `${x.personName}于${wechatTime(at)}在“${x.siteName}”${CHECKIN_DIRECTION_LABELS[x.direction]}，距其${x.travel.minutes}分钟前在“${x.prevSiteName}”的签到约${km}公里（约${x.travel.speedKmh}公里/小时），不可能及时到达，请核查是否代签。`;
  return messagesFor(eventId, regulatorIds, at, {
    channels: ['inbox', 'wechat'],
    title: '签到行程异常',
    body,
    wechat: { templateId: WECHAT_TEMPLATES.notice.id, data: { thing1: { value: '签到行程异常' }, thing2: { value: cut(`${x.personName}·${x.siteName}`, 20) }, time3: { value: wechatTime(at) } } },
  });
}
