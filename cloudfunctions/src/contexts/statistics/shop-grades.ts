import type { Actor } from '@cityloop/shared/identity/roles';
import { scopeFilter } from '@cityloop/shared/policy/can';
import type { Grade } from '@cityloop/shared/plaques/score';
import type { GradeCounts, ShopOverview } from '@cityloop/shared/plaques/shop-overview.contract';
import type { Deps } from '../../platform/deps';
import { loadNames, metricGroupsInScope } from '../cases/public';
import { listShopsForOverview } from '../plaques/public';

const RANK: Record<Grade, number> = { A: 0, B: 1, C: 2, D: 3 };
const WORST = 20;
const zero = (): GradeCounts => ({ A: 0, B: 0, C: 0, D: 0 });

/** Shops by grade and town for a regulator's area (null when the caller oversees no shops). */
export async function shopGrades(deps: Deps, actor: NonNullable<Actor>, townId?: string): Promise<ShopOverview | null> {
  const filter = scopeFilter(actor, 'shop.overview');
  if (!filter) return null;
  const shops = await listShopsForOverview(deps.db, townId ? { $and: [filter, { 'scope.townId': townId }] } : filter);
  const grades = zero();
  const towns = new Map<string, GradeCounts>();
  // every town the caller oversees is listed, with zeros when it has no shop yet
  for (const t of townId ? [townId] : await metricGroupsInScope(deps.db, actor, 'town')) towns.set(t, zero());
  for (const s of shops) {
    grades[s.grade]++;
    const t = s.scope.townId ?? '';
    if (!towns.has(t)) towns.set(t, zero());
    towns.get(t)![s.grade]++;
  }
  const worst = [...shops].sort((a, b) => RANK[b.grade] - RANK[a.grade] || a.score - b.score || a.name.localeCompare(b.name, 'zh')).slice(0, WORST);
  const names = await loadNames(deps.db, { regions: [...towns.keys(), ...worst.flatMap((s) => [s.scope.townId, s.scope.gridId])] });
  return {
    total: shops.length,
    grades,
    towns: [...towns.entries()]
      .map(([id, g]) => ({ townId: id, townName: names.region(id) ?? '未归属街道', total: g.A + g.B + g.C + g.D, grades: g }))
      // the towns with the most shops in the lowest grades first
      .sort((a, b) => b.grades.D - a.grades.D || b.grades.C - a.grades.C || b.total - a.total || a.townName.localeCompare(b.townName, 'zh')),
    worst: worst.map((s) => ({ id: s._id, name: s.name, address: s.address, score: s.score, grade: s.grade, townName: names.region(s.scope.townId), gridName: names.region(s.scope.gridId) })),
  };
}
