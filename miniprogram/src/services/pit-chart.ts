/**
 * Monitoring charts as data: pure functions map a series to drawing commands (unit-tested), and
 * `drawCommands` replays them on any 2D context (weapp `Canvas type="2d"` node or the H5 `<canvas>`).
 * No chart library: the mini-program has no SVG and every KB counts (docs/ARCHITECTURE.md §9).
 * Coordinates are CSS pixels; the caller scales the context by the device pixel ratio.
 */
import { LEVEL_COLORS, LEVEL_SHORT, formatNumber, type PitLevel, type Thresholds } from './pit';

export type TextAlign = 'left' | 'center' | 'right';
export type TextBaseline = 'top' | 'middle' | 'bottom';

export type DrawCmd =
  | { op: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  /** A polyline: flat `[x0, y0, x1, y1, …]`. */
  | { op: 'path'; pts: number[]; stroke: string; width: number; dash?: number[] }
  | { op: 'dot'; x: number; y: number; r: number; fill: string; stroke?: string }
  | { op: 'text'; x: number; y: number; text: string; color: string; size: number; align: TextAlign; baseline: TextBaseline; bold?: boolean };

export interface ChartBox {
  /** CSS pixels. */
  width: number;
  height: number;
  /** Label size in CSS pixels (larger in large-text mode). */
  fontSize: number;
}

export const CHART_COLORS = {
  background: '#ffffff',
  grid: '#e8eaed',
  axis: '#8f959e',
  zero: '#b0b5bb',
  text: '#4e5359',
  line: '#1f5fbf',
};

const LEVELS: Exclude<PitLevel, 'normal'>[] = ['yellow', 'orange', 'red'];
const DASH = [6, 4];
const SHANGHAI_MS = 8 * 3600_000;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

// Scales -------------------------------------------------------------------------------------------------

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

/**
 * Which sides (+1, −1) get threshold lines. Thresholds are on |value|: a settlement (negative) series
 * gets them below zero, a heave above, a series that swings both ways on both sides (once it reaches
 * half the yellow line there).
 */
export function thresholdSides(values: number[], t: Thresholds | null): (1 | -1)[] {
  const finite = values.filter((v) => Number.isFinite(v));
  const maxPos = Math.max(0, ...finite.filter((v) => v > 0));
  const maxNeg = Math.max(0, ...finite.filter((v) => v < 0).map((v) => -v));
  if (maxPos === 0 && maxNeg === 0) return [1];
  const dominant: 1 | -1 = maxNeg > maxPos ? -1 : 1;
  const other: 1 | -1 = dominant === 1 ? -1 : 1;
  const otherMax = other === 1 ? maxPos : maxNeg;
  const half = t ? t.yellow * 0.5 : Infinity;
  return otherMax > 0 && otherMax >= half ? [1, -1] : [dominant];
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

// Legend -------------------------------------------------------------------------------------------------

interface LegendItem {
  text: string;
  color: string;
  kind: 'line' | 'dash' | 'none';
  bold?: boolean;
}

/** Lays legend items left to right, wrapping; returns the commands and the height used. */
function legend(items: LegendItem[], x0: number, y0: number, maxW: number, fs: number): { cmds: DrawCmd[]; height: number } {
  const cmds: DrawCmd[] = [];
  const rowH = Math.round(fs * 1.6);
  const swatch = Math.round(fs * 1.4);
  let x = x0;
  let row = 0;
  for (const it of items) {
    const w = (it.kind === 'none' ? 0 : swatch + 4) + textWidth(it.text, fs) + fs * 0.8;
    if (x > x0 && x + w > x0 + maxW) {
      row += 1;
      x = x0;
    }
    const cy = y0 + row * rowH + rowH / 2;
    if (it.kind !== 'none') {
      cmds.push({ op: 'path', pts: [x, cy, x + swatch, cy], stroke: it.color, width: it.kind === 'dash' ? 2 : 3, dash: it.kind === 'dash' ? [4, 3] : undefined });
      x += swatch + 4;
    }
    cmds.push({ op: 'text', x, y: cy, text: it.text, color: CHART_COLORS.text, size: fs, align: 'left', baseline: 'middle', bold: it.bold });
    x += textWidth(it.text, fs) + fs * 0.8;
  }
  return { cmds, height: (row + 1) * rowH };
}

function thresholdLegend(t: Thresholds | null, sides: (1 | -1)[], decimals: number): LegendItem[] {
  if (!t) return [];
  const sign = sides.length === 2 ? '±' : sides[0] === -1 ? '-' : '';
  return LEVELS.map((l) => ({ text: `${LEVEL_SHORT[l]} ${sign}${formatNumber(t[l], decimals)}`, color: LEVEL_COLORS[l], kind: 'dash' as const }));
}

function noData(box: ChartBox, text: string): DrawCmd[] {
  return [
    { op: 'rect', x: 0, y: 0, w: box.width, h: box.height, fill: CHART_COLORS.background },
    { op: 'text', x: box.width / 2, y: box.height / 2, text, color: CHART_COLORS.axis, size: box.fontSize, align: 'center', baseline: 'middle' },
  ];
}

// Time series ----------------------------------------------------------------------------------------------

export interface TimePoint {
  /** ms since epoch */
  t: number;
  v: number | null;
  level?: PitLevel;
}

export interface TimeSeriesInput {
  points: TimePoint[];
  thresholds: Thresholds | null;
  unit: string;
  /** Decimals for values in the legend. */
  decimals: number;
  /** Name of the plotted quantity in the legend, e.g. 累计值, 速率. */
  name: string;
  empty?: string;
}

/** A value-over-time curve with the three dashed threshold lines (on the side(s) the data is on). */
export function timeSeriesChart(input: TimeSeriesInput, box: ChartBox): DrawCmd[] {
  const fs = box.fontSize;
  const pts = input.points.filter((p) => Number.isFinite(p.t)).sort((a, b) => a.t - b.t);
  const values = pts.map((p) => p.v).filter((v): v is number => v !== null && Number.isFinite(v));
  if (!values.length) return noData(box, input.empty ?? '暂无数据');

  const sides = thresholdSides(values, input.thresholds);
  const lines: { y: number; level: Exclude<PitLevel, 'normal'> }[] = [];
  if (input.thresholds) for (const s of sides) for (const l of LEVELS) lines.push({ y: s * input.thresholds[l], level: l });

  const cmds: DrawCmd[] = [{ op: 'rect', x: 0, y: 0, w: box.width, h: box.height, fill: CHART_COLORS.background }];
  const lg = legend(
    [{ text: `${input.name}（${input.unit}）`, color: CHART_COLORS.line, kind: 'line', bold: true }, ...thresholdLegend(input.thresholds, sides, input.decimals)],
    8,
    4,
    box.width - 16,
    fs,
  );
  cmds.push(...lg.cmds);

  let lo = Math.min(0, ...values, ...lines.map((l) => l.y));
  let hi = Math.max(0, ...values, ...lines.map((l) => l.y));
  const padV = (hi - lo) * 0.05 || 1;
  lo = lo < 0 ? lo - padV : lo;
  hi = hi > 0 ? hi + padV : hi;
  const top = lg.height + 4 + fs / 2;
  const bottom = box.height - fs * 1.8;
  const yTicks = niceTicks(lo, hi, Math.max(2, Math.min(6, Math.floor((bottom - top) / (fs * 2.6)))));
  const y0 = yTicks[0];
  const y1 = yTicks[yTicks.length - 1];
  const dec = tickDecimals(yTicks);
  const yLabels = yTicks.map((v) => formatNumber(v, dec));
  const left = Math.ceil(Math.max(...yLabels.map((s) => textWidth(s, fs)))) + 10;
  const right = box.width - 12;
  const Y = (v: number) => bottom - ((v - y0) / (y1 - y0)) * (bottom - top);

  let t0 = pts[0].t;
  let t1 = pts[pts.length - 1].t;
  if (t1 - t0 < HOUR) {
    t0 -= 12 * HOUR;
    t1 += 12 * HOUR;
  }
  const inset = Math.min(12, (right - left) * 0.04);
  const X = (t: number) => left + inset + ((t - t0) / (t1 - t0)) * (right - left - 2 * inset);

  yTicks.forEach((v, i) => {
    const y = Y(v);
    cmds.push({ op: 'path', pts: [left, y, right, y], stroke: v === 0 ? CHART_COLORS.zero : CHART_COLORS.grid, width: v === 0 ? 1.5 : 1 });
    cmds.push({ op: 'text', x: left - 6, y, text: yLabels[i], color: CHART_COLORS.text, size: fs, align: 'right', baseline: 'middle' });
  });
  const xTicks = timeTicks(t0, t1, Math.max(2, Math.floor((right - left) / (fs * 4.2))));
  for (const tk of xTicks) {
    const x = X(tk.t);
    cmds.push({ op: 'path', pts: [x, bottom, x, bottom + 4], stroke: CHART_COLORS.axis, width: 1 });
    cmds.push({ op: 'text', x, y: bottom + 6, text: tk.label, color: CHART_COLORS.text, size: fs, align: 'center', baseline: 'top' });
  }
  cmds.push({ op: 'path', pts: [left, top, left, bottom, right, bottom], stroke: CHART_COLORS.axis, width: 1 });

  for (const l of lines) {
    const y = Y(l.y);
    cmds.push({ op: 'path', pts: [left, y, right, y], stroke: LEVEL_COLORS[l.level], width: 1.5, dash: DASH });
  }

  // The curve; a missing value (e.g. the first rate) breaks it.
  let seg: number[] = [];
  const flush = () => {
    if (seg.length >= 4) cmds.push({ op: 'path', pts: seg, stroke: CHART_COLORS.line, width: 2.5 });
    seg = [];
  };
  for (const p of pts) {
    if (p.v === null || !Number.isFinite(p.v)) flush();
    else seg.push(X(p.t), Y(p.v));
  }
  flush();
  const showAll = pts.length <= 60;
  pts.forEach((p, i) => {
    if (p.v === null || !Number.isFinite(p.v)) return;
    const level = p.level ?? 'normal';
    if (!showAll && i !== pts.length - 1 && level === 'normal') return;
    cmds.push({ op: 'dot', x: X(p.t), y: Y(p.v), r: level === 'normal' ? 3 : 4.5, fill: level === 'normal' ? CHART_COLORS.line : LEVEL_COLORS[level], stroke: '#ffffff' });
  });
  return cmds;
}

// Inclinometer profile -----------------------------------------------------------------------------------

export interface ProfileEpoch {
  /** Legend text, e.g. `11-26`. */
  label: string;
  depths: number[];
  values: number[];
}

export interface ProfileInput {
  /** Oldest first; the last one is drawn strongest. */
  epochs: ProfileEpoch[];
  thresholds: Thresholds | null;
  unit: string;
  decimals: number;
  empty?: string;
}

/** Light → dark blue; the newest epoch is the darkest. */
export const PROFILE_COLORS = ['#c3d3ee', '#9ab5e2', '#6f95d4', '#4479c8', '#1f5fbf'];

/** Depth–displacement profile: depth downward (0 at the top), one line per epoch, threshold lines vertical. */
export function profileChart(input: ProfileInput, box: ChartBox): DrawCmd[] {
  const fs = box.fontSize;
  const epochs = input.epochs
    .map((e) => {
      const n = Math.min(e.depths.length, e.values.length);
      const rows: [number, number][] = [];
      for (let i = 0; i < n; i++) if (Number.isFinite(e.depths[i]) && Number.isFinite(e.values[i])) rows.push([e.depths[i], e.values[i]]);
      rows.sort((a, b) => a[0] - b[0]);
      return { label: e.label, rows };
    })
    .filter((e) => e.rows.length > 0)
    .slice(-PROFILE_COLORS.length);
  if (!epochs.length) return noData(box, input.empty ?? '暂无测斜数据');

  const colorOf = (i: number) => PROFILE_COLORS[PROFILE_COLORS.length - epochs.length + i];
  const values = epochs.flatMap((e) => e.rows.map((r) => r[1]));
  const depths = epochs.flatMap((e) => e.rows.map((r) => r[0]));
  const sides = thresholdSides(values, input.thresholds);
  const lines: { x: number; level: Exclude<PitLevel, 'normal'> }[] = [];
  if (input.thresholds) for (const s of sides) for (const l of LEVELS) lines.push({ x: s * input.thresholds[l], level: l });

  const cmds: DrawCmd[] = [{ op: 'rect', x: 0, y: 0, w: box.width, h: box.height, fill: CHART_COLORS.background }];
  const lg = legend(
    [
      ...epochs.map((e, i) => ({ text: e.label, color: colorOf(i), kind: 'line' as const, bold: i === epochs.length - 1 })),
      ...thresholdLegend(input.thresholds, sides, input.decimals),
    ],
    8,
    4,
    box.width - 16,
    fs,
  );
  cmds.push(...lg.cmds);

  // Axis titles: displacement across the top, depth down the left.
  const titleY = lg.height + 4;
  const top = titleY + fs * 1.6 + fs * 1.4;
  const bottom = box.height - Math.ceil(fs * 0.6) - 4; // room for the deepest tick label
  const dTicks = niceTicks(0, Math.max(...depths, 1), Math.max(2, Math.min(8, Math.floor((bottom - top) / (fs * 2.4)))));
  const dMax = dTicks[dTicks.length - 1];
  const dDec = tickDecimals(dTicks);
  const dLabels = dTicks.map((v) => formatNumber(v, dDec));
  const left = Math.ceil(Math.max(...dLabels.map((s) => textWidth(s, fs)))) + 10;
  const right = box.width - 14;

  let lo = Math.min(0, ...values, ...lines.map((l) => l.x));
  let hi = Math.max(0, ...values, ...lines.map((l) => l.x));
  const padV = (hi - lo) * 0.05 || 1;
  lo = lo < 0 ? lo - padV : lo;
  hi = hi > 0 ? hi + padV : hi;
  const xTicks = niceTicks(lo, hi, Math.max(2, Math.min(6, Math.floor((right - left) / (fs * 3.6)))));
  const x0 = xTicks[0];
  const x1 = xTicks[xTicks.length - 1];
  const xDec = tickDecimals(xTicks);
  const X = (v: number) => left + ((v - x0) / (x1 - x0)) * (right - left);
  const Y = (d: number) => top + (d / dMax) * (bottom - top);

  // Axis titles on their own row: depth (down the left), displacement (across the top).
  cmds.push({ op: 'text', x: 4, y: titleY, text: '深度（m）↓', color: CHART_COLORS.text, size: fs, align: 'left', baseline: 'top', bold: true });
  cmds.push({ op: 'text', x: right, y: titleY, text: `位移（${input.unit}）→`, color: CHART_COLORS.text, size: fs, align: 'right', baseline: 'top', bold: true });

  dTicks.forEach((d, i) => {
    const y = Y(d);
    cmds.push({ op: 'path', pts: [left, y, right, y], stroke: CHART_COLORS.grid, width: 1 });
    cmds.push({ op: 'text', x: left - 6, y, text: dLabels[i], color: CHART_COLORS.text, size: fs, align: 'right', baseline: 'middle' });
  });
  for (const v of xTicks) {
    const x = X(v);
    cmds.push({ op: 'path', pts: [x, top, x, bottom], stroke: v === 0 ? CHART_COLORS.zero : CHART_COLORS.grid, width: v === 0 ? 1.5 : 1 });
    cmds.push({ op: 'text', x, y: top - 4, text: formatNumber(v, xDec), color: CHART_COLORS.text, size: fs, align: 'center', baseline: 'bottom' });
  }
  cmds.push({ op: 'path', pts: [left, bottom, left, top, right, top], stroke: CHART_COLORS.axis, width: 1 });

  for (const l of lines) {
    const x = X(l.x);
    cmds.push({ op: 'path', pts: [x, top, x, bottom], stroke: LEVEL_COLORS[l.level], width: 1.5, dash: DASH });
  }

  epochs.forEach((e, i) => {
    const newest = i === epochs.length - 1;
    const p: number[] = [];
    for (const [d, v] of e.rows) p.push(X(v), Y(d));
    if (p.length >= 4) cmds.push({ op: 'path', pts: p, stroke: colorOf(i), width: newest ? 3 : 1.8 });
    if (newest) for (const [d, v] of e.rows) cmds.push({ op: 'dot', x: X(v), y: Y(d), r: 2.5, fill: colorOf(i) });
  });
  return cmds;
}

// Replay ------------------------------------------------------------------------------------------------

/** The part of CanvasRenderingContext2D we use (both the weapp 2d node context and the DOM one have it). */
export interface Ctx2D {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: unknown;
  textBaseline: unknown;
  lineJoin?: unknown;
  lineCap?: unknown;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
  stroke(): void;
  fill(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  setLineDash?(segments: number[]): void;
}

export const CHART_FONT = '-apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

/** Executes drawing commands on a context already scaled to CSS pixels. */
export function drawCommands(ctx: Ctx2D, cmds: DrawCmd[], fontFamily = CHART_FONT): void {
  if (ctx.lineJoin !== undefined) ctx.lineJoin = 'round';
  if (ctx.lineCap !== undefined) ctx.lineCap = 'round';
  for (const c of cmds) {
    switch (c.op) {
      case 'rect':
        ctx.fillStyle = c.fill;
        ctx.fillRect(c.x, c.y, c.w, c.h);
        break;
      case 'path':
        if (c.pts.length < 4) break;
        ctx.setLineDash?.(c.dash ?? []);
        ctx.strokeStyle = c.stroke;
        ctx.lineWidth = c.width;
        ctx.beginPath();
        ctx.moveTo(c.pts[0], c.pts[1]);
        for (let i = 2; i + 1 < c.pts.length; i += 2) ctx.lineTo(c.pts[i], c.pts[i + 1]);
        ctx.stroke();
        ctx.setLineDash?.([]);
        break;
      case 'dot':
        ctx.beginPath();
        ctx.arc(c.x, c.y, c.r, 0, Math.PI * 2);
        ctx.fillStyle = c.fill;
        ctx.fill();
        if (c.stroke) {
          ctx.strokeStyle = c.stroke;
          ctx.lineWidth = 1.5;
          ctx.stroke();
        }
        break;
      case 'text':
        ctx.font = `${c.bold ? 'bold ' : ''}${c.size}px ${fontFamily}`;
        ctx.fillStyle = c.color;
        ctx.textAlign = c.align;
        ctx.textBaseline = c.baseline;
        ctx.fillText(c.text, c.x, c.y);
        break;
    }
  }
}
