/** Axis ticks and labels of the canvas charts. */

const SHANGHAI_MS = 8 * 3600_000;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Round tick values (steps 1, 2, 2.5, 5 × 10^k) covering [min, max], at most `maxCount` + 1 of them. */
export function niceTicks(min: number, max: number, maxCount = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const d = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= d;
    max += d;
  }
  const raw = (max - min) / Math.max(1, maxCount);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw - 1e-12) ?? 10 * mag;
  const start = Math.floor(min / step + 1e-9) * step;
  const end = Math.ceil(max / step - 1e-9) * step;
  const out: number[] = [];
  for (let v = start, i = 0; v <= end + step * 1e-6 && i < 100; v += step, i++) out.push(Number(v.toFixed(10)));
  return out;
}

/** Decimals to print ticks with a given step without noise (2.5 → 1, 0.25 → 2, 10 → 0). */
export function tickDecimals(ticks: number[]): number {
  if (ticks.length < 2) return 0;
  const step = Math.abs(ticks[1] - ticks[0]);
  for (let d = 0; d <= 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 6;
}

/** Rough label width (canvas `measureText` is not available to a pure function): CJK ≈ 1 em, else ≈ 0.6 em. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? size : /[0-9.\-]/.test(ch) ? size * 0.56 : size * 0.6;
  return w;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `11-26` or `14:00` in Asia/Shanghai whatever the device zone. */
export function timeLabel(ms: number, withDate: boolean): string {
  const t = new Date(ms + SHANGHAI_MS);
  return withDate ? `${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}` : `${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`;
}

/** Time ticks aligned to Shanghai hours/days, at most `maxCount` of them. */
export function timeTicks(t0: number, t1: number, maxCount: number): { t: number; label: string }[] {
  const steps = [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY, 90 * DAY, 180 * DAY, 365 * DAY];
  const span = Math.max(t1 - t0, 1);
  const step = steps.find((s) => span / s <= Math.max(1, maxCount - 1)) ?? steps[steps.length - 1];
  const first = Math.ceil((t0 + SHANGHAI_MS) / step) * step - SHANGHAI_MS;
  const out: { t: number; label: string }[] = [];
  for (let t = first; t <= t1 && out.length < 50; t += step) out.push({ t, label: timeLabel(t, step >= DAY || (t + SHANGHAI_MS) % DAY === 0) });
  return out;
}
