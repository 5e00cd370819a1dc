import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DrawCmd } from '../../charts/draw';
import { GRADE_COLORS } from './view-model';
import { scoreHistoryChart, scorePoints, scoreRange } from './chart';

const box = { width: 340, height: 240, fontSize: 13 };
const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-26T06:00:00Z');

const texts = (cmds: DrawCmd[]) => cmds.filter((c): c is Extract<DrawCmd, { op: 'text' }> => c.op === 'text').map((c) => c.text);
const paths = (cmds: DrawCmd[]) => cmds.filter((c): c is Extract<DrawCmd, { op: 'path' }> => c.op === 'path');
const dots = (cmds: DrawCmd[]) => cmds.filter((c): c is Extract<DrawCmd, { op: 'dot' }> => c.op === 'dot');

function inBox(cmds: DrawCmd[]) {
  for (const c of cmds) {
    const xs = c.op === 'path' ? c.pts.filter((_, i) => i % 2 === 0) : c.op === 'rect' ? [c.x, c.x + c.w] : [c.x];
    const ys = c.op === 'path' ? c.pts.filter((_, i) => i % 2 === 1) : c.op === 'rect' ? [c.y, c.y + c.h] : [c.y];
    for (const x of xs) assert.ok(x >= 0 && x <= box.width, `x ${x} of ${JSON.stringify(c)}`);
    for (const y of ys) assert.ok(y >= 0 && y <= box.height, `y ${y} of ${JSON.stringify(c)}`);
  }
}

test('scorePoints: API rows to points, bad times dropped', () => {
  assert.deepEqual(
    scorePoints([
      { at: '2026-11-20T00:00:00Z', score: 86, grade: 'B' },
      { at: 'garbage', score: 90, grade: 'A' },
    ]),
    [{ t: at('2026-11-20T00:00:00Z'), score: 86, grade: 'B' }],
  );
  assert.deepEqual(scorePoints(undefined), []);
});

test('scoreRange: up to 100, down to a round ten below the lowest, at least to 50', () => {
  assert.deepEqual(scoreRange([86, 96]), { lo: 50, hi: 100, step: 10 });
  assert.deepEqual(scoreRange([42]), { lo: 30, hi: 100, step: 20 });
  assert.deepEqual(scoreRange([3]), { lo: 0, hi: 100, step: 20 });
});

test('no history: a centred note', () => {
  const cmds = scoreHistoryChart({ points: [], now: NOW }, box);
  assert.deepEqual(texts(cmds), ['暂无评分记录']);
});

test('steps: each score holds until the next, the last until now; dots in grade colours; floors dashed', () => {
  const points = [
    { t: at('2026-11-20T00:00:00Z'), score: 86, grade: 'B' as const },
    { t: at('2026-11-24T00:00:00Z'), score: 96, grade: 'A' as const },
    { t: at('2026-11-25T00:00:00Z'), score: 92, grade: 'A' as const },
  ];
  const cmds = scoreHistoryChart({ points: [points[2], points[0], points[1]], now: NOW }, box);
  inBox(cmds);
  const line = paths(cmds).find((p) => p.width === 2.5)!;
  assert.ok(line, 'the score line');
  // 3 points → start, (step, value) × 2, end at now: 6 vertices
  assert.equal(line.pts.length, 12);
  const ys = line.pts.filter((_, i) => i % 2 === 1);
  assert.equal(ys[0], ys[1], 'flat until the next rescoring');
  assert.ok(ys[2] < ys[1], 'then up (96 is higher on screen)');
  assert.equal(ys[4], ys[5], 'the last score holds until now');
  const xs = line.pts.filter((_, i) => i % 2 === 0);
  assert.ok(xs[5] > xs[4], 'the line reaches now, after the last rescoring');
  assert.deepEqual(dots(cmds).map((d) => d.fill), [GRADE_COLORS.B, GRADE_COLORS.A, GRADE_COLORS.A]);
  const floors = paths(cmds).filter((p) => p.dash && p.width === 1.5);
  assert.deepEqual(floors.map((p) => p.stroke), [GRADE_COLORS.A, GRADE_COLORS.B, GRADE_COLORS.C]);
  const t = texts(cmds);
  for (const label of ['得分', 'A ≥90', 'B ≥75', 'C ≥60', '92 分 · A', '100', '50']) assert.ok(t.includes(label), `${label} in ${t.join('|')}`);
});

test('a short history shows the last two hours with now at the right edge; the label stays clear of a last step', () => {
  const cmds = scoreHistoryChart(
    {
      points: [
        { t: NOW - 10 * 60_000, score: 86, grade: 'B' },
        { t: NOW - 60_000, score: 96, grade: 'A' },
      ],
      now: NOW,
    },
    box,
  );
  inBox(cmds);
  const line = paths(cmds).find((p) => p.width === 2.5)!;
  const xs = line.pts.filter((_, i) => i % 2 === 0);
  assert.ok(xs[0] > box.width * 0.8, `recent points sit at the right (${xs[0]})`);
  assert.ok(xs[xs.length - 1] >= box.width - 12 - 12 - 0.01, 'the line reaches now at the right edge');
  const label = cmds.find((c) => c.op === 'text' && c.text === '96 分 · A') as Extract<DrawCmd, { op: 'text' }>;
  assert.ok(label.x < xs[2] - 4, 'the label ends left of the last step');
});

test('a perfect score labels below the line (no clipping at the top)', () => {
  const cmds = scoreHistoryChart({ points: [{ t: NOW - 86_400_000, score: 100, grade: 'A' }], now: NOW }, box);
  inBox(cmds);
  const label = cmds.find((c) => c.op === 'text' && c.text === '100 分 · A') as Extract<DrawCmd, { op: 'text' }>;
  assert.equal(label.baseline, 'top');
});
