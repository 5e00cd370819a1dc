import type { Actor } from '@cityloop/shared/identity/roles';
import { scopeFilter } from '@cityloop/shared/policy/can';
import { caseMetrics, METRIC_DEFINITIONS, type CaseSummary } from '@cityloop/shared/city/metrics';
import { caseTrend, periodRange, trendUnitFor } from '@cityloop/shared/city/metrics-period';
import { DEFAULT_WORKING_CALENDAR } from '@cityloop/shared/city/working-calendar';
import type { MetricsQuery, MetricsResult } from '@cityloop/shared/city/case.contract';
import type { Deps } from '../../platform/deps';
import { cityCalendar } from '../cityconfig/public';
import { listCasesForMetrics, loadNames, metricGroupsInScope } from '../cases/public';

type Query = Required<Pick<MetricsQuery, 'by' | 'period'>> & Omit<MetricsQuery, 'by' | 'period'>;

/**
 * The numbers one statistics page shows (and its spreadsheet holds): the five published rates per group over the
 * cases reported in the period, every group the caller covers (zeros included), and the trend per week or month.
 */
export async function metricsReport(deps: Deps, actor: NonNullable<Actor>, q: Query): Promise<MetricsResult> {
  const range = periodRange(q.period, deps.now(), { from: q.from, to: q.to });
  const unit = q.trend ?? trendUnitFor(range);
  const periodView = { period: range.period, from: range.fromDate, to: range.toDate };
  const filter = scopeFilter(actor, 'case.metrics');
  if (!filter) return { by: q.by, period: periodView, trend: { unit, buckets: caseTrend([], range, unit, deps.now()) }, rows: [], definitions: METRIC_DEFINITIONS };
  const rows = await listCasesForMetrics(deps.db, filter, range.from && range.to ? { from: range.from, to: range.to } : undefined);
  const summaries: CaseSummary[] = rows.map((x) => ({
    state: x.state,
    kind: x.kind,
    classCode: x.classCode,
    townId: x.scope.townId ?? '',
    gridId: x.scope.gridId ?? '',
    unitId: x.scope.orgIds?.[0] ?? '',
    dispatchedAt: x.dispatchedAt ?? null,
    deadline: x.deadline ?? null,
    closedAt: x.closedAt ?? null,
    reworkCount: x.reworkCount,
    deferred: x.state === 'deferred',
    rating: x.rating,
  }));
  // working hours on the city's calendar (the rows of one city; several cities are counted on the plain week)
  const cities = [...new Set(rows.map((x) => x.scope.cityId))];
  const calendar = cities.length === 1 ? await cityCalendar(deps.db, cities[0]) : DEFAULT_WORKING_CALENDAR;
  const metrics = caseMetrics(summaries, q.by, calendar, await metricGroupsInScope(deps.db, actor, q.by));
  // each row's name: 南城街道 for `nancheng`, the grid's and the unit's names (classes are named by the app)
  const keys = metrics.map((m) => m.key);
  const names = await loadNames(deps.db, q.by === 'town' || q.by === 'grid' ? { regions: keys } : q.by === 'unit' ? { orgs: keys } : {});
  const nameOf = (key: string | null) => (q.by === 'town' || q.by === 'grid' ? names.region(key) : q.by === 'unit' ? names.org(key) : null);
  return {
    by: q.by,
    period: periodView,
    trend: { unit, buckets: caseTrend(rows.map((x) => ({ createdAt: x.createdAt, closedAt: x.closedAt, deadline: x.deadline })), range, unit, deps.now()) },
    rows: metrics.map((m) => ({ ...m, name: nameOf(m.key) })),
    definitions: METRIC_DEFINITIONS,
  };
}
