import type * as z from 'zod';
import type { Actor } from '@cityloop/shared/identity/roles';
import { FIRE_EVENT_MACHINE, type FireEventAction, type FireEventActor } from '@cityloop/shared/fire-testing/fire-event.machine';
import type { eventTextRequest, noticeRequest } from '@cityloop/shared/fire-testing/fire.contract';
import { wechatTime } from '@cityloop/shared/notify/templates';
import type { Deps } from '../../platform/deps';
import type { FireCtx } from './fire-messages';
import { runCommand, type CommandEffect } from '../../platform/command/run-command';
import type { Job } from '../../platform/context-module';
import type { FireEvent } from './firetest.collections';
import { eventRepository, listOverdueNotices } from './event.repository';
import { requireEvidenceOf } from './fire-evidence';
import { requireFire } from './fire-access';
import { agencyStaff, fireMessages, regulatorsOf } from './fire-messages';

type Ctx = FireCtx;
const page = (e: FireEvent) => `packages/fire/pages/event/index?id=${e._id}`;

function eventCommand(deps: Deps, actor: NonNullable<Actor> | null, id: string, action: FireEventAction, version: number | 'none', ctxIn: { text?: string; deadline?: Date }, ctx: Ctx, apply: (e: FireEvent, at: Date, eventId: string) => Promise<CommandEffect>, precheck?: (e: FireEvent) => Promise<void>, loaded?: FireEvent) {
  return runCommand(deps, {
    repo: eventRepository,
    id,
    loaded,
    eventAction: `fire_event.${action}`,
    action,
    actor,
    version,
    notFoundMessage: '事件不存在',
    staleMessage: '事件已更新，请刷新后重试',
    ctx,
    authorize: (e): FireEventActor => {
      if (!actor) return 'system';
      return requireFire(actor, action === 'reply' ? ['fire.reply'] : ['fire.supervise'], e.scope, '事件不存在') === 'regulator' ? 'regulator' : 'agency';
    },
    step: { machine: FIRE_EVENT_MACHINE, stateOf: (e) => e.state, stateField: 'state', context: (e, by, at) => ({ by, ...ctxIn, now: at, escalated: e.notice?.escalated ?? false }) },
    precheck,
    apply: ({ agg, at, eventId }) => apply(agg, at, eventId),
  });
}

/** The regulator sends a handling notice with a deadline to the agency (and the building owner). */
export function noticeEvent(deps: Deps, actor: NonNullable<Actor>, id: string, b: z.output<typeof noticeRequest>, ctx: Ctx) {
  const deadline = new Date(b.deadline);
  return eventCommand(deps, actor, id, 'notice', b.version, { text: b.text, deadline }, ctx, async (e, at, eventId) => {
    const to = [...(await agencyStaff(deps.db, e.agencyId)), ...(b.toOwner && e.ownerUserId ? [e.ownerUserId] : [])];
    return {
      set: { notice: { text: b.text, deadline, at, by: actor.userId, escalated: false }, updatedAt: at },
      messages: fireMessages(eventId, to, at, { subject: e.buildingName ?? e.agencyName, title: '消防检测处置通知', body: `${e.title}：${b.text}。请于 ${wechatTime(deadline)} 前处理并回复`, page: page(e) }),
      event: { reason: b.text, data: { deadline } },
    };
  });
}

/** The agency replies to the notice (with photos it holds). */
export function replyEvent(deps: Deps, actor: NonNullable<Actor>, id: string, b: z.output<typeof eventTextRequest>, ctx: Ctx) {
  return eventCommand(
    deps, actor, id, 'reply', b.version, { text: b.text }, ctx,
    async (e, at, eventId) => ({
      set: { replies: [...e.replies, { text: b.text, photos: b.photos, at, by: actor.userId }], updatedAt: at },
      messages: fireMessages(eventId, await regulatorsOf(deps.db, e.scope), at, { subject: e.buildingName ?? e.agencyName, title: '检测机构已回复', body: `${e.agencyName}：${b.text}`, page: page(e) }),
      event: { reason: b.text, evidence: b.photos },
    }),
    () => requireEvidenceOf(deps, actor.userId, b.photos),
  );
}

/** The regulator closes the event with a conclusion. */
export function closeEvent(deps: Deps, actor: NonNullable<Actor>, id: string, b: z.output<typeof eventTextRequest>, ctx: Ctx) {
  return eventCommand(deps, actor, id, 'close', b.version, { text: b.text }, ctx, async (e, at, eventId) => ({
    set: { conclusion: b.text, updatedAt: at },
    messages: fireMessages(eventId, await agencyStaff(deps.db, e.agencyId), at, { subject: e.buildingName ?? e.agencyName, title: '事件已办结', body: `${e.title}：${b.text}`, page: page(e) }),
    event: { reason: b.text },
  }));
}

/** Job: notices past their deadline without a reply are escalated once — SMS to the regulators and the agency. */
export const escalateOverdueNotices: Job = async (deps, { budgetMs }) => {
  const started = Date.now();
  let escalated = 0;
  for (const e of await listOverdueNotices(deps.db, deps.now())) {
    if (Date.now() - started > budgetMs) break;
    try {
      await eventCommand(deps, null, e._id, 'escalate', 'none', {}, {}, async (x, at, eventId) => ({
        set: { 'notice.escalated': true, updatedAt: at },
        messages: fireMessages(eventId, [...(await regulatorsOf(deps.db, x.scope)), ...(await agencyStaff(deps.db, x.agencyId))], at, { subject: x.buildingName ?? x.agencyName, title: '处置通知逾期未回复', body: `${x.agencyName}未在期限内回复“${x.title}”的处置通知，已升级督办`, page: page(x), sms: true }),
        event: { reason: 'overdue' },
      }), undefined, e);
      escalated++;
    } catch (err) {
      if ((err as { status?: number }).status !== 409) throw err; // someone acted meanwhile: nothing to escalate
    }
  }
  return { escalated };
};
