import { LEVEL_RANK, type Level } from '../levels';

type TrailEvent = { action: string; at: Date | string; data?: unknown };

/**
 * When an alarm's level was last raised (e.g. 橙色 → 红色 by a later exceedance), from its trail: the raise
 * event sets the first level, every later event carrying a worse `data.level` raises it. Null when the level
 * never rose — the alarm page then shows only its 报警时间.
 *
 * @example levelRaisedAt([{ action: 'alarm.raise', at: t0, data: { level: 'orange' } }, { action: 'alarm.exceed_again', at: t1, data: { level: 'red' } }]) // { at: t1, level: 'red' }
 */
export function levelRaisedAt(history: readonly TrailEvent[]): { at: Date; level: Level } | null {
  let level: Level | null = null;
  let raised: { at: Date; level: Level } | null = null;
  for (const e of history) {
    const l = (e.data as { level?: unknown } | undefined)?.level;
    if (typeof l !== 'string' || !(l in LEVEL_RANK)) continue;
    if (e.action !== 'alarm.raise' && e.action !== 'alarm.exceed_again') continue;
    if (level === null) level = l as Level;
    else if (LEVEL_RANK[l as Level] > LEVEL_RANK[level]) {
      level = l as Level;
      raised = { at: new Date(e.at), level };
    }
  }
  return raised;
}
