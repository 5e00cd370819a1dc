/**
 * Charts as data: pure functions map data to drawing commands (unit-tested), and `drawCommands` replays them
 * on any 2D context (weapp `Canvas type="2d"` node or the H5 `<canvas>`). No chart library: the mini-program
 * has no SVG and every KB of the package counts. Coordinates are CSS pixels; the caller scales the context
 * by the device pixel ratio.
 */

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
