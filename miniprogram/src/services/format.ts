/** Display helpers. Times are shown in Asia/Shanghai (UTC+8, no DST) whatever the device zone. */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

function shanghaiParts(ms: number): Parts {
  const t = new Date(ms + SHANGHAI_OFFSET_MS);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes() };
}

/** The day in Beijing, `YYYY-MM-DD` (a date picker's default and its last day). */
export function beijingDate(now: Date): string {
  const t = shanghaiParts(now.getTime());
  return `${t.y}-${pad(t.mo)}-${pad(t.d)}`;
}

/** The time of day in Beijing, `HH:mm`. */
export function beijingTime(now: Date): string {
  const t = shanghaiParts(now.getTime());
  return `${pad(t.h)}:${pad(t.mi)}`;
}

/**
 * `今天 09:05`, `昨天 18:30`, `03-14 09:05` (same year) or `2025-03-14 09:05`.
 * `now` is passed in (no clock reads here); an unparseable input is returned as-is.
 */
export function formatTime(iso: string, now: Date): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = shanghaiParts(ms);
  const n = shanghaiParts(now.getTime());
  const hm = `${pad(t.h)}:${pad(t.mi)}`;
  const dayIndex = (p: Parts) => Date.UTC(p.y, p.mo - 1, p.d) / 86_400_000;
  const diff = dayIndex(n) - dayIndex(t);
  if (diff === 0) return `今天 ${hm}`;
  if (diff === 1) return `昨天 ${hm}`;
  if (t.y === n.y) return `${pad(t.mo)}-${pad(t.d)} ${hm}`;
  return `${t.y}-${pad(t.mo)}-${pad(t.d)} ${hm}`;
}

/** Chinese labels for code kinds; the server's `kindLabel` wins when present. */
const KIND_LABELS: Record<string, string> = {
  site: '工地',
  project: '项目',
  shop: '商户',
  street: '道路',
  grid: '网格',
  facility: '设施',
  plaque: '公示牌',
  review: '危大工程专家论证',
  pit: '基坑',
  fire: '消防设施',
  plant: '搅拌站',
  concrete_ticket: '预拌混凝土运输单',
  concrete_plant: '预拌混凝土搅拌站',
  patrol: '巡查点',
  checkpoint: '巡查点',
  device: '设备',
};

export function kindLabel(kind: string, serverLabel?: string): string {
  return serverLabel || KIND_LABELS[kind] || kind;
}

/**
 * A long numeric code in groups of four, as it is read out and printed: `4419 0001 0100 0001`. Shown in a
 * `.cl-nowrap` element it stays on one line; other codes are returned as they are.
 */
export function groupCode(code: string): string {
  return /^\d{8,}$/.test(code) ? code.replace(/(\d{4})(?=\d)/g, '$1 ') : code;
}

/**
 * Text split into runs, those a line must not break inside marked `whole`: a code with hyphens (`ZHXJ-2026-0002`,
 * `YL-2024-001` — browsers break after a hyphen, and "ZHXJ-2026-" / "0002" reads as another number), a date with its
 * time (`2026-12-07`, `12-07 21:08`), a clock time, a number with its unit (`4 m³`, `35.2 MPa`, `2 小时`). Shown in
 * `.cl-nowrap` elements, a narrow row in large-text mode wraps around them, never inside them.
 */
const WHOLE_RUN = /[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?: \d{2}:\d{2})?|\d{1,2}:\d{2}|[±+-]?\d+(?:\.\d+)?\s?(?:kg\/m³|m³|MPa|mm\/d|mm|kN|%|‰|°|m|米|小时|分钟|天|组|盘|分)(?![a-zA-Z])/g;
export function wholeRuns(text: string): { text: string; whole: boolean }[] {
  const runs: { text: string; whole: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(WHOLE_RUN)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), whole: false });
    runs.push({ text: m[0], whole: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), whole: false });
  return runs;
}
