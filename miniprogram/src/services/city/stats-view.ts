/**
 * The regulators' statistics on the page: the period chips, the query a period makes, the trend as bars and
 * the shops' grade labels. Pure (no Taro), tested in stats-view.test.ts.
 */
import type { MetricsBy, MetricsResult } from './api';

export type StatsPeriod = 'week' | 'month' | 'quarter' | 'custom';

/** The period chips, in the order shown; 本月 is the default. */
export const STATS_PERIODS: { period: StatsPeriod; label: string }[] = [
  { period: 'week', label: '本周' },
  { period: 'month', label: '本月' },
  { period: 'quarter', label: '本季度' },
  { period: 'custom', label: '自定义' },
];

export type PeriodChoice = { period: StatsPeriod; from?: string; to?: string };

/** `by=town&period=custom&from=…&to=…` for /api/cases-metrics and its export. */
export function metricsQueryString(by: MetricsBy, p: PeriodChoice): string {
  return `by=${encodeURIComponent(by)}&${periodQueryString(p)}`;
}

/** `period=custom&from=…&to=…` (the pit alarm statistics take the period only). */
export function periodQueryString(p: PeriodChoice): string {
  const q = `period=${p.period}`;
  return p.period === 'custom' ? `${q}&from=${encodeURIComponent(p.from ?? '')}&to=${encodeURIComponent(p.to ?? '')}` : q;
}

/** Whether a custom range can be asked for: both days chosen, the end not before the start (else the reason). */
export function customRangeProblem(p: PeriodChoice): string | null {
  if (p.period !== 'custom') return null;
  if (!p.from || !p.to) return '请选择开始和结束日期';
  return p.to < p.from ? '结束日期不能早于开始日期' : null;
}

/** `2026-12-01 至 2026-12-09`, or 全部时间. */
export const periodText = (r: Pick<MetricsResult, 'period'>): string => (r.period.from ? `${r.period.from} 至 ${r.period.to}` : '全部时间');

export type TrendBar = { key: string; label: string; filed: number; closed: number; filedPct: number; closedPct: number };

/**
 * The trend as bars: each bucket's reported and closed counts as a share (0–100) of the largest count, so the
 * tallest bar fills the chart; an all-zero period gives flat bars, not a division by zero.
 * @example trendBars({ unit: 'week', buckets: [{ key: 'a', label: '12/7', from: '2026-12-07', filed: 4, closed: 2, closedOnTime: 1 }] })[0].closedPct // 50
 */
export function trendBars(trend: MetricsResult['trend']): TrendBar[] {
  const max = Math.max(1, ...trend.buckets.flatMap((b) => [b.filed, b.closed]));
  return trend.buckets.map((b) => ({ key: b.key, label: b.label, filed: b.filed, closed: b.closed, filedPct: Math.round((b.filed / max) * 100), closedPct: Math.round((b.closed / max) * 100) }));
}

/** The export's file name as the user sees it: 办理统计-按镇街-2026-12-01至2026-12-09.xlsx. */
export function exportFileName(byLabel: string, r: Pick<MetricsResult, 'period'>): string {
  return `办理统计-${byLabel}-${r.period.from ? `${r.period.from}至${r.period.to}` : '全部'}.xlsx`;
}

/** 责任户 grades as regulators read them (docs: A 优秀 … D 差). */
export const GRADE_LABELS: Record<'A' | 'B' | 'C' | 'D', string> = { A: 'A 级', B: 'B 级', C: 'C 级', D: 'D 级' };
export const GRADES = ['A', 'B', 'C', 'D'] as const;

// 督办 ------------------------------------------------------------------------------------------------------

/** The 督办 deadline choices: the end of the working day (18:00 Beijing) so many days from today. */
export const SUPERVISE_DUE_CHOICES: { days: number; label: string }[] = [
  { days: 1, label: '明天' },
  { days: 3, label: '3 天内' },
  { days: 7, label: '7 天内' },
];

/** 18:00 Beijing on the day `days` after `now`'s day, as an ISO instant with its offset. */
export function superviseDueAt(now: Date, days: number): string {
  const day = new Date(now.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T18:00:00+08:00`;
}

/** 18:00 Beijing on a chosen day (`YYYY-MM-DD`). */
export const superviseDueOn = (date: string): string => `${date}T18:00:00+08:00`;

/** What a 督办 form lacks, or null. */
export function superviseProblem(note: string, dueAt: string | null, now: Date): string | null {
  if (!note.trim()) return '请填写督办意见';
  if (!dueAt) return '请选择督办时限';
  return Date.parse(dueAt) <= now.getTime() ? '督办时限应晚于当前时间' : null;
}
