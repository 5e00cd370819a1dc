import { exceedBound, reachBound } from '../float-compare';
import { worseLevel, type Level } from '../levels';

export type Levels = { yellow: number; orange: number; red: number };
export type ConsecutiveRule = { n: number; fraction: number };
export type PointControl = { cumulative: number; rate: number | null };
export type Previous = { value: number; timeMs: number; consecutive: number };

/** One point's judged result in one epoch (stored inside the upload document). */
export type PointResult = {
  point: string;
  item: string;
  value: number;
  change: number | null;
  intervalDays: number | null;
  rate: number | null;
  control: number;
  rateControl: number | null;
  ratio: number;
  rateRatio: number | null;
  level: Level;
  rateLevel: Level;
  consecutive: number;
  consecutiveTriggered: boolean;
  finalLevel: Level;
};

const DAY = 86_400_000;
/**
 * Rates over less than half a day are reported but not judged: a few hours' noise divided by a small Δt
 * reads as tens of mm/d (docs/domain/pit.md gives rates per day; automatic stations post hourly). Decision recorded in
 * the README (Decisions: "Rates over less than half a day"); the consecutive count carries over unchanged
 * across such epochs. Everything that shows such a rate says 未判定 via `rateVerdict`, never a level.
 */
export const MIN_RATE_JUDGE_DAYS = 0.5;

/** Why a rate has no level: no previous epoch (no rate), no rate control, or an interval under MIN_RATE_JUDGE_DAYS. */
export type RateNotJudged = 'no_previous' | 'no_rate_control' | 'interval_too_short';
export type RateVerdict =
  | { rateJudged: true; rateLevel: Level; rateNotJudged: null; rateNote: null }
  | { rateJudged: false; rateLevel: null; rateNotJudged: RateNotJudged; rateNote: string };

const hours = (days: number) => {
  const m = Math.round(days * 1440);
  return m < 60 ? `${Math.max(1, m)} 分钟` : `${Number((m / 60).toFixed(1))} 小时`;
};

/**
 * Whether a result's rate was judged, and if not why, in words a person reads (`rateNote`). Derived from
 * the stored fields (a judged rate has a `rateRatio`), so results stored before this existed answer too.
 *
 * @example
 *   rateVerdict({ rate: 3672000, rateControl: 2, rateRatio: null, intervalDays: 1 / 86400 })
 *   // { rateJudged: false, rateLevel: null, rateNotJudged: 'interval_too_short', rateNote: '未判定：距上次观测 1 分钟，间隔不足半天' }
 */
/** Why a shown rate was not judged, in a few words (the one wording for SMS, pages and reports). */
export const RATE_NOT_JUDGED_REASONS: Record<Exclude<RateNotJudged, 'no_previous'>, string> = {
  interval_too_short: '间隔不足半天',
  no_rate_control: '未设速率控制值',
};

/** `未判定（间隔不足半天）`: a rate that was shown but not judged, with why — short enough for an SMS parameter. */
export function rateUnjudgedText(v: Pick<RateVerdict, 'rateNotJudged'>): string {
  const why = v.rateNotJudged && v.rateNotJudged !== 'no_previous' ? RATE_NOT_JUDGED_REASONS[v.rateNotJudged] : null;
  return why ? `未判定（${why}）` : '未判定';
}

export function rateVerdict(r: { rate?: number | null; rateControl?: number | null; rateRatio?: number | null; rateLevel?: Level; intervalDays?: number | null }): RateVerdict {
  if (r.rate !== null && r.rate !== undefined && r.rateRatio !== null && r.rateRatio !== undefined) return { rateJudged: true, rateLevel: r.rateLevel ?? 'normal', rateNotJudged: null, rateNote: null };
  if (r.rate === null || r.rate === undefined) return { rateJudged: false, rateLevel: null, rateNotJudged: 'no_previous', rateNote: '无速率：首期观测，没有上次观测可比' };
  if (!r.rateControl) return { rateJudged: false, rateLevel: null, rateNotJudged: 'no_rate_control', rateNote: `未判定：该测点${RATE_NOT_JUDGED_REASONS.no_rate_control}` };
  const when = r.intervalDays !== null && r.intervalDays !== undefined ? `距上次观测 ${hours(r.intervalDays)}，` : '';
  return { rateJudged: false, rateLevel: null, rateNotJudged: 'interval_too_short', rateNote: `未判定：${when}${RATE_NOT_JUDGED_REASONS.interval_too_short}` };
}

/**
 * Judges one point's cumulative value and rate (docs/domain/pit.md §1.6 platform rule): ratio = |value| / control,
 * inclusive boundaries robust to binary floats; rate against the rate control; the consecutive rule counts
 * epochs strictly above `fraction` of the rate control, carried from the previous epoch, and fires red.
 *
 * @example
 *   judgePoint('ZQS1', 'wallTopVertical', -8.6, t, { cumulative: 10, rate: 2 }, null, { yellow: .7, orange: .85, red: 1 }, { n: 3, fraction: .7 })
 *   // level 'orange' (86 %)
 */
export function judgePoint(
  point: string,
  item: string,
  value: number,
  timeMs: number,
  control: PointControl,
  prev: Previous | null,
  levels: Levels,
  consecutiveRule: ConsecutiveRule | null,
): PointResult {
  const y = reachBound(levels.yellow);
  const o = reachBound(levels.orange);
  const r = reachBound(levels.red);
  const levelOf = (ratio: number): Level => (ratio >= r ? 'red' : ratio >= o ? 'orange' : ratio >= y ? 'yellow' : 'normal');
  const ratio = Math.abs(value) / control.cumulative;
  const level = levelOf(ratio);
  let change: number | null = null;
  let intervalDays: number | null = null;
  let rate: number | null = null;
  let rateRatio: number | null = null;
  let rateLevel: Level = 'normal';
  let consecutive = 0;
  let triggered = false;
  if (prev && timeMs > prev.timeMs) {
    change = value - prev.value;
    intervalDays = (timeMs - prev.timeMs) / DAY;
    rate = change / intervalDays;
    if (control.rate && intervalDays < MIN_RATE_JUDGE_DAYS) {
      consecutive = prev.consecutive;
    } else if (control.rate) {
      rateRatio = Math.abs(rate) / control.rate;
      rateLevel = levelOf(rateRatio);
      if (consecutiveRule && rateRatio > exceedBound(consecutiveRule.fraction)) {
        consecutive = prev.consecutive + 1;
        triggered = consecutive >= consecutiveRule.n;
      }
    }
  }
  const finalLevel = worseLevel(worseLevel(level, rateLevel), triggered ? 'red' : 'normal');
  return { point, item, value, change, intervalDays, rate, control: control.cumulative, rateControl: control.rate, ratio, rateRatio, level, rateLevel, consecutive, consecutiveTriggered: triggered, finalLevel };
}
