import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { classByCode } from '@cityloop/shared/city/classes';
import { wechatTime } from '@cityloop/shared/notify/templates';
import { addWorkingHours } from '@cityloop/shared/city/working-calendar';
import type { Deps } from '../../platform/deps';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { runCommand } from '../../platform/command/run-command';
import { newId } from '../../platform/ids';
import { requireOwnEvidence } from '../evidence/public';
import { cityCalendar } from '../cityconfig/public';
import { DUTIES, PLAQUE_COMPLAINTS, type PlaqueComplaint, type Shop } from './plaque.collections';
import { findShop, findShopOwner, findVisibleShop } from './shop.repository';
import { PER_DAY, PER_HOUR, PER_SHOP_PER_DAY, PLAQUE_CLASSES, REPEAT_ESCALATE_AFTER, REPEAT_WINDOW_DAYS } from './plaque-rules';
import { complaintMessages } from './complaint-messages';
import { afterEscalation, complaintStep, escalateComplaint, escalationEffect } from './escalate-complaint';
import { complaintRepository, countShopComplaintsOfClass, insertComplaint } from './complaint.repository';
import { takeSlots, type Limit } from '../../platform/limits/limit-slots';
import { rescoreShop } from './shop-score';
import { ownerUnbound, referComplaint } from './refer-complaint';


/** A citizen's complaints: 3 an hour, 10 a day; against one shop, 2 a day. */
export const COMPLAINT_LIMIT: Limit = { windows: [{ name: 'hour', ms: 3600_000, max: PER_HOUR }, { name: 'day', ms: 86_400_000, max: PER_DAY }], message: `投诉过于频繁：每小时最多 ${PER_HOUR} 次、每天 ${PER_DAY} 次，请稍后再试` };
export const SAME_SHOP_LIMIT: Limit = { windows: [{ name: 'day', ms: 86_400_000, max: PER_SHOP_PER_DAY }], message: `投诉过于频繁，请稍后再试（同一商户每天最多 ${PER_SHOP_PER_DAY} 次）` };

/** A citizen's complaint: the shop owner is told at once (SMS + subscription message + inbox) and has a deadline. */
export async function createComplaint(deps: Deps, actor: NonNullable<Actor>, shopId: string, input: { classCode: string; description: string; photos: string[]; location?: { lng: number; lat: number; accuracy?: number } }, ctx: { requestId?: string; ip?: string }): Promise<PlaqueComplaint> {
  const { db, now } = deps;
  const t = now();
  const shop = await findVisibleShop(db, shopId);
  if (!shop) throw notFound('商户不存在', 'shop_not_found');
  const rule = PLAQUE_CLASSES[input.classCode];
  if (!rule) throw invalid('该问题不属于门前三包投诉范围', 'unknown_class');
  const cls = classByCode('event', input.classCode);
  if (!shop.duties.includes(rule.duty)) {
    throw invalid(`该商户的门前三包责任为${shop.duties.map((d) => `「${DUTIES[d]}」`).join('')}，不含「${DUTIES[rule.duty]}」，不能投诉“${cls.name}”`, 'class_not_in_duties');
  }
  if (input.photos.length < 1) throw invalid('请至少上传 1 张现场照片', 'photos_required');
  await requireOwnEvidence(deps.db, actor.userId, input.photos, { images: true });
  if (shop.owner.userId === actor.userId) throw forbidden('商户不能投诉自己', 'self_complaint');
  // Atomic (slot documents): 20 complaints at once against one shop used to pass a count-then-insert check all
  // together and take the shop from 100/A to 0/D in one burst.
  const slots = [await takeSlots(db, `complaint:${actor.userId}`, COMPLAINT_LIMIT, t)];
  try {
    slots.push(await takeSlots(db, `complaint:${actor.userId}:${shopId}`, SAME_SHOP_LIMIT, t));
    return await fileComplaint(deps, actor, shop, input, ctx, t);
  } catch (e) {
    for (const s of slots) await s.release();
    throw e;
  }
}

async function fileComplaint(
  deps: Deps,
  actor: NonNullable<Actor>,
  shop: NonNullable<Awaited<ReturnType<typeof findVisibleShop>>>,
  input: Parameters<typeof createComplaint>[3],
  ctx: Parameters<typeof createComplaint>[4],
  t: Date,
): Promise<PlaqueComplaint> {
  const { db } = deps;
  const shopId = shop._id;
  const rule = PLAQUE_CLASSES[input.classCode]!;
  const cls = classByCode('event', input.classCode);

  const id = newId('pc');
  const doc: Omit<PlaqueComplaint, keyof import('../../platform/aggregate').AggregateBase> & { _id: string } = {
    _id: id,
    shopId,
    shopName: shop.name,
    classCode: cls.code,
    className: cls.name,
    description: input.description,
    photos: input.photos,
    location: input.location,
    complainantId: actor.userId,
    state: 'open',
    deadline: addWorkingHours(t, rule.fixWithinHours, await cityCalendar(db, shop.scope.cityId)),
    verified: false,
    scope: { ...shop.scope, public: false, createdBy: actor.userId, orgIds: [`shop:${shop._id}`] },
    createdAt: t,
    updatedAt: t,
  };
  const event: DomainEvent = { id: newId('ev'), action: 'complaint.create', at: t, actorId: actor.userId, role: 'citizen', to: 'open', evidence: input.photos, location: input.location };
  // nobody can act for a shop whose owner has not bound an account: its area chief takes it (below), the owner is asked to bind
  const unbound = await ownerUnbound(deps, shop);
  const ask = unbound ? '请用责任牌资料上的绑定码绑定账号后查看并整改' : `请在 ${wechatTime(doc.deadline)} 前整改并上传照片`;
  const msgs = complaintMessages(event.id, doc as PlaqueComplaint, [shop.owner.userId], '您有新的门前三包投诉', `${cls.name}：${input.description.slice(0, 40)}。${ask}`, t, true, 'packages/shop/pages/complaint/index');
  const full: PlaqueComplaint = { ...(doc as PlaqueComplaint), ...createdAggregate(PLAQUE_COMPLAINTS, id, event, msgs, { ...ctx, scope: doc.scope }) };
  await insertComplaint(db, full);

  // a repeated problem goes straight to enforcement
  const repeats = await countShopComplaintsOfClass(db, shopId, cls.code, new Date(t.getTime() - REPEAT_WINDOW_DAYS * 86_400_000));
  if (repeats >= REPEAT_ESCALATE_AFTER) return escalateComplaint(deps, full, 'repeated');
  if (unbound) return referComplaint(deps, full, shop);
  return full;
}

const STALE = '投诉已更新，请刷新后再操作';

/** The shop fixes it with an after photo; a fix without evidence is impossible. */
export async function fixComplaint(deps: Deps, actor: NonNullable<Actor>, id: string, input: { photos: string[]; note: string; version: number }, ctx: { requestId?: string; ip?: string }) {
  return runCommand(deps, {
    repo: complaintRepository,
    id,
    eventAction: 'complaint.fix',
    action: 'fix',
    actor,
    version: input.version,
    notFoundMessage: '投诉不存在',
    staleMessage: STALE,
    ctx,
    authorize: async (c) => {
      const owner = await findShopOwner(deps.db, c.shopId);
      if (!owner || owner.userId !== actor.userId) throw notFound('投诉不存在');
      return 'shopOwner' as const;
    },
    step: complaintStep({ photos: input.photos }),
    precheck: (c) => requireOwnEvidence(deps.db, actor.userId, input.photos, { images: true, notAmong: c.photos }),
    apply: ({ agg: c, at, eventId }) => {
      const msgs = complaintMessages(eventId, c, [c.complainantId], '商户已整改，请确认', `${c.shopName} 已整改：${input.note.slice(0, 40)}。请查看照片并确认或提出异议`, at, false, 'packages/plaque/pages/complaint/index');
      return { set: { fix: { photos: input.photos, note: input.note, at, inTime: at <= c.deadline }, updatedAt: at }, messages: msgs, event: { reason: input.note, evidence: input.photos } };
    },
  });
}

/** The complainant confirms the fix (the complaint counts, half if fixed in time) or disputes it (→ enforcement). */
export async function answerFix(deps: Deps, actor: NonNullable<Actor>, id: string, input: { answer: 'confirm' | 'dispute'; reason?: string; version: number }, ctx: { requestId?: string; ip?: string }) {
  const dispute = input.answer === 'dispute';
  let shop: Shop | null = null;
  return runCommand(deps, {
    repo: complaintRepository,
    id,
    eventAction: dispute ? 'complaint.escalate' : 'complaint.confirm',
    action: input.answer,
    actor,
    version: input.version,
    notFoundMessage: '投诉不存在',
    staleMessage: STALE,
    ctx,
    authorize: (c) => {
      if (c.complainantId !== actor.userId) throw notFound('投诉不存在');
      return 'citizen' as const;
    },
    step: complaintStep({ reason: input.reason }),
    apply: async ({ agg: c, at }) => {
      shop = await findShop(deps.db, c.shopId);
      if (dispute) return escalationEffect(c, shop!, 'disputed', at, input.reason);
      return { set: { verified: true, updatedAt: at } };
    },
    after: async (c) => {
      if (dispute) return afterEscalation(deps, c, shop!, input.reason);
      if (shop) await rescoreShop(deps, shop);
      return (await complaintRepository.load(deps, c._id)) ?? undefined;
    },
  });
}
