import { invalid } from '../../errors';
import { beijingMinute } from '../time.parse';
import type { PointConfig } from './epoch.solve';
import type { Item } from './items';

/** Checks every epoch solver makes: a time not in the future, points registered for the item, a fingerprint. */

const FUTURE_SLACK_MS = 5 * 60_000;

/** cyrb53: a fast 53-bit string hash (pure JS, no crypto module in shared/). */
export function fingerprint(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function notFuture(ms: number, nowMs: number, what: string) {
  if (!Number.isFinite(ms)) throw invalid(`${what}：时间格式不正确`, 'invalid_time');
  if (ms > nowMs + FUTURE_SLACK_MS) throw invalid(`${what} ${beijingMinute(ms)}（北京时间）晚于当前时间 ${beijingMinute(nowMs)}，请检查填写的时间或仪器时钟`, 'future_timestamp');
}

export function requirePoints(codes: string[], points: Record<string, PointConfig>, item?: (i: Item) => boolean) {
  const unknown = codes.filter((c) => !points[c] || (item && !item(points[c].item)));
  if (unknown.length) throw invalid(`未登记的监测点：${unknown.join('、')}（请先在项目中登记测点）`, 'unknown_point', { points: unknown });
}

