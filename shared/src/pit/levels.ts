import { reachBound } from './float-compare';
import { fieldError } from './pit.errors';
import type { Levels } from './request.schema';

export type Level = 'normal' | 'yellow' | 'orange' | 'red';

/** The rank (0..3) of each level, and the levels by rank. */
export const LEVEL_RANK: Readonly<Record<Level, number>> = { normal: 0, yellow: 1, orange: 2, red: 3 };
export const LEVELS_BY_RANK: readonly Level[] = ['normal', 'yellow', 'orange', 'red'];
/** What people read for each level (alarms, messages, reports, pages). */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = { normal: '正常', yellow: '黄色预警', orange: '橙色预警', red: '红色报警' };

/**
 * The worse of two levels.
 *
 * @example
 *   worseLevel('yellow', 'red') // 'red'
 */
export const worseLevel = (a: Level, b: Level): Level => (LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b);

/**
 * Checks yellow ≤ orange ≤ red (fractions of the control value) and returns the level of a ratio
 * |value| / control with inclusive, float-robust boundaries.
 *
 * @example
 *   const levelOf = levelJudge({ yellow: 0.7, orange: 0.85, red: 1 });
 *   levelOf(2.1 / 3.0) // 'yellow'
 */
export const levelJudge = (levels: Levels, field = 'levels'): ((ratio: number) => Level) => {
  if (levels.orange < levels.yellow) throw fieldError(`${field}.orange`, `must be ≥ ${field}.yellow (${levels.yellow})`);
  if (levels.red < levels.orange) throw fieldError(`${field}.red`, `must be ≥ ${field}.orange (${levels.orange})`);
  const y = reachBound(levels.yellow);
  const o = reachBound(levels.orange);
  const r = reachBound(levels.red);
  return (ratio: number): Level => (ratio >= r ? 'red' : ratio >= o ? 'orange' : ratio >= y ? 'yellow' : 'normal');
};
