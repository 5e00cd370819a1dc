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
 * reads as tens of mm/d (pit.md gives rates per day; automatic stations post hourly). Decision recorded in
 * the README; the consecutive count carries over unchanged across such epochs.
 */
export const MIN_RATE_JUDGE_DAYS = 0.5;

/**
 * Judges one point's cumulative value and rate (pit.md §1.6 platform rule): ratio = |value| / control,
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
