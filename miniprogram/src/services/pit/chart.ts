/** The pit's monitoring charts: a point's curve over time and an inclinometer hole's profile, with threshold lines. */
import { CHART_COLORS, type ChartBox, type DrawCmd } from '../../charts/draw';
import { legend, noData, type LegendItem } from '../../charts/legend';
import { niceTicks, textWidth, tickDecimals, timeLabel, timeTicks } from '../../charts/scales';
import type { PitLevel, Thresholds } from './api';
import { LEVEL_COLORS, LEVEL_SHORT, formatNumber } from './view-model';

const LEVELS: Exclude<PitLevel, 'normal'>[] = ['yellow', 'orange', 'red'];
const DASH = [6, 4];
const HOUR = 3600_000;

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

function thresholdLegend(t: Thresholds | null, sides: (1 | -1)[], decimals: number): LegendItem[] {
  if (!t) return [];
  const sign = sides.length === 2 ? '±' : sides[0] === -1 ? '-' : '';
  return LEVELS.map((l) => ({ text: `${LEVEL_SHORT[l]} ${sign}${formatNumber(t[l], decimals)}`, color: LEVEL_COLORS[l], kind: 'dash' as const }));
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
