import type { Deps } from '../../platform/deps';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { createCase, SYSTEM_REPORTER } from '../cases/public';
import { PLAQUE_COMPLAINTS, type PlaqueComplaint } from './plaque.collections';
import { findComplaint, setComplaintCase, updateComplaintVersioned } from './complaint.repository';
import { findShop } from './shop.repository';
import { complaintMessages } from './complaint-messages';
import { rescoreShop } from './shop-score';

const WHY = { overdue: '商户逾期未整改', disputed: '市民对整改有异议', repeated: '同类问题 30 日内重复投诉' } as const;

/**
 * Overdue, disputed or repeated → an enforcement case in the existing case loop, routed to the grid's area
 * chief (as a location report at the shop's frontage; the complaint's photos go with it). Idempotent per
 * complaint: an escalated complaint is not escalated twice.
 */
export async function escalateComplaint(deps: Deps, c: PlaqueComplaint, why: keyof typeof WHY, note?: string): Promise<PlaqueComplaint> {
  if (c.state === 'escalated') return c;
  const shop = (await findShop(deps.db, c.shopId))!;
  const t = deps.now();
  // Claim first (versioned): of two overlapping runs exactly one escalates; the case is made after the claim,
  // and `caseId` missing on an escalated complaint is repaired by the escalation job.
  const event: DomainEvent = { id: `${c._id}:escalate`, action: 'complaint.escalate', at: t, actorId: null, role: 'system', from: c.state, to: 'escalated', reason: WHY[why] };
  const msgs = complaintMessages(event.id, c, [shop.owner.userId], '投诉已转执法处理', `${WHY[why]}，已转城管执法案件处理`, t, true, 'packages/shop/pages/complaint/index');
  const w = eventWrites(PLAQUE_COMPLAINTS, c._id, event, msgs, { scope: c.scope });
  await updateComplaintVersioned(deps.db, c, { $set: { ...w.$set, state: 'escalated', escalationReason: why, updatedAt: t }, $push: w.$push as never });
  await openEnforcementCase(deps, (await findComplaint(deps.db, c._id))!, note);
  await rescoreShop(deps, shop);
  return (await findComplaint(deps.db, c._id))!;
}

/** The enforcement case for an escalated complaint (idempotent: only when it has none yet). */
export async function openEnforcementCase(deps: Deps, c: PlaqueComplaint, note?: string): Promise<void> {
  if (c.caseId || c.state !== 'escalated') return;
  const shop = (await findShop(deps.db, c.shopId))!;
  const why = c.escalationReason ?? 'overdue';
  const r = await createCase(
    deps,
    SYSTEM_REPORTER, // opened by the system, not the complainant's own report (their report count and hourly limit stay theirs)
    { kind: 'event', classCode: c.classCode, description: `【门前三包转执法】${shop.name}（${shop.address}）：${c.description}。${WHY[why]}${note ? `：${note}` : ''}`, photos: c.photos, location: { ...shop.location }, source: 'plaque', follow: true, onBehalfOf: { followerId: c.complainantId, evidenceOwnerId: c.complainantId } },
    {},
  );
  await setComplaintCase(deps.db, c._id, r.case._id);
}
