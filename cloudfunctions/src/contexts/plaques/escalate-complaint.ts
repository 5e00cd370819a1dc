import type { Deps } from '../../platform/deps';
import { COMPLAINT_MACHINE, type ComplaintAction, type ComplaintActor, type ComplaintContext, type ComplaintState } from '@cityloop/shared/plaques/complaint.machine';
import { runCommand, type CommandEffect, type StateStep } from '../../platform/command/run-command';
import { createCase, SYSTEM_REPORTER } from '../cases/public';
import { PLAQUE_COMPLAINTS, type PlaqueComplaint, type Shop } from './plaque.collections';
import { findShop } from './shop.repository';
import { complaintMessages } from './complaint-messages';
import { rescoreShop } from './shop-score';
import { complaintRepository, setComplaintCase } from './complaint.repository';

const WHY = { overdue: '商户逾期未整改', disputed: '市民对整改有异议', repeated: '同类问题 30 日内重复投诉' } as const;

/** The complaint's state step for the command runner. */
export const complaintStep = (ctx: Omit<ComplaintContext, 'by'>): StateStep<PlaqueComplaint, ComplaintState, ComplaintAction, ComplaintActor, ComplaintContext> => ({
  machine: COMPLAINT_MACHINE,
  stateOf: (c) => c.state,
  stateField: 'state',
  context: (_c, by) => ({ ...ctx, by }),
});

/**
 * A step the system takes on a complaint (escalate, refer to the 片长, reopen to the shop): no person acts, no
 * record version is asked for; the snapshot the caller read is the one written over.
 */
export function systemComplaintStep(
  deps: Deps,
  c: PlaqueComplaint,
  action: 'escalate' | 'refer' | 'reopen',
  apply: (x: { at: Date; eventId: string }) => CommandEffect,
  after?: (x: PlaqueComplaint) => Promise<PlaqueComplaint>,
): Promise<PlaqueComplaint> {
  return runCommand(deps, {
    repo: complaintRepository,
    id: c._id,
    loaded: c,
    eventAction: `complaint.${action}`,
    action,
    actor: null,
    version: 'none',
    notFoundMessage: '投诉不存在',
    staleMessage: '投诉已更新，请刷新后再操作',
    ctx: {},
    authorize: () => 'system' as const,
    step: complaintStep({}),
    apply,
    after,
  });
}

/**
 * What escalating writes, for the system's escalation and the complainant's dispute alike: the event is the
 * system's, one per complaint (its id makes a second escalation event impossible).
 */
export function escalationEffect(c: PlaqueComplaint, shop: Shop, why: keyof typeof WHY, at: Date, disputeReason?: string): CommandEffect {
  const id = `${c._id}:escalate`;
  const reason = disputeReason?.trim();
  // the owner learns why: a dispute says what the complainant found (issue 17: the owner never saw it)
  const body = reason ? `${WHY[why]}（${reason.slice(0, 40)}），已转城管执法案件处理` : `${WHY[why]}，已转城管执法案件处理`;
  const messages = complaintMessages(id, c, [shop.owner.userId], '投诉已转执法处理', body, at, true, 'packages/shop/pages/complaint/index');
  return { set: { escalationReason: why, ...(reason ? { dispute: { reason, at } } : {}), updatedAt: at }, messages, event: { id, action: 'complaint.escalate', actorId: null, role: 'system', reason: reason ? `${WHY[why]}：${reason}` : WHY[why] } };
}

/** After the escalation is written: the enforcement case, and the shop's score. */
export async function afterEscalation(deps: Deps, c: PlaqueComplaint, shop: Shop, note?: string): Promise<PlaqueComplaint> {
  await openEnforcementCase(deps, c, note);
  await rescoreShop(deps, shop);
  return (await complaintRepository.load(deps, c._id))!;
}

/**
 * Overdue, disputed or repeated → an enforcement case in the existing case loop, routed to the grid's area
 * chief (as a location report at the shop's frontage; the complaint's photos go with it). Idempotent per
 * complaint: an escalated complaint is not escalated twice.
 */
export async function escalateComplaint(deps: Deps, c: PlaqueComplaint, why: keyof typeof WHY, note?: string): Promise<PlaqueComplaint> {
  if (c.state === 'escalated') return c;
  const shop = (await findShop(deps.db, c.shopId))!;
  // Claim first (versioned, on the caller's snapshot): of two overlapping runs exactly one escalates; the case
  // is made after the claim, and `caseId` missing on an escalated complaint is repaired by the escalation job.
  return systemComplaintStep(deps, c, 'escalate', ({ at }) => escalationEffect(c, shop, why, at), (x) => afterEscalation(deps, x, shop, note));
}

/** The enforcement case for an escalated complaint (idempotent: only when it has none yet). */
export async function openEnforcementCase(deps: Deps, c: PlaqueComplaint, note?: string): Promise<void> {
  if (c.caseId || c.state !== 'escalated') return;
  const shop = (await findShop(deps.db, c.shopId))!;
  const why = c.escalationReason ?? 'overdue';
  const fix = c.fix;
  const fixNote = fix?.note?.trim();
  const r = await createCase(
    deps,
    SYSTEM_REPORTER, // opened by the system, not the complainant's own report (their report count and hourly limit stay theirs)
    {
      kind: 'event',
      classCode: c.classCode,
      description: `【门前三包转执法】${shop.name}（${shop.address}）：${c.description}。${WHY[why]}${note ? `：${note}` : ''}${fixNote ? `。商户整改说明：${fixNote}` : ''}`,
      photos: c.photos,
      location: { ...shop.location },
      source: 'plaque',
      follow: true,
      // the case names the shop (not 按位置上报) and carries the shop's own fix (its after photos and note) as a step
      placeName: shop.name,
      onBehalfOf: { followerId: c.complainantId, evidenceOwnerId: c.complainantId, ...(fix ? { shopFix: { ownerId: shop.owner.userId, at: fix.at, note: fix.note ?? '', photos: fix.photos } } : {}) },
    },
    {},
  );
  await setComplaintCase(deps.db, c._id, r.case._id);
}
