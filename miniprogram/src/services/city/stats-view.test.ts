import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customRangeProblem, exportFileName, metricsQueryString, periodText, trendBars } from './stats-view';

test('the query of a period, and a custom range checked before asking', () => {
  assert.equal(metricsQueryString('town', { period: 'month' }), 'by=town&period=month');
  assert.equal(metricsQueryString('grid', { period: 'custom', from: '2026-11-01', to: '2026-11-30' }), 'by=grid&period=custom&from=2026-11-01&to=2026-11-30');
  assert.equal(customRangeProblem({ period: 'custom', from: '2026-11-01' }), '请选择开始和结束日期');
  assert.equal(customRangeProblem({ period: 'custom', from: '2026-11-02', to: '2026-11-01' }), '结束日期不能早于开始日期');
  assert.equal(customRangeProblem({ period: 'custom', from: '2026-11-01', to: '2026-11-01' }), null);
  assert.equal(customRangeProblem({ period: 'week' }), null);
});

test('trend bars: shares of the largest count; an empty period is flat', () => {
  const bars = trendBars({ unit: 'week', buckets: [
    { key: 'a', label: '11/30', from: '2026-11-30', filed: 4, closed: 1, closedOnTime: 1 },
    { key: 'b', label: '12/7', from: '2026-12-07', filed: 0, closed: 2, closedOnTime: 0 },
  ] });
  assert.deepEqual(bars.map((b) => [b.label, b.filedPct, b.closedPct]), [['11/30', 100, 25], ['12/7', 0, 50]]);
  assert.deepEqual(trendBars({ unit: 'month', buckets: [{ key: 'c', label: '2026年12月', from: '2026-12-01', filed: 0, closed: 0, closedOnTime: 0 }] }).map((b) => b.filedPct), [0]);
});

test('period text and the export file name', () => {
  assert.equal(periodText({ period: { period: 'month', from: '2026-12-01', to: '2026-12-09' } }), '2026-12-01 至 2026-12-09');
  assert.equal(periodText({ period: { period: 'all', from: null, to: null } }), '全部时间');
  assert.equal(exportFileName('按镇街', { period: { period: 'week', from: '2026-12-07', to: '2026-12-09' } }), '办理统计-按镇街-2026-12-07至2026-12-09.xlsx');
});

test('督办 deadlines: 18:00 Beijing on the chosen day; the form says what is missing', async () => {
  const { superviseDueAt, superviseDueOn, superviseProblem } = await import('./stats-view');
  const now = new Date('2026-12-09T15:30:00Z'); // 23:30 Beijing
  assert.equal(superviseDueAt(now, 1), '2026-12-10T18:00:00+08:00', 'tomorrow of the Beijing day');
  assert.equal(superviseDueOn('2026-12-20'), '2026-12-20T18:00:00+08:00');
  assert.equal(superviseProblem(' ', superviseDueAt(now, 1), now), '请填写督办意见');
  assert.equal(superviseProblem('请加快', null, now), '请选择督办时限');
  assert.equal(superviseProblem('请加快', '2026-12-09T18:00:00+08:00', now), '督办时限应晚于当前时间');
  assert.equal(superviseProblem('请加快', superviseDueAt(now, 1), now), null);
});
