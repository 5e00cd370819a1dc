import { conflict, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { can } from '@cityloop/shared/policy/can';
import type { OutboxMessage } from '@cityloop/shared/notify/message';
import { wechatTime } from '@cityloop/shared/notify/templates';
import { INVITATION_REPLY_HOURS, REVIEW_PANEL_SIZE } from '@cityloop/shared/dangerous-works/review.limits';
import type { Deps } from '../../platform/deps';
import type { Job } from '../../platform/context-module';
import { runCommand } from '../../platform/command/run-command';
import type { Expert, Invitation, Review } from './schemereview.collections';
import { reviewRepository, reviewsWithOverdueInvitations } from './review.repository';
import { expertsByIds } from './expert.repository';
import { areaRegulators, reviewMessages } from './review-messages';
import { reviewStep } from './apply-review';

/** Invitations for these experts, in draw order, each with its reply deadline. */
export function invitationsFor(ids: string[], byId: Map<string, Expert>, at: Date): Invitation[] {
  const deadline = new Date(at.getTime() + INVITATION_REPLY_HOURS * 3_600_000);
  return ids.map((id) => ({ expertId: id, userId: byId.get(id)!.userId, name: byId.get(id)!.name, status: 'invited' as const, invitedAt: at, deadline }));
}

/** The invitation itself goes by SMS and subscription message: what, when, where, and the reply deadline. */
export function inviteMessages(eventId: string, r: Review, invitations: Invitation[], at: Date): OutboxMessage[] {
  return invitations.flatMap((i) =>
    reviewMessages(eventId, [i.userId], at, { title: '专家论证邀请', body: `${r.itemName}论证会 ${wechatTime(r.meetingAt)}，请于${wechatTime(i.deadline)}前回复`, page: `packages/review/pages/review/index?id=${r._id}`, sms: true }),
  );
}

/**
 * The next experts in the draw order not yet invited and still active (the library may have changed since
 * the draw): a decline or silence is replaced by the next one, never by a new draw.
 */
async function nextInOrder(deps: Deps, r: Review, invitations: Invitation[], count: number, at: Date): Promise<Invitation[]> {
  if (count <= 0) return [];
  const asked = new Set(invitations.map((i) => i.expertId));
  const candidates = r.draw.order.filter((id) => !asked.has(id));
  const experts = new Map((await expertsByIds(deps.db, candidates)).map((e) => [e._id, e]));
  const next = candidates.filter((id) => experts.get(id)?.state === 'active').slice(0, count);
  return invitationsFor(next, experts, at);
}

const accepted = (inv: Invitation[]) => inv.filter((i) => i.status === 'accepted').length;
const open = (inv: Invitation[]) => inv.filter((i) => i.status === 'invited' || i.status === 'accepted').length;

/** After some invitations ended: invite replacements; the regulators hear when the order is exhausted. */
async function refill(deps: Deps, r: Review, invitations: Invitation[], at: Date, eventId: string) {
  const fresh = await nextInOrder(deps, r, invitations, REVIEW_PANEL_SIZE - open(invitations), at);
  const all = [...invitations, ...fresh];
  const messages = inviteMessages(eventId, r, fresh, at);
  if (open(all) < REVIEW_PANEL_SIZE) {
    const regs = await areaRegulators(deps.db, r.scope.cityId, r.scope.townId);
    messages.push(...reviewMessages(eventId, regs, at, { title: '论证候选专家已用尽', body: `${r.projectName} ${r.itemName}：尚缺 ${REVIEW_PANEL_SIZE - open(all)} 名专家`, page: `packages/review/pages/review/index?id=${r._id}` }));
  }
  return { all, fresh, messages };
}

/** An invited expert accepts or declines; a decline invites the next in order; the fifth acceptance convenes the panel. */
export async function respondToInvitation(deps: Deps, actor: NonNullable<Actor>, id: string, accept: boolean, reason: string, ctx: { requestId?: string; ip?: string }) {
  let outcome: 'pass' | 'fail' = 'fail';
  return runCommand(deps, {
    repo: reviewRepository, id, eventAction: accept ? 'review.accept' : 'review.decline', action: 'respond', actor, version: 'none', ctx,
    notFoundMessage: '论证不存在', staleMessage: '论证已更新，请刷新后再操作',
    authorize: (r) => {
      if (!can(actor, 'review.expert', { kind: 'review', scope: r.scope }).allow) throw notFound('论证不存在');
      const mine = r.invitations.find((i) => i.userId === actor.userId && i.status === 'invited');
      if (!mine && r.state === 'inviting') throw conflict('您没有待回复的邀请', 'no_pending_invitation');
      outcome = accept && mine && accepted(r.invitations) + 1 >= REVIEW_PANEL_SIZE ? 'pass' : 'fail';
      return 'expert';
    },
    step: { ...reviewStep(), context: (_r, by) => ({ by, outcome }) },
    apply: async ({ agg: r, at, eventId }) => {
      const invitations = r.invitations.map((i) => (i.userId === actor.userId && i.status === 'invited' ? { ...i, status: accept ? ('accepted' as const) : ('declined' as const), answeredAt: at, ...(reason ? { reason } : {}) } : i));
      const { all, fresh, messages } = accept ? { all: invitations, fresh: [], messages: [] } : await refill(deps, r, invitations, at, eventId);
      return {
        set: { invitations: all, 'scope.expertUserIds': [...new Set([...r.scope.expertUserIds, ...fresh.map((i) => i.userId)])], updatedAt: at },
        messages,
        event: { ...(reason ? { reason } : {}), data: { invitedNext: fresh.map((i) => i.expertId) } },
      };
    },
  });
}

/** Silence past the deadline counts as a decline: the invitation expires and the next expert is invited. */
export async function expireInvitations(deps: Deps, r: Review) {
  const at = deps.now();
  const overdue = r.invitations.filter((i) => i.status === 'invited' && i.deadline.getTime() < at.getTime());
  if (!overdue.length) return r;
  return runCommand(deps, {
    repo: reviewRepository, id: r._id, eventAction: 'review.expire_invitations', action: 'replace', actor: null, version: 'none', ctx: {}, loaded: r,
    notFoundMessage: '论证不存在', staleMessage: '论证已更新',
    authorize: () => 'system' as const,
    step: { ...reviewStep(), context: (_r, by) => ({ by, outcome: 'fail' }) },
    apply: async ({ agg, at: now, eventId }) => {
      const invitations = agg.invitations.map((i) => (i.status === 'invited' && i.deadline.getTime() < now.getTime() ? { ...i, status: 'expired' as const } : i));
      const { all, fresh, messages } = await refill(deps, agg, invitations, now, eventId);
      return { set: { invitations: all, 'scope.expertUserIds': [...new Set([...agg.scope.expertUserIds, ...fresh.map((i) => i.userId)])], updatedAt: now }, messages, event: { data: { expired: overdue.map((i) => i.expertId), invitedNext: fresh.map((i) => i.expertId) } } };
    },
  });
}

/** The scheduled sweep of unanswered invitations (idempotent; bounded by its budget). */
export const invitationSweep: Job = async (deps, { budgetMs }) => {
  const started = Date.now();
  let reviews = 0;
  for (const r of await reviewsWithOverdueInvitations(deps.db, deps.now())) {
    if (Date.now() - started > budgetMs) break;
    await expireInvitations(deps, r).catch((e) => deps.log.warn('invitation sweep failed', { id: r._id, error: (e as Error).message }));
    reviews++;
  }
  return { reviews };
};
