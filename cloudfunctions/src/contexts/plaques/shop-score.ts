import { nextGrade, scoreOf, GRADE_PATROL, type VerifiedComplaint } from '@cityloop/shared/plaques/score';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { gridAreaChief, userIdsWithRole } from '../cases/public';
import { createChiefVisit, findRuleFrequency, upsertSystemRule } from '../patrol/public';
import { cityScoreRules } from './score-rules.repository';
import type { PlaqueComplaint, Shop } from './plaque.collections';
import { shopComplaintsSince } from './complaint.repository';
import { setShopGrade } from './shop.repository';

/** How a complaint counts in the score, per the published rule. */
export function asVerified(c: PlaqueComplaint): VerifiedComplaint | null {
  if (c.appeal?.status === 'upheld') return null;
  if (c.state === 'confirmed') return { classCode: c.classCode, at: c.createdAt, selfFixedInTime: !!c.fix?.inTime, checkFailed: false };
  if (c.state === 'escalated') return { classCode: c.classCode, at: c.createdAt, selfFixedInTime: false, checkFailed: c.escalationReason === 'disputed' };
  return null;
}

/**
 * The points each counted complaint takes off the shop's score today, and why (the published rule's own
 * deductions, matched back to the complaints): what the owner reads beside each complaint.
 */
export async function deductionsOf(deps: Deps, cityId: string, complaints: PlaqueComplaint[]): Promise<Map<string, { points: number; why: string }>> {
  const rules = await cityScoreRules(deps.db, cityId);
  const counted = complaints.map((c) => ({ c, v: asVerified(c) })).filter((x): x is { c: PlaqueComplaint; v: VerifiedComplaint } => !!x.v);
  const { deductions } = scoreOf(counted.map((x) => x.v), deps.now(), rules);
  const out = new Map<string, { points: number; why: string }>();
  for (const d of deductions) {
    const hit = counted.find((x) => !out.has(x.c._id) && x.v.at.getTime() === d.at.getTime() && x.v.classCode === d.classCode);
    if (hit) out.set(hit.c._id, { points: d.points, why: d.why });
  }
  return out;
}

/**
 * Recomputes a shop's score and grade (with hysteresis), records the history, and sets the shop's patrol
 * frequency through a system-owned patrol rule — nobody edits a rule by hand (issue 4: "得分较低的责任户，加大巡查频次").
 */
export async function rescoreShop(deps: Deps, shop: Shop): Promise<{ score: number; grade: Shop['grade']; changed: boolean }> {
  const { db, now } = deps;
  const t = now();
  const complaints = await shopComplaintsSince(db, shop._id, new Date(t.getTime() - 91 * 86_400_000));
  // deductions from the city's own score rules (data, edited by its admin)
  const rules = await cityScoreRules(db, shop.scope.cityId);
  const { score } = scoreOf(complaints.map(asVerified).filter((x): x is VerifiedComplaint => !!x), t, rules);
  const grade = nextGrade(shop.grade, score);
  const changed = grade !== shop.grade || score !== shop.score;
  if (changed) {
    await setShopGrade(db, shop._id, score, grade, t);
  }
  await syncPatrolRule(deps, { ...shop, score, grade });
  // fallen to D: the grid's area chief owes a visit, with its deadline (a task, not a label)
  if (grade === 'D' && shop.grade !== 'D' && GRADE_PATROL.D.chiefVisit) {
    const chief = await gridAreaChief(db, shop.scope.gridId);
    const deadline = new Date(t.getTime() + rules.chiefVisitDays * 86_400_000);
    const day = new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    await createChiefVisit(deps, { targetId: shop._id, targetName: shop.name, chiefId: chief, reason: `责任户 ${shop.name} 评级降为 D（${score} 分）`, deadline, scope: { cityId: shop.scope.cityId, townId: shop.scope.townId, gridId: shop.scope.gridId }, key: day });
  }
  return { score, grade, changed };
}

/**
 * A shop is patrolled whenever the patroller passes (shops open early and close late): every check-in at its plaque
 * counts. The old 08:00–20:00 window silently dropped the 07:30 round (issue 17).
 */
const SHOP_WINDOW = { start: '00:00', end: '23:59' };

export async function syncPatrolRule(deps: Deps, shop: Shop): Promise<void> {
  const p = GRADE_PATROL[shop.grade];
  const patrollers = await userIdsWithRole(deps.db, [`patroller:grid:${shop.scope.gridId}`]);
  const chief = await gridAreaChief(deps.db, shop.scope.gridId);
  const id = `pr_shop_${shop._id}`;
  const existing = await findRuleFrequency(deps.db, id);
  if (existing && existing.per === p.per && existing.times === p.times && existing.window?.start === SHOP_WINDOW.start && existing.window?.end === SHOP_WINDOW.end) return;
  const t = deps.now();
  const rule = {
    name: `责任户 ${shop.name}（${shop.grade} 级：${p.label}）`,
    facilityIds: [shop._id],
    gridIds: [],
    per: p.per,
    times: p.times,
    window: SHOP_WINDOW,
    patrollerIds: patrollers,
    active: true,
    source: 'plaque_grade' as const,
    scope: { cityId: shop.scope.cityId, townId: shop.scope.townId, gridId: shop.scope.gridId },
    createdBy: chief ?? 'system',
  };
  const event = { id: newId('ev'), action: 'patrol.rule_from_grade', at: t, actorId: null, role: 'system', data: { grade: shop.grade, per: p.per, times: p.times } };
  await upsertSystemRule(deps.db, id, rule, event, t);
}
