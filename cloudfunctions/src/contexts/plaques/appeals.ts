import { forbidden, notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { APPEAL_MACHINE, type AppealAction, type AppealActor, type AppealContext, type AppealState } from '@cityloop/shared/plaques/appeal.machine';
import { runCommand, type StateStep } from '../../platform/command/run-command';
import type { PlaqueComplaint, Shop } from './plaque.collections';
import { findShop, findShopOwner, shopAddresses } from './shop.repository';
import { gridAreaChief } from '../cases/public';
import { complaintMessages } from './complaint-messages';
import { rescoreShop } from './shop-score';
import { complaintRepository, listAppealed } from './complaint.repository';

const appealStep = (ctx: Omit<AppealContext, 'by'>): StateStep<PlaqueComplaint, AppealState, AppealAction, AppealActor, AppealContext> => ({
  machine: APPEAL_MACHINE,
  stateOf: (c) => c.appeal?.status ?? 'none',
  context: (c, by, now) => ({ ...ctx, by, now, complaint: c }),
  eventStates: false,
});

/** 申诉: the shop asks the area chief not to count a complaint (within 7 days of it being counted). */
export async function appealComplaint(deps: Deps, actor: NonNullable<Actor>, id: string, reason: string) {
  return runCommand(deps, {
    repo: complaintRepository,
    id,
    eventAction: 'complaint.appeal',
    action: 'appeal',
    actor,
    version: 'none',
    notFoundMessage: '投诉不存在',
    staleMessage: '投诉已更新，请刷新后再操作',
    ctx: {},
    authorize: async (c) => {
      const owner = await findShopOwner(deps.db, c.shopId);
      if (!owner || owner.userId !== actor.userId) throw notFound('投诉不存在');
      return 'shopOwner' as const;
    },
    step: appealStep({}),
    apply: async ({ agg: c, at, eventId }) => {
      const chief = await gridAreaChief(deps.db, c.scope.gridId);
      const msgs = chief ? complaintMessages(eventId, c, [chief], '责任户申诉待审核', `${c.shopName}：${reason.slice(0, 40)}`, at, false, 'packages/chief/pages/queue/index') : [];
      return { set: { appeal: { reason, at, status: 'pending' }, updatedAt: at }, messages: msgs, event: { reason } };
    },
  });
}

/** The grid's area chief decides; an upheld appeal removes the deduction at once. */
export async function decideAppeal(deps: Deps, actor: NonNullable<Actor>, id: string, upheld: boolean, note: string) {
  let shop: Shop | null = null;
  return runCommand(deps, {
    repo: complaintRepository,
    id,
    eventAction: 'complaint.appeal_decision',
    action: 'decide',
    actor,
    version: 'none',
    notFoundMessage: '投诉不存在',
    staleMessage: '投诉已更新，请刷新后再操作',
    ctx: {},
    authorize: (c) => {
      const decision = can(actor, 'case.accept', { kind: 'plaque', scope: c.scope });
      if (!decision.allow) throw notFound('投诉不存在');
      return decision.who as AppealActor;
    },
    step: appealStep({ note, outcome: upheld ? 'pass' : 'fail' }),
    apply: async ({ agg: c, to, at, eventId }) => {
      shop = await findShop(deps.db, c.shopId);
      if (!shop) throw forbidden();
      const msgs = complaintMessages(eventId, c, [shop.owner.userId], upheld ? '申诉成立，不计扣分' : '申诉不成立', note, at, false, 'packages/shop/pages/complaint/index');
      return { set: { appeal: { ...c.appeal, status: to, decidedBy: actor.userId, note }, updatedAt: at }, messages: msgs, event: { reason: note, data: { upheld } } };
    },
    after: async (c) => {
      await rescoreShop(deps, shop!);
      return (await complaintRepository.load(deps, c._id)) ?? undefined;
    },
  });
}

/**
 * The appeals an area chief decides (their grids: the decide route's own rule, `case.accept`) and a
 * regulator oversees (their town or city, read-only): pending ones oldest first, or the recently decided.
 */
export async function listAppeals(deps: Deps, actor: NonNullable<Actor>, status: 'pending' | 'decided') {
  const visible = scopeFilter(actor, 'appeal.read');
  if (!visible) return [];
  const rows = await listAppealed(deps.db, visible, status);
  const shops = await shopAddresses(deps.db, [...new Set(rows.map((r) => r.shopId))]);
  return rows.map((complaint) => ({ complaint, shop: shops.find((s) => s._id === complaint.shopId) ?? null, canDecide: can(actor, 'case.accept', { kind: 'plaque', scope: complaint.scope }).allow }));
}
