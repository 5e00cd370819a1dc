import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnLetter, parsePointGrid, type ImportGrid } from './point-import';
import { epochsPerDay, frequencyText, planProblem } from './domain/monitoring-plan';

const grid = (rows: (string | number | null)[][]): ImportGrid => rows.map((r) => r.map((v) => ({ v })));

test('column letters as Excel names them', () => {
  assert.deepEqual([0, 7, 25, 26, 27, 51, 52].map(columnLetter), ['A', 'H', 'Z', 'AA', 'AB', 'AZ', 'BA']);
});

test('the header may start below empty rows; rows keep their spreadsheet numbers', () => {
  const r = parsePointGrid(grid([[], ['CODE', 'Item', 'initial_m'], ['ZQS1', 'wallTopVertical', '99.81'], [], ['DB1', '周边地表竖向位移', 99.6]]));
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.points.map((p) => [p.row, p.code, p.item, p.initialM]), [[3, 'ZQS1', 'wallTopVertical', 99.81], [5, 'DB1', 'groundSettlement', 99.6]]);
});

test('every problem is reported, none of the points returned', () => {
  const r = parsePointGrid(grid([
    ['code', 'item', 'initial_m', 'pipe_top_m', 'azimuth_deg', 'initial_e', 'initial_n', 'k', 'f0', 'b'],
    ['ZQS1', 'wallTopVertical', 'abc'],
    ['SW1', 'waterLevel', 101, 100.2],
    ['ZQP1', 'wallTopHorizontal', null, null, -1, 1, 2],
    ['ZL1', 'strutForce', null, null, null, null, null, 0.1, 800, 0.05],
    ['ZQS 2', 'wallTopVertical', 99],
  ]));
  assert.equal(r.points.length, 0);
  const msgs = r.problems.map((p) => `${p.row}:${p.message}`);
  assert.ok(msgs.some((m) => /^2:.*“abc”不是数字/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^3:.*高于管口高程/.test(m)));
  assert.ok(msgs.some((m) => /^4:.*方位角 -1° 超出范围/.test(m)));
  assert.ok(msgs.some((m) => /^5:.*缺少构件承载力设计值/.test(m)));
  assert.ok(msgs.some((m) => /^5:.*还需填写初始温度 T0/.test(m)));
  assert.ok(msgs.some((m) => /^6:.*只能由字母/.test(m)));
});

test('unknown and missing columns', () => {
  assert.match(parsePointGrid(grid([['code', 'item', 'intial_m']])).problems[0].message, /未知的列“intial_m”/);
  assert.match(parsePointGrid(grid([['code', 'initial_m'], ['A', 1]])).problems[0].message, /缺少“item”列/);
  assert.match(parsePointGrid([]).problems[0].message, /没有内容/);
});

test('the plan: per stage and item, defaults otherwise; frequencies said as people say them', () => {
  const plan = { stage: 'excavation_deep' as const, frequencies: { excavation_deep: { waterLevel: 2 } } };
  assert.equal(epochsPerDay(plan, 'waterLevel'), 2);
  assert.equal(epochsPerDay(plan, 'strutForce'), 1);
  assert.equal(epochsPerDay(plan, 'strutForce', 'stable'), 1 / 7);
  assert.equal(frequencyText(2), '每日 2 次');
  assert.equal(frequencyText(0.5), '每 2 日 1 次');
  assert.equal(frequencyText(1 / 7), '每 7 日 1 次');
  assert.equal(planProblem(plan), null);
  assert.match(planProblem({ stage: 'excavation_deep', frequencies: { excavation_deep: { waterLevel: 200 } } })!, /频率应在/);
  assert.match(planProblem({ stage: 'excavation_deep', frequencies: { excavation_deep: { crack: 1 } as never } })!, /未知的监测项/);
});
