import { nextGrade, scoreOf, GRADE_PATROL, type VerifiedComplaint } from '@cityloop/shared/plaques/score';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { PATROL_RULES, type PatrolRuleDoc } from '../patrol/patrol.collections';
import { PLAQUE_COMPLAINTS, SHOPS, type PlaqueComplaint, type Shop } from './plaque.collections';

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
  const complaints = await db.collection<PlaqueComplaint>(PLAQUE_COMPLAINTS).find({ shopId: shop._id, createdAt: { $gt: new Date(t.getTime() - 91 * 86_400_000) } }, { projection: { history: 0, outbox: 0, pendingAudit: 0 } }).toArray();
  const { score } = scoreOf(complaints.map(asVerified).filter((x): x is VerifiedComplaint => !!x), t);
  const grade = nextGrade(shop.grade, score);
  const changed = grade !== shop.grade || score !== shop.score;
  if (changed) {
    await db.collection<Shop>(SHOPS).updateOne({ _id: shop._id }, { $set: { score, grade }, $push: { gradeHistory: { at: t, score, grade } } });
  }
  await syncPatrolRule(deps, { ...shop, score, grade });
  return { score, grade, changed };
}

export async function syncPatrolRule(deps: Deps, shop: Shop): Promise<void> {
  const p = GRADE_PATROL[shop.grade];
  const patrollers = await deps.db.collection('users').find({ roleKeys: `patroller:grid:${shop.scope.gridId}` }, { projection: { _id: 1 } }).toArray();
  const chief = await deps.db.collection<{ _id: string; areaChiefId?: string }>('regions').findOne({ _id: shop.scope.gridId ?? '' });
  const id = `pr_shop_${shop._id}`;
  const existing = await deps.db.collection<PatrolRuleDoc>(PATROL_RULES).findOne({ _id: id }, { projection: { per: 1, times: 1 } });
  if (existing && existing.per === p.per && existing.times === p.times) return;
  const t = deps.now();
  const rule = {
    name: `责任户 ${shop.name}（${shop.grade} 级：${p.label}）`,
    facilityIds: [shop._id],
    gridIds: [],
    per: p.per,
    times: p.times,
    window: { start: '08:00', end: '20:00' },
    patrollerIds: patrollers.map((u) => String(u._id)),
    active: true,
    source: 'plaque_grade' as const,
    scope: { cityId: shop.scope.cityId, townId: shop.scope.townId, gridId: shop.scope.gridId },
    createdBy: chief?.areaChiefId ?? 'system',
  };
  const event = { id: newId('ev'), action: 'patrol.rule_from_grade', at: t, actorId: null, role: 'system', data: { grade: shop.grade, per: p.per, times: p.times } };
  await deps.db.collection<PatrolRuleDoc>(PATROL_RULES).updateOne(
    { _id: id },
    { $set: rule, $push: { history: event }, $setOnInsert: { version: 1, outbox: [], pendingAudit: [], hasPending: false, createdAt: t } },
    { upsert: true },
  );
}
