import type { CaseRating, CaseState } from './case.types';
import { classKey, type ClassKind } from './classes';
import { DEFAULT_WORKING_CALENDAR, workingHoursBetween, type WorkingCalendar } from './working-calendar';

/** What metrics need of one case (a projection of the case document). */
export type CaseSummary = {
  state: CaseState;
  /** needed because component 0101 and event 0101 are different classes */
  kind: ClassKind;
  classCode: string;
  townId: string | null;
  gridId: string | null;
  unitId: string | null;
  dispatchedAt: Date | null;
  /** the current 处置时限 deadline, extensions included */
  deadline: Date | null;
  closedAt?: Date | null;
  /** failed 核查 so far */
  reworkCount: number;
  /** 缓办 at any point (also true while state is `deferred`) */
  deferred: boolean;
  rating?: CaseRating | null;
};

/** How to group: per town, grid, unit, class, or one total row keyed 'all'. */
export type MetricsGroupBy = 'town' | 'grid' | 'unit' | 'class' | 'all';

/** One group's counts and rates. @example { key: 'nc', closeRate: 0.9372, … } */
export type CaseMetrics = {
  /** townId, gridId, unitId, `kind:classCode`, or 'all'; null = cases without one */
  key: string | null;
  counts: {
    filed: number;
    deferred: number;
    due: number;
    closed: number;
    closedOnTime: number;
    handled: number;
    reworked: number;
    rated: number;
    satisfied: number;
  };
  /** fractions 0…1; null when the denominator is 0 */
  closeRate: number | null;
  onTimeCloseRate: number | null;
  reworkRate: number | null;
  avgHandlingHours: number | null;
  satisfactionRate: number | null;
};

/**
 * The published formulas (docs/domain/city.md §5), quoted by the README. Counts are over the cases in the period.
 * 立案数 = cases past 受理 that were not rejected; 应结案数 = 立案数 − 缓办数.
 */
export const METRIC_DEFINITIONS = {
  closeRate: {
    zh: '结案率 = 结案数 ÷ 应结案数；应结案数 = 立案数 − 缓办数（挂账案件仍计入）',
    en: 'Close rate = closed cases ÷ cases due; cases due = filed (accepted) cases minus deferred (缓办) ones; parked (挂账) cases stay in',
  },
  onTimeCloseRate: {
    zh: '按期结案率 = 按期结案数 ÷ 应结案数；按期 = 结案时间不晚于（含延期后的）处置时限',
    en: 'On-time close rate = cases closed on or before their deadline (extensions included) ÷ cases due',
  },
  reworkRate: {
    zh: '返工率 = 至少一次核查不通过的案件数 ÷ 已反馈过的案件数',
    en: 'Rework rate = cases with at least one failed verification ÷ cases the unit reported as handled at least once',
  },
  avgHandlingHours: {
    zh: '平均处置时长 = 已结案案件从派遣到结案的工作小时数的平均值（按工作日历，不含午休、周末、节假日）',
    en: 'Average handling time = mean working hours from dispatch to close over closed cases (working calendar: no lunch break, weekends or holidays)',
  },
  satisfactionRate: {
    zh: '满意率 = （满意 + 基本满意）÷ 有效评价数',
    en: 'Satisfaction = (satisfied + basically satisfied) ÷ rated cases',
  },
} as const;

const keyOf = (c: CaseSummary, by: MetricsGroupBy): string | null => {
  switch (by) {
    case 'town':
      return c.townId;
    case 'grid':
      return c.gridId;
    case 'unit':
      return c.unitId;
    case 'class':
      return classKey(c.kind, c.classCode);
    case 'all':
      return 'all';
  }
};

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/**
 * 结案率, 按期结案率, 返工率, 平均处置时长 and 满意率 per town, grid, unit or class (see
 * METRIC_DEFINITIONS). Groups are sorted by key, cases without a key last; `allKeys` adds groups with no case (zeros).
 * @example caseMetrics(summaries, 'unit', calendar)[0] // { key: 'unit-a', closeRate: 0.75, onTimeCloseRate: 0.5, … }
 */
export function caseMetrics(cases: readonly CaseSummary[], by: MetricsGroupBy, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR, allKeys: readonly string[] = []): CaseMetrics[] {
  const groups = new Map<string | null, { counts: CaseMetrics['counts']; hours: number; timed: number }>();
  // groups the caller covers but no case falls in: shown with zero counts (rates null), not left out
  for (const key of allKeys) groups.set(key, { counts: { filed: 0, deferred: 0, due: 0, closed: 0, closedOnTime: 0, handled: 0, reworked: 0, rated: 0, satisfied: 0 }, hours: 0, timed: 0 });
  for (const c of cases) {
    const key = keyOf(c, by);
    let g = groups.get(key);
    if (!g) {
      g = { counts: { filed: 0, deferred: 0, due: 0, closed: 0, closedOnTime: 0, handled: 0, reworked: 0, rated: 0, satisfied: 0 }, hours: 0, timed: 0 };
      groups.set(key, g);
    }
    const n = g.counts;
    if (c.rating) {
      n.rated++;
      if (c.rating === 'satisfied' || c.rating === 'basically_satisfied') n.satisfied++;
    }
    if (c.state === 'received' || c.state === 'rejected' || c.state === 'withdrawn') continue;
    n.filed++;
    if (c.state === 'handled' || c.state === 'closed' || c.reworkCount > 0) n.handled++;
    if (c.reworkCount > 0) n.reworked++;
    if (c.deferred || c.state === 'deferred') {
      n.deferred++;
      continue;
    }
    n.due++;
    if (c.state !== 'closed') continue;
    n.closed++;
    if (c.closedAt && c.deadline && c.closedAt.getTime() <= c.deadline.getTime()) n.closedOnTime++;
    if (c.closedAt && c.dispatchedAt) {
      g.hours += workingHoursBetween(c.dispatchedAt, c.closedAt, calendar);
      g.timed++;
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([key, { counts, hours, timed }]) => ({
      key,
      counts,
      closeRate: ratio(counts.closed, counts.due),
      onTimeCloseRate: ratio(counts.closedOnTime, counts.due),
      reworkRate: ratio(counts.reworked, counts.handled),
      avgHandlingHours: ratio(hours, timed),
      satisfactionRate: ratio(counts.satisfied, counts.rated),
    }));
}
