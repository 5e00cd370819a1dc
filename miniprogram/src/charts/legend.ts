/** Legends and the empty-chart notice of the canvas charts. */
import { CHART_COLORS, type ChartBox, type DrawCmd } from './draw';
import { textWidth } from './scales';

export interface LegendItem {
  text: string;
  color: string;
  kind: 'line' | 'dash' | 'none';
  bold?: boolean;
}

/** Lays legend items left to right, wrapping; returns the commands and the height used. */
export function legend(items: LegendItem[], x0: number, y0: number, maxW: number, fs: number): { cmds: DrawCmd[]; height: number } {
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

export function noData(box: ChartBox, text: string): DrawCmd[] {
  return [
    { op: 'rect', x: 0, y: 0, w: box.width, h: box.height, fill: CHART_COLORS.background },
    { op: 'text', x: box.width / 2, y: box.height / 2, text, color: CHART_COLORS.axis, size: box.fontSize, align: 'center', baseline: 'middle' },
  ];
}
