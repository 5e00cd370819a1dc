import { nextGrade, scoreOf, GRADE_PATROL, type VerifiedComplaint } from '@cityloop/shared/plaques/score';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { gridAreaChief, userIdsWithRole } from '../cases/public';
import { findRuleFrequency, upsertSystemRule } from '../patrol/public';
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
 * Recomputes a shop's score and grade (with hysteresis), records the history, and sets the shop's patrol
 * frequency through a system-owned patrol rule — nobody edits a rule by hand (issue 4: "得分较低的责任户，加大巡查频次").
 */
export async function rescoreShop(deps: Deps, shop: Shop): Promise<{ score: number; grade: Shop['grade']; changed: boolean }> {
  const { db, now } = deps;
  const t = now();
  const complaints = await shopComplaintsSince(db, shop._id, new Date(t.getTime() - 91 * 86_400_000));
  const { score } = scoreOf(complaints.map(asVerified).filter((x): x is VerifiedComplaint => !!x), t);
  const grade = nextGrade(shop.grade, score);
  const changed = grade !== shop.grade || score !== shop.score;
  if (changed) {
    await setShopGrade(db, shop._id, score, grade, t);
  }
  await syncPatrolRule(deps, { ...shop, score, grade });
  return { score, grade, changed };
}

export async function syncPatrolRule(deps: Deps, shop: Shop): Promise<void> {
  const p = GRADE_PATROL[shop.grade];
  const patrollers = await userIdsWithRole(deps.db, [`patroller:grid:${shop.scope.gridId}`]);
  const chief = await gridAreaChief(deps.db, shop.scope.gridId);
  const id = `pr_shop_${shop._id}`;
  const existing = await findRuleFrequency(deps.db, id);
  if (existing && existing.per === p.per && existing.times === p.times) return;
  const t = deps.now();
  const rule = {
    name: `责任户 ${shop.name}（${shop.grade} 级：${p.label}）`,
    facilityIds: [shop._id],
    gridIds: [],
    per: p.per,
    times: p.times,
    window: { start: '08:00', end: '20:00' },
    patrollerIds: patrollers,
    active: true,
    source: 'plaque_grade' as const,
    scope: { cityId: shop.scope.cityId, townId: shop.scope.townId, gridId: shop.scope.gridId },
    createdBy: chief ?? 'system',
  };
  const event = { id: newId('ev'), action: 'patrol.rule_from_grade', at: t, actorId: null, role: 'system', data: { grade: shop.grade, per: p.per, times: p.times } };
  await upsertSystemRule(deps.db, id, rule, event, t);
}
