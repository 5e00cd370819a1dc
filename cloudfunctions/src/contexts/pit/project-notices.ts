import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import type { Db } from 'mongodb';
import type { Deps } from '../../platform/deps';
import { userIdsWithRoleKeys } from '../../platform/auth/users.repository';
import type { PitProject } from './pit.collections';
import { channelsFor } from './alarm-notice';

/** Everyone on the project's parties (by user id). */
export const partyUserIds = (p: Pick<PitProject, 'parties'>): string[] => [...new Set(Object.values(p.parties).flatMap((party) => party?.people.map((x) => x.userId) ?? []))];

/** The town regulators of the project's town. */
export const townRegulatorIds = (db: Db, scope: PitProject['scope']) => userIdsWithRoleKeys(db, [`regulator:town:${scope.cityId}:${scope.townId}`]);

/**
 * A project notice (new project to approve, started, paused, resumed, closed): WeChat + inbox, never SMS (SMS
 * is kept for alarms, docs/ARCHITECTURE.md §6). `setup` links the setup page, else the project page.
 */
export function projectNotice(deps: Pick<Deps, 'historyBefore'>, eventId: string, p: Pick<PitProject, '_id' | 'name'>, to: string[], at: Date, title: string, body: string, setup = false): OutboxMessage[] {
  const page = setup ? `packages/pit/pages/setup/index?id=${p._id}` : `packages/pit/pages/project/index?id=${p._id}`;
  return messagesFor(eventId, to, at, {
    channels: channelsFor(deps, at, 'routine'),
    title: `${title}｜${p.name}`,
    body,
    link: `/${page}`,
    wechat: { templateId: WECHAT_TEMPLATES.notice.id, page, data: fitTemplateData({ thing1: `${title} ${p.name}`, thing2: body, time3: wechatTime(at) }) },
  });
}
