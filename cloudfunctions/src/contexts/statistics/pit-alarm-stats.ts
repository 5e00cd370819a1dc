import type { Actor } from '@cityloop/shared/identity/roles';
import { scopeFilter } from '@cityloop/shared/policy/can';
import { caseTrend, periodRange, trendUnitFor, type MetricPeriod, type TrendUnit } from '@cityloop/shared/city/metrics-period';
import type { PitAlarmStats, PitAlarmStatsRow } from '@cityloop/shared/pit/alarm-stats.contract';
import type { Deps } from '../../platform/deps';
import { loadNames } from '../cases/public';
import { listAlarms, listProjects } from '../pit/public';

const MAX_ALARMS = 20_000;

/**
 * 基坑报警统计 for regulators: alarms about the pit (threshold and danger; not suspect data) raised in the period, per
 * project of the caller's area with their levels and how many are archived, and the trend per week or month.
 */
export async function pitAlarmStats(deps: Deps, actor: NonNullable<Actor>, q: { period: MetricPeriod; from?: string; to?: string; trend?: TrendUnit }): Promise<PitAlarmStats | null> {
  const range = periodRange(q.period, deps.now(), { from: q.from, to: q.to });
  const unit = q.trend ?? trendUnitFor(range);
  // one permission for both: the projects and the alarms of the regulator's area carry the same scope
  const filter = scopeFilter(actor, 'pit.stats');
  if (!filter) return null;
  const [projects, alarms] = await Promise.all([
    listProjects(deps.db, filter),
    listAlarms(deps.db, { $and: [filter, { kind: { $ne: 'suspect_data' } }, range.from && range.to ? { createdAt: { $gte: range.from, $lt: range.to } } : {}] }, MAX_ALARMS),
  ]);
  const rows = new Map<string, PitAlarmStatsRow>();
  const names = await loadNames(deps.db, { regions: projects.map((p) => p.scope.townId) });
  const row = (id: string, name: string, townId?: string | null) => {
    if (!rows.has(id)) rows.set(id, { projectId: id, projectName: name, townName: names.region(townId), raised: 0, yellow: 0, orange: 0, red: 0, archived: 0, open: 0 });
    return rows.get(id)!;
  };
  for (const p of projects) row(p._id, p.name, p.scope.townId);
  for (const a of alarms) {
    const r = row(a.projectId, a.projectName, a.scope.townId);
    r.raised++;
    if (a.level === 'yellow' || a.level === 'orange' || a.level === 'red') r[a.level]++;
    if (a.status === 'archived') r.archived++;
    else r.open++;
  }
  return {
    period: { period: range.period, from: range.fromDate, to: range.toDate },
    trend: { unit, buckets: caseTrend(alarms.map((a) => ({ createdAt: a.createdAt, closedAt: a.status === 'archived' ? a.updatedAt : null })), range, unit, deps.now()) },
    // the projects with the most red, then orange alarms first
    rows: [...rows.values()].sort((a, b) => b.red - a.red || b.orange - a.orange || b.raised - a.raised || a.projectName.localeCompare(b.projectName, 'zh')),
  };
}

/** The same as a workbook (SheetJS loaded on first use). */
export async function pitAlarmWorkbook(s: PitAlarmStats): Promise<Buffer> {
  const sheetjs = await import('@e965/xlsx');
  const XLSX = 'utils' in sheetjs && sheetjs.utils ? sheetjs : (sheetjs as unknown as { default: typeof sheetjs }).default;
  const rows = [
    ['统计时段', s.period.from ? `${s.period.from} 至 ${s.period.to}` : '全部'],
    [],
    ['项目', '街道（镇）', '报警数', '黄色', '橙色', '红色', '已销警', '未闭合'],
    ...s.rows.map((r) => [r.projectName, r.townName ?? '', r.raised, r.yellow, r.orange, r.red, r.archived, r.open]),
  ];
  const trend = [[s.trend.unit === 'week' ? '周（起始日）' : '月份', '报警数', '销警数'], ...s.trend.buckets.map((b) => [s.trend.unit === 'week' ? b.from : b.label, b.filed, b.closed])];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '基坑报警统计');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(trend), '趋势');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
