import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawCommands, type Ctx2D, type DrawCmd } from '../../charts/draw';
import { niceTicks, tickDecimals, timeLabel, timeTicks } from '../../charts/scales';
import { profileChart, thresholdSides, timeSeriesChart } from './chart';
import { LEVEL_COLORS } from './view-model';

const box = { width: 340, height: 240, fontSize: 13 };
const T = { yellow: 7, orange: 8.5, red: 10 };
const day = (d: number) => Date.parse(`2026-11-${String(d).padStart(2, '0')}T02:02:01Z`);

const texts = (cmds: DrawCmd[]) => cmds.filter((c): c is Extract<DrawCmd, { op: 'text' }> => c.op === 'text').map((c) => c.text);
/** Dashed lines across the plot (legend swatches are short and thicker). */
const dashed = (cmds: DrawCmd[]) => cmds.filter((c): c is Extract<DrawCmd, { op: 'path' }> => c.op === 'path' && !!c.dash && c.width === 1.5);

function inBox(cmds: DrawCmd[]) {
  for (const c of cmds) {
    const xs = c.op === 'path' ? c.pts.filter((_, i) => i % 2 === 0) : [c.x];
    const ys = c.op === 'path' ? c.pts.filter((_, i) => i % 2 === 1) : [c.y];
    for (const x of xs) assert.ok(x >= 0 && x <= box.width, `x ${x} of ${JSON.stringify(c)}`);
    for (const y of ys) assert.ok(y >= 0 && y <= box.height, `y ${y} of ${JSON.stringify(c)}`);
  }
}

test('niceTicks: round steps that cover the range', () => {
  assert.deepEqual(niceTicks(-11.5, 0, 5), [-12.5, -10, -7.5, -5, -2.5, 0]);
  assert.deepEqual(niceTicks(-11.5, 0, 6), [-12, -10, -8, -6, -4, -2, 0]);
  assert.deepEqual(niceTicks(0, 1, 4), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(niceTicks(0, 3600, 4), [0, 1000, 2000, 3000, 4000]);
  assert.deepEqual(niceTicks(5, 5, 4), [4.5, 4.75, 5, 5.25, 5.5]);
  assert.equal(tickDecimals([0, 0.25, 0.5]), 2);
  assert.equal(tickDecimals([0, 2.5]), 1);
  assert.equal(tickDecimals([-12, -10]), 0);
});

test('thresholdSides: the side the data is on; both when it swings both ways', () => {
  assert.deepEqual(thresholdSides([-5.5, -7.2, -10.5], T), [-1]);
  assert.deepEqual(thresholdSides([1, 5, 9], T), [1]);
  assert.deepEqual(thresholdSides([0.3, -10.5], T), [-1], 'noise on the other side does not add lines');
  assert.deepEqual(thresholdSides([4, -10.5], T), [1, -1]);
  assert.deepEqual(thresholdSides([], T), [1]);
  assert.deepEqual(thresholdSides([0, 0], null), [1]);
});

test('timeTicks: days in Asia/Shanghai for a week of data', () => {
  const ticks = timeTicks(day(20), day(26), 6);
  assert.ok(ticks.length >= 3 && ticks.length <= 6, JSON.stringify(ticks));
  for (const t of ticks) assert.match(t.label, /^11-2\d$/);
  assert.equal(timeLabel(Date.parse('2026-11-25T16:00:00Z'), true), '11-26');
  assert.equal(timeLabel(Date.parse('2026-11-25T16:30:00Z'), false), '00:30');
  const hours = timeTicks(Date.parse('2026-11-26T01:00:00Z'), Date.parse('2026-11-26T07:00:00Z'), 5);
  assert.ok(hours.every((t) => /^\d\d:\d\d$/.test(t.label)), JSON.stringify(hours));
});

test('timeSeriesChart: settlement series gets dashed yellow/orange/red lines below zero, inside the box', () => {
  const points = [-5.49, -6.33, -7.16, -8.0, -8.82, -9.66, -10.49].map((v, i) => ({ t: day(20 + i), v, level: (Math.abs(v) >= 10 ? 'red' : Math.abs(v) >= 8.5 ? 'orange' : Math.abs(v) >= 7 ? 'yellow' : 'normal') as 'red' | 'orange' | 'yellow' | 'normal' }));
  const cmds = timeSeriesChart({ points, thresholds: T, unit: 'mm', decimals: 2, name: '累计值' }, box);
  inBox(cmds);
  const lines = dashed(cmds).filter((c) => c.pts[1] === c.pts[3]); // horizontal threshold lines
  assert.deepEqual(lines.map((l) => l.stroke), [LEVEL_COLORS.yellow, LEVEL_COLORS.orange, LEVEL_COLORS.red]);
  // Below zero: the red line (−10) is lower on screen than the yellow (−7), and all lie under the zero line.
  assert.ok(lines[2].pts[1] > lines[0].pts[1]);
  const t = texts(cmds);
  assert.ok(t.includes('累计值（mm）'));
  assert.ok(t.includes('红 -10.00'), t.join(' | '));
  assert.ok(t.includes('黄 -7.00'));
  assert.ok(t.some((s) => /^11-2\d$/.test(s)), 'date labels on the time axis');
  // The curve, and one dot per epoch, the red one in red.
  const curve = cmds.filter((c) => c.op === 'path' && c.width === 2.5);
  assert.equal(curve.length, 1);
  const dots = cmds.filter((c): c is Extract<DrawCmd, { op: 'dot' }> => c.op === 'dot');
  assert.equal(dots.length, 7);
  assert.equal(dots[6].fill, LEVEL_COLORS.red);
  // The value −10.49 is drawn below (greater y than) the red line.
  assert.ok(dots[6].y > lines[2].pts[1]);
});

test('timeSeriesChart: a missing rate breaks the line; no thresholds means no dashed lines', () => {
  const points = [null, 0.84, 0.83, null, 0.82].map((v, i) => ({ t: day(20 + i), v }));
  const cmds = timeSeriesChart({ points, thresholds: null, unit: 'mm/d', decimals: 2, name: '速率' }, box);
  inBox(cmds);
  assert.equal(dashed(cmds).length, 0);
  const curve = cmds.filter((c) => c.op === 'path' && c.width === 2.5);
  assert.equal(curve.length, 1, 'one segment of two points (the lone last point is a dot only)');
  assert.equal(cmds.filter((c) => c.op === 'dot').length, 3);
});

test('timeSeriesChart: empty and single-epoch series', () => {
  const empty = timeSeriesChart({ points: [], thresholds: T, unit: 'mm', decimals: 2, name: '累计值', empty: '暂无数据' }, box);
  assert.deepEqual(texts(empty), ['暂无数据']);
  const one = timeSeriesChart({ points: [{ t: day(20), v: 3 }], thresholds: T, unit: 'mm', decimals: 2, name: '累计值' }, box);
  inBox(one);
  assert.equal(one.filter((c) => c.op === 'dot').length, 1);
});

test('timeSeriesChart: large-text labels still fit', () => {
  const points = [1080, 1200, 1320, 1440, 1560, 1680, 1800].map((v, i) => ({ t: day(20 + i), v }));
  const big = { width: 340, height: 300, fontSize: 17 };
  const cmds = timeSeriesChart({ points, thresholds: { yellow: 2520, orange: 3060, red: 3600 }, unit: 'kN', decimals: 1, name: '累计值' }, big);
  for (const c of cmds) if (c.op === 'text') assert.ok(c.x >= 0 && c.x <= big.width && c.y <= big.height, JSON.stringify(c));
});

test('profileChart: depth grows downward, newest epoch strongest, vertical threshold lines', () => {
  const depths = [0.5, 1, 1.5, 2, 5, 10];
  const epochs = [9, 11, 13, 15].map((top, i) => ({ label: `11-2${i}`, depths, values: depths.map((d) => top * (1 - d / 10.5)) }));
  const cmds = profileChart({ epochs, thresholds: { yellow: 21, orange: 25.5, red: 30 }, unit: 'mm', decimals: 2 }, { ...box, height: 360 });
  for (const c of cmds) if (c.op !== 'text') for (let i = 1; c.op === 'path' && i < c.pts.length; i += 2) assert.ok(c.pts[i] <= 360);
  const lines = dashed(cmds).filter((c) => c.pts[0] === c.pts[2]);
  assert.equal(lines.length, 3, 'displacements are positive: lines on the positive side only');
  const profiles = cmds.filter((c): c is Extract<DrawCmd, { op: 'path' }> => c.op === 'path' && !c.dash && c.pts.length > 4 && (c.width === 3 || c.width === 1.8));
  assert.equal(profiles.length, 4);
  const newest = profiles[3];
  assert.equal(newest.width, 3);
  // First row is 0.5 m (top), last is 10 m (bottom): y increases with depth; x shrinks toward the toe.
  assert.ok(newest.pts[1] < newest.pts[newest.pts.length - 1]);
  assert.ok(newest.pts[0] > newest.pts[newest.pts.length - 2]);
  const t = texts(cmds);
  assert.ok(t.includes('深度（m）↓') && t.includes('位移（mm）→'), t.join(' | '));
  assert.ok(t.includes('11-23'));
  assert.deepEqual(texts(profileChart({ epochs: [], thresholds: null, unit: 'mm', decimals: 2 }, box)), ['暂无测斜数据']);
});

test('drawCommands replays onto a 2D context', () => {
  const calls: string[] = [];
  const ctx: Ctx2D = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: '',
    textBaseline: '',
    beginPath: () => calls.push('begin'),
    moveTo: (x, y) => calls.push(`move ${x},${y}`),
    lineTo: (x, y) => calls.push(`line ${x},${y}`),
    arc: (x, y, r) => calls.push(`arc ${x},${y},${r}`),
    stroke: () => calls.push(`stroke ${String(ctx.strokeStyle)} ${ctx.lineWidth}`),
    fill: () => calls.push(`fill ${String(ctx.fillStyle)}`),
    fillRect: (x, y, w, h) => calls.push(`rect ${x},${y},${w},${h} ${String(ctx.fillStyle)}`),
    fillText: (s, x, y) => calls.push(`text ${s} ${x},${y} ${ctx.font} ${String(ctx.textAlign)}`),
    setLineDash: (d) => calls.push(`dash ${d.join(',')}`),
  };
  drawCommands(
    ctx,
    [
      { op: 'rect', x: 0, y: 0, w: 10, h: 5, fill: '#fff' },
      { op: 'path', pts: [0, 0, 5, 5, 10, 0], stroke: '#e02020', width: 1.5, dash: [6, 4] },
      { op: 'dot', x: 1, y: 2, r: 3, fill: '#1f5fbf' },
      { op: 'text', x: 4, y: 4, text: '红', color: '#000', size: 13, align: 'right', baseline: 'middle', bold: true },
    ],
    'sans-serif',
  );
  assert.deepEqual(calls, [
    'rect 0,0,10,5 #fff',
    'dash 6,4',
    'begin',
    'move 0,0',
    'line 5,5',
    'line 10,0',
    'stroke #e02020 1.5',
    'dash ',
    'begin',
    'arc 1,2,3',
    'fill #1f5fbf',
    'text 红 4,4 bold 13px sans-serif right',
  ]);
});
