/**
 * 今日巡查 on the way: how far each task is from where the patroller stands, the round in walking order, a map
 * link for the browser, and the period's progress. Pure: positions are GCJ-02 (what the facilities and the
 * device adapters use), no Taro, no clock.
 */
import { describeDistance, haversineMeters } from '@cityloop/shared/city/geo';
import type { LngLat, PatrolTask } from './api';

/** Metres from `here` to the task, null when either position is unknown. */
export const taskDistance = (t: Pick<PatrolTask, 'location'>, here: LngLat | null | undefined): number | null => (t.location && here ? haversineMeters(here, t.location) : null);

/** `距您约 300 米` (or null without a position). */
export function distanceText(metres: number | null): string | null {
  return metres === null ? null : `距您${describeDistance(metres)}`;
}

/**
 * Due tasks first, the nearest of them first (tasks without a position after those with one), then the done ones;
 * stable by name. Without `here` the order is the one `sortTasks` gives (most remaining first).
 * @example orderByDistance(tasks, { lng: 113.748, lat: 23.006 })[0].facilityName // the nearest task still due
 */
export function orderByDistance<T extends Pick<PatrolTask, 'location' | 'remaining' | 'facilityName'>>(tasks: readonly T[], here: LngLat | null | undefined): T[] {
  if (!here) return [...tasks];
  const d = (t: T) => taskDistance(t, here) ?? Number.POSITIVE_INFINITY;
  return [...tasks].sort((a, b) => (b.remaining > 0 ? 1 : 0) - (a.remaining > 0 ? 1 : 0) || d(a) - d(b) || (a.facilityName ?? '').localeCompare(b.facilityName ?? '', 'zh'));
}

/**
 * The web map (Amap's URI API takes GCJ-02 as `coordinate=gaode`) that opens a marker at the task and offers a
 * route from there; the browser build's stand-in for the mini-program's built-in map.
 * @example mapLink({ lng: 113.748, lat: 23.006 }, '井盖') // 'https://uri.amap.com/marker?position=113.748000,23.006000&name=%E4%BA%95%E7%9B%96&coordinate=gaode&callnative=1'
 */
export function mapLink(p: LngLat, name: string): string {
  return `https://uri.amap.com/marker?position=${p.lng.toFixed(6)},${p.lat.toFixed(6)}&name=${encodeURIComponent(name || '巡查点')}&coordinate=gaode&callnative=1`;
}

/** Check-ins done against check-ins due this period, over every task (a task's extra check-ins do not count twice). */
export function roundProgress(tasks: readonly Pick<PatrolTask, 'times' | 'done'>[]): { done: number; total: number; percent: number } {
  const total = tasks.reduce((n, t) => n + t.times, 0);
  const done = tasks.reduce((n, t) => n + Math.min(t.done, t.times), 0);
  return { done, total, percent: total ? Math.round((done / total) * 100) : 0 };
}
