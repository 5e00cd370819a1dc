import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { regulatorArea } from '@cityloop/shared/policy/predicates';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import { versionedUpdate } from '../../platform/db/versioned';
import { newId } from '../../platform/ids';
import { PLAQUE_COMPLAINTS, SHOPS, type PlaqueComplaint, type Shop } from './plaque.collections';
import { complaintMessages } from './complaint-messages';
import { rescoreShop } from './shop-score';

const APPEAL_WITHIN_DAYS = 7;

/** 申诉: the shop asks the area chief not to count a complaint (within 7 days of it being counted). */
export async function appealComplaint(deps: Deps, actor: NonNullable<Actor>, id: string, reason: string) {
  const coll = deps.db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS);
  const c = await coll.findOne({ _id: id });
  const shop = c ? await deps.db.collection<Shop>(SHOPS).findOne({ _id: c.shopId }) : null;
  if (!c || !shop || shop.owner.userId !== actor.userId) throw notFound('投诉不存在');
  if (c.state !== 'confirmed' && c.state !== 'escalated') throw invalid('只有已计入评分的投诉可以申诉', 'invalid_transition');
  if (c.appeal) throw invalid('该投诉已申诉过', 'appeal_exists');
  const t = deps.now();
  if (t.getTime() - c.updatedAt.getTime() > APPEAL_WITHIN_DAYS * 86_400_000) throw invalid(`申诉须在 ${APPEAL_WITHIN_DAYS} 日内提出`, 'appeal_too_late');
  const chief = await deps.db.collection<{ _id: string; areaChiefId?: string }>('regions').findOne({ _id: c.scope.gridId ?? '' });
  const event: DomainEvent = { id: newId('ev'), action: 'complaint.appeal', at: t, actorId: actor.userId, role: 'shopOwner', reason };
  const msgs = chief?.areaChiefId ? complaintMessages(event.id, c, [chief.areaChiefId], '责任户申诉待审核', `${c.shopName}：${reason.slice(0, 40)}`, t, false, 'packages/chief/pages/queue/index') : [];
  const w = eventWrites(PLAQUE_COMPLAINTS, c._id, event, msgs, { scope: c.scope });
  await versionedUpdate(coll, c, { $set: { ...w.$set, appeal: { reason, at: t, status: 'pending' }, updatedAt: t }, $push: w.$push as never });
  return (await coll.findOne({ _id: id }))!;
}

/** The grid's area chief decides; an upheld appeal removes the deduction at once. */
export async function decideAppeal(deps: Deps, actor: NonNullable<Actor>, id: string, upheld: boolean, note: string) {
  const coll = deps.db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS);
  const c = await coll.findOne({ _id: id });
  if (!c || !can(actor, 'case.accept', { kind: 'plaque', scope: c.scope }).allow) throw notFound('投诉不存在');
  if (c.appeal?.status !== 'pending') throw invalid('没有待审核的申诉', 'no_pending_appeal');
  if (note.trim().length < 2) throw invalid('请填写审核意见', 'note_required');
  const t = deps.now();
  const shop = (await deps.db.collection<Shop>(SHOPS).findOne({ _id: c.shopId }))!;
  if (!shop) throw forbidden();
  const event: DomainEvent = { id: newId('ev'), action: 'complaint.appeal_decision', at: t, actorId: actor.userId, role: 'areaChief', reason: note, data: { upheld } };
  const msgs = complaintMessages(event.id, c, [shop.owner.userId], upheld ? '申诉成立，不计扣分' : '申诉不成立', note, t, false, 'packages/shop/pages/complaint/index');
  const w = eventWrites(PLAQUE_COMPLAINTS, c._id, event, msgs, { scope: c.scope });
  await versionedUpdate(coll, c, { $set: { ...w.$set, appeal: { ...c.appeal, status: upheld ? 'upheld' : 'rejected', decidedBy: actor.userId, note }, updatedAt: t }, $push: w.$push as never });
  await rescoreShop(deps, shop);
  return (await coll.findOne({ _id: id }))!;
}

/**
 * The appeals an area chief decides (their grids: the decide route's own rule, `case.accept`) and a
 * regulator oversees (their town or city, read-only): pending ones oldest first, or the recently decided.
 */
export async function listAppeals(deps: Deps, actor: NonNullable<Actor>, status: 'pending' | 'decided') {
  const decide = scopeFilter(actor, 'case.accept');
  const clauses = [...(decide ? [decide] : []), ...actor.roles.filter((b) => b.role === 'regulator').map((b) => regulatorArea.filter(b, actor))];
  if (!clauses.length) return [];
  const which = status === 'pending' ? { 'appeal.status': 'pending' } : { 'appeal.status': { $in: ['upheld', 'rejected'] } };
  const rows = await deps.db
    .collection<PlaqueComplaint>(PLAQUE_COMPLAINTS)
    .find({ ...which, ...(clauses.length === 1 ? clauses[0] : { $or: clauses }) }, { projection: { history: 0, outbox: 0, pendingAudit: 0 } })
    .sort({ 'appeal.at': status === 'pending' ? 1 : -1 })
    .limit(100)
    .toArray();
  const shops = await deps.db.collection<Shop>(SHOPS).find({ _id: { $in: [...new Set(rows.map((r) => r.shopId))] } }, { projection: { address: 1 } }).toArray();
  return rows.map((complaint) => ({ complaint, shop: shops.find((s) => s._id === complaint.shopId) ?? null, canDecide: can(actor, 'case.accept', { kind: 'plaque', scope: complaint.scope }).allow }));
}
