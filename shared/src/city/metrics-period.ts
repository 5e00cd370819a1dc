import { invalid } from '../errors';

/** The periods a regulator's statistics can cover: this week, this month, this quarter, a custom range, or all. */
export const METRIC_PERIODS = ['week', 'month', 'quarter', 'custom', 'all'] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];

/** Trend buckets: calendar weeks (Monday first) or months, in Beijing time. */
export type TrendUnit = 'week' | 'month';

/** A resolved period: [from, to) in UTC instants, and its Beijing calendar dates for display (to inclusive). */
export type PeriodRange = { period: MetricPeriod; from: Date | null; to: Date | null; fromDate: string | null; toDate: string | null };

const OFFSET = 8 * 3_600_000; // Asia/Shanghai, no daylight saving
const DAY = 86_400_000;
/** A custom range may span at most this many days (a trend of weeks stays readable, the query bounded). */
export const MAX_CUSTOM_DAYS = 731;

const dayOf = (t: Date) => Math.floor((t.getTime() + OFFSET) / DAY);
const startOfDay = (day: number) => new Date(day * DAY - OFFSET);
const ymd = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const parts = (day: number) => {
  const d = new Date(day * DAY);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), dow: (d.getUTCDay() + 6) % 7 };
};
const monthDay = (y: number, m: number) => Math.floor(Date.UTC(y, m, 1) / DAY);

function parseDate(s: string | undefined, field: string): number {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) throw invalid(`${field}: 请选择日期（YYYY-MM-DD）`, 'invalid_period');
  const t = Date.parse(`${s}T00:00:00Z`);
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== s) throw invalid(`${field}: 日期 ${s} 不存在`, 'invalid_period');
  return Math.floor(t / DAY);
}

/**
 * The instants a period covers, counted in Beijing calendar days: the week from Monday, the month or quarter from
 * its first day, up to the end of today; a custom range from its first day to the end of its last (both inclusive).
 * @example periodRange('month', new Date('2026-12-07T03:00:00Z')) // { from: 2026-11-30T16:00Z, to: 2026-12-07T16:00Z, fromDate: '2026-12-01', toDate: '2026-12-07' }
 */
export function periodRange(period: MetricPeriod, now: Date, custom: { from?: string; to?: string } = {}): PeriodRange {
  if (period === 'all') return { period, from: null, to: null, fromDate: null, toDate: null };
  const today = dayOf(now);
  let first: number;
  let last = today;
  if (period === 'custom') {
    first = parseDate(custom.from, 'from');
    last = parseDate(custom.to, 'to');
    if (last < first) throw invalid('结束日期不能早于开始日期', 'invalid_period');
    if (last - first + 1 > MAX_CUSTOM_DAYS) throw invalid(`自定义时段最长 ${MAX_CUSTOM_DAYS} 天`, 'invalid_period');
  } else {
    const { y, m, dow } = parts(today);
    first = period === 'week' ? today - dow : period === 'month' ? monthDay(y, m) : monthDay(y, m - (m % 3));
  }
  return { period, from: startOfDay(first), to: startOfDay(last + 1), fromDate: ymd(first), toDate: ymd(last) };
}

/** A trend's default unit: weeks for up to about two months, months beyond. */
export const trendUnitFor = (r: PeriodRange): TrendUnit => (r.from && r.to && r.to.getTime() - r.from.getTime() <= 62 * DAY ? 'week' : 'month');

/** One bucket of a trend: its first day (Beijing), a short Chinese label, and its counts. */
export type TrendBucket = { key: string; label: string; from: string; filed: number; closed: number; closedOnTime: number };

/** What a trend needs of a case. */
export type TrendCase = { createdAt: Date; closedAt?: Date | null; deadline?: Date | null };

const MAX_BUCKETS = 60;

/**
 * Cases per week or month over [from, to): 立案 counted by the week/month the case was reported in, 结案 and 按期结案
 * by the one it was closed in. Every bucket of the range is listed, empty ones as zeros. Without a range
 * (period 'all') the buckets run from the first case to `now`, the last {@link MAX_BUCKETS} kept.
 * @example caseTrend([{ createdAt: new Date('2026-12-02T02:00:00Z') }], periodRange('month', now), 'week', now)
 *   // [{ key: '2026-11-30', label: '11/30', filed: 1, closed: 0, closedOnTime: 0, … }, { key: '2026-12-07', … filed: 0 }]
 */
export function caseTrend(cases: readonly TrendCase[], range: PeriodRange, unit: TrendUnit, now: Date): TrendBucket[] {
  const startDay = range.from ? dayOf(range.from) : cases.reduce((d, c) => Math.min(d, dayOf(c.createdAt)), dayOf(now));
  const endDay = range.to ? dayOf(range.to) - 1 : dayOf(now);
  const bucketOf = (day: number) => {
    const { y, m, dow } = parts(day);
    return unit === 'week' ? day - dow : monthDay(y, m);
  };
  const buckets = new Map<number, TrendBucket>();
  for (let b = bucketOf(startDay); b <= endDay; ) {
    const { y, m } = parts(b);
    const label = unit === 'week' ? `${m + 1}/${new Date(b * DAY).getUTCDate()}` : `${y}年${m + 1}月`;
    buckets.set(b, { key: ymd(b), label, from: ymd(b), filed: 0, closed: 0, closedOnTime: 0 });
    b = unit === 'week' ? b + 7 : monthDay(y, m + 1);
  }
  const within = (t: Date) => (!range.from || t >= range.from) && (!range.to || t < range.to);
  for (const c of cases) {
    if (within(c.createdAt)) {
      const b = buckets.get(bucketOf(dayOf(c.createdAt)));
      if (b) b.filed++;
    }
    if (c.closedAt && within(c.closedAt)) {
      const b = buckets.get(bucketOf(dayOf(c.closedAt)));
      if (!b) continue;
      b.closed++;
      if (c.deadline && c.closedAt.getTime() <= c.deadline.getTime()) b.closedOnTime++;
    }
  }
  return [...buckets.values()].slice(-MAX_BUCKETS);
}
