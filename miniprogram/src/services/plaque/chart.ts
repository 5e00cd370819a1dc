/**
 * The score history of a plaque as drawing commands (the charts/ approach: a pure function maps
 * the data to commands, `drawCommands` replays them on the weapp 2d canvas or the H5 <canvas>).
 * A score holds until the next rescoring, so it is drawn as steps, with the grade floors as dashed lines.
 */
import { CHART_COLORS, type ChartBox, type DrawCmd } from '../../charts/draw';
import { textWidth, timeTicks } from '../../charts/scales';
import type { Grade, TrendPoint } from './api';
import { GRADE_COLORS, GRADE_FLOORS, gradeOf } from './view-model';

export interface ScorePoint {
  /** ms since epoch */
  t: number;
  score: number;
  grade: Grade;
}

export interface ScoreChartInput {
  /** Rescorings, any order. */
  points: ScorePoint[];
  /** The last score holds until now (ms). */
  now: number;
  empty?: string;
}

const HOUR = 3600_000;
const DASH = [6, 4];
const FLOORS: [Exclude<Grade, 'D'>, number][] = [
  ['A', GRADE_FLOORS.A],
  ['B', GRADE_FLOORS.B],
  ['C', GRADE_FLOORS.C],
];

/** API trend rows → chart points (unparseable times dropped). */
export function scorePoints(rows: TrendPoint[] | null | undefined): ScorePoint[] {
  return (rows ?? [])
    .map((r) => ({ t: Date.parse(r.at), score: r.score, grade: gradeOf(r.grade) }))
    .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.score));
}

/** The y range: always up to 100, down to a round 10 below the lowest score (at least down to 50). */
export function scoreRange(scores: number[]): { lo: number; hi: number; step: number } {
  const min = Math.min(100, ...scores.filter((s) => Number.isFinite(s)));
  const lo = Math.max(0, Math.min(50, Math.floor((min - 5) / 10) * 10));
  return { lo, hi: 100, step: 100 - lo > 60 ? 20 : 10 };
}

function noData(box: ChartBox, text: string): DrawCmd[] {
  return [
    { op: 'rect', x: 0, y: 0, w: box.width, h: box.height, fill: CHART_COLORS.background },
    { op: 'text', x: box.width / 2, y: box.height / 2, text, color: CHART_COLORS.axis, size: box.fontSize, align: 'center', baseline: 'middle' },
  ];
}

/** Score over time: steps in the line colour, dots in the grade colour, dashed A/B/C floors, the current score labelled. */
export function scoreHistoryChart(input: ScoreChartInput, box: ChartBox): DrawCmd[] {
  const fs = box.fontSize;
  const pts = input.points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.score)).sort((a, b) => a.t - b.t);
  if (!pts.length) return noData(box, input.empty ?? '暂无评分记录');

  const cmds: DrawCmd[] = [{ op: 'rect', x: 0, y: 0, w: box.width, h: box.height, fill: CHART_COLORS.background }];

  // Legend: the score line and the three grade floors, one row (wraps if narrow).
  const items: { text: string; color: string; dash: boolean; bold?: boolean }[] = [
    { text: '得分', color: CHART_COLORS.line, dash: false, bold: true },
    ...FLOORS.map(([g, v]) => ({ text: `${g} ≥${v}`, color: GRADE_COLORS[g], dash: true })),
  ];
  const rowH = Math.round(fs * 1.6);
  const swatch = Math.round(fs * 1.4);
  let lx = 8;
  let row = 0;
  for (const it of items) {
    const w = swatch + 4 + textWidth(it.text, fs) + fs * 0.8;
    if (lx > 8 && lx + w > box.width - 8) {
      row += 1;
      lx = 8;
    }
    const cy = 4 + row * rowH + rowH / 2;
    cmds.push({ op: 'path', pts: [lx, cy, lx + swatch, cy], stroke: it.color, width: it.dash ? 2 : 3, dash: it.dash ? [4, 3] : undefined });
    lx += swatch + 4;
    cmds.push({ op: 'text', x: lx, y: cy, text: it.text, color: CHART_COLORS.text, size: fs, align: 'left', baseline: 'middle', bold: it.bold });
    lx += textWidth(it.text, fs) + fs * 0.8;
  }
  const legendH = (row + 1) * rowH;

  const { lo, hi, step } = scoreRange(pts.map((p) => p.score));
  const top = legendH + 4 + fs;
  const bottom = box.height - fs * 1.8;
  const yTicks: number[] = [];
  for (let v = lo; v <= hi + 1e-9; v += step) yTicks.push(v);
  const left = Math.ceil(Math.max(...yTicks.map((v) => textWidth(String(v), fs)))) + 10;
  const right = box.width - 12;
  const Y = (v: number) => bottom - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (bottom - top);

  // Time axis: from the first rescoring to now (at the right edge); a short history shows the last two hours.
  const t1 = Math.max(input.now, pts[pts.length - 1].t);
  const t0 = Math.min(pts[0].t, t1 - 2 * HOUR);
  const inset = Math.min(12, (right - left) * 0.04);
  const X = (t: number) => left + inset + ((t - t0) / (t1 - t0)) * (right - left - 2 * inset);

  for (const v of yTicks) {
    const y = Y(v);
    cmds.push({ op: 'path', pts: [left, y, right, y], stroke: CHART_COLORS.grid, width: 1 });
    cmds.push({ op: 'text', x: left - 6, y, text: String(v), color: CHART_COLORS.text, size: fs, align: 'right', baseline: 'middle' });
  }
  for (const tk of timeTicks(t0, t1, Math.max(2, Math.floor((right - left) / (fs * 4.2))))) {
    const x = X(tk.t);
    cmds.push({ op: 'path', pts: [x, bottom, x, bottom + 4], stroke: CHART_COLORS.axis, width: 1 });
    cmds.push({ op: 'text', x, y: bottom + 6, text: tk.label, color: CHART_COLORS.text, size: fs, align: 'center', baseline: 'top' });
  }
  cmds.push({ op: 'path', pts: [left, top, left, bottom, right, bottom], stroke: CHART_COLORS.axis, width: 1 });

  for (const [g, v] of FLOORS) {
    if (v <= lo || v >= hi) continue;
    const y = Y(v);
    cmds.push({ op: 'path', pts: [left, y, right, y], stroke: GRADE_COLORS[g], width: 1.5, dash: DASH });
  }

  // Steps: each score holds until the next one; the last holds until now.
  const line: number[] = [];
  pts.forEach((p, i) => {
    const y = Y(p.score);
    if (i > 0) line.push(X(p.t), Y(pts[i - 1].score));
    line.push(X(p.t), y);
  });
  const last = pts[pts.length - 1];
  const xEnd = X(Math.max(input.now, last.t));
  line.push(xEnd, Y(last.score));
  if (line.length >= 4) cmds.push({ op: 'path', pts: line, stroke: CHART_COLORS.line, width: 2.5 });

  const showAll = pts.length <= 60;
  pts.forEach((p, i) => {
    if (!showAll && i !== pts.length - 1 && i % Math.ceil(pts.length / 60) !== 0) return;
    cmds.push({ op: 'dot', x: X(p.t), y: Y(p.score), r: i === pts.length - 1 ? 4.5 : 3.5, fill: GRADE_COLORS[p.grade], stroke: '#ffffff' });
  });

  // The current score, left of the line's end (clear of a last step) and above it (below when at the top).
  const lastY = Y(last.score);
  const label = `${Number.isInteger(last.score) ? last.score : last.score.toFixed(1)} 分 · ${last.grade}`;
  const above = lastY - fs - 6 >= top;
  const labelX = Math.max(left + 4 + textWidth(label, fs), Math.min(xEnd, right) - 8);
  const labelW = textWidth(label, fs);
  // A white backing keeps it readable over a grade line.
  cmds.push({ op: 'rect', x: labelX - labelW - 3, y: above ? lastY - 6 - fs * 1.2 : lastY + 5, w: labelW + 6, h: fs * 1.25, fill: CHART_COLORS.background });
  cmds.push({ op: 'text', x: labelX, y: above ? lastY - 6 : lastY + 6, text: label, color: GRADE_COLORS[last.grade], size: fs, align: 'right', baseline: above ? 'bottom' : 'top', bold: true });
  return cmds;
}
