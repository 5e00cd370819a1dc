import type { MetricsResult } from '@cityloop/shared/city/case.contract';
import { CLASS_KIND_LABELS, findClass } from '@cityloop/shared/city/classes';

const GROUP_LABELS: Record<string, string> = { town: '街道（镇）', grid: '网格', unit: '责任单位', class: '问题小类', all: '全部' };
const PERIOD_LABELS: Record<string, string> = { week: '本周', month: '本月', quarter: '本季度', custom: '自定义', all: '全部' };

const pct = (v: number | null) => (v === null ? '—' : Math.round(v * 1000) / 10);
const hours = (v: number | null) => (v === null ? '—' : Math.round(v * 10) / 10);

/** A row's name as the page shows it: the town's, grid's or unit's name; a class as 部件·上水井盖. */
function rowName(by: string, key: string | null, name: string | null | undefined): string {
  if (!key) return '未归属';
  if (name) return name;
  if (by === 'class') {
    const [kind, code] = key.split(':');
    const c = kind === 'component' || kind === 'event' ? findClass(kind, code) : undefined;
    if (c) return `${CLASS_KIND_LABELS[c.kind]}·${c.name}`;
  }
  return by === 'all' ? '全部' : key;
}

/**
 * The statistics page as a spreadsheet: the groups with their counts and rates, the trend, and the formulas.
 * SheetJS is loaded here only, when a regulator exports (lazy package: never at a cold start).
 */
export async function metricsWorkbook(r: MetricsResult): Promise<Buffer> {
  const sheetjs = await import('@e965/xlsx');
  const XLSX = 'utils' in sheetjs && sheetjs.utils ? sheetjs : (sheetjs as unknown as { default: typeof sheetjs }).default;
  const period = r.period.from ? `${PERIOD_LABELS[r.period.period]}（${r.period.from} 至 ${r.period.to}）` : '全部';
  const groups = [
    ['统计时段', period],
    ['分组', GROUP_LABELS[r.by] ?? r.by],
    [],
    [GROUP_LABELS[r.by] ?? '分组', '立案数', '应结案数', '结案数', '按期结案数', '缓办数', '返工数', '评价数', '结案率（%）', '按期结案率（%）', '返工率（%）', '平均处置时长（工作小时）', '满意率（%）'],
    ...r.rows.map((m) => [
      rowName(r.by, m.key, m.name),
      m.counts.filed ?? 0,
      m.counts.due ?? 0,
      m.counts.closed ?? 0,
      m.counts.closedOnTime ?? 0,
      m.counts.deferred ?? 0,
      m.counts.reworked ?? 0,
      m.counts.rated ?? 0,
      pct(m.closeRate),
      pct(m.onTimeCloseRate),
      pct(m.reworkRate),
      hours(m.avgHandlingHours),
      pct(m.satisfactionRate),
    ]),
  ];
  const trend = [[r.trend.unit === 'week' ? '周（起始日）' : '月份', '上报立案数', '结案数', '按期结案数'], ...r.trend.buckets.map((b) => [r.trend.unit === 'week' ? b.from : b.label, b.filed, b.closed, b.closedOnTime])];
  const formulas = [['指标', '口径'], ...Object.entries(r.definitions).map(([k, d]) => [k, d.zh])];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(groups), '办理统计');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(trend), '趋势');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(formulas), '指标口径');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

/** The file name a download gets: 办理统计-按街道-2026-12-01至2026-12-07.xlsx (ASCII fallback for old clients). */
export function metricsFileName(r: MetricsResult): { utf8: string; ascii: string } {
  const span = r.period.from ? `${r.period.from}至${r.period.to}` : '全部';
  return { utf8: `办理统计-按${(GROUP_LABELS[r.by] ?? r.by).replace(/（.*）/, '')}-${span}.xlsx`, ascii: `case-metrics-${r.by}-${r.period.from ?? 'all'}.xlsx` };
}
