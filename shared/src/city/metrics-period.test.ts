import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseTrend, periodRange, trendUnitFor } from './metrics-period';
import { assertThrowsCode, sh, wall } from './city.testing';

// 2026-12-07 is a Monday; 11:00 Beijing
const now = sh('2026-12-07 11:00');

test('periods in Beijing calendar days: the week from Monday, the month, the quarter, a custom range', () => {
  const table: [Parameters<typeof periodRange>[0], Date, string, string][] = [
    ['week', now, '2026-12-07', '2026-12-07'],
    ['week', sh('2026-12-13 23:59'), '2026-12-07', '2026-12-13'],
    ['week', sh('2026-12-14 00:00'), '2026-12-14', '2026-12-14'],
    ['month', now, '2026-12-01', '2026-12-07'],
    ['quarter', now, '2026-10-01', '2026-12-07'],
    ['quarter', sh('2026-02-10 09:00'), '2026-01-01', '2026-02-10'],
    // 00:30 Beijing on the 1st is still the 30th in UTC: the Beijing day decides
    ['month', sh('2026-12-01 00:30'), '2026-12-01', '2026-12-01'],
  ];
  for (const [period, at, fromDate, toDate] of table) {
    const r = periodRange(period, at);
    assert.deepEqual([r.fromDate, r.toDate], [fromDate, toDate], `${period} at ${wall(at)}`);
    assert.equal(wall(r.from!), `${fromDate} 00:00`);
    assert.equal(r.to!.getTime() - sh(`${toDate} 00:00`).getTime(), 86_400_000, 'to is the end of the last day');
  }
  const custom = periodRange('custom', now, { from: '2026-11-03', to: '2026-11-09' });
  assert.deepEqual([wall(custom.from!), wall(custom.to!)], ['2026-11-03 00:00', '2026-11-10 00:00']);
  assert.deepEqual(periodRange('all', now), { period: 'all', from: null, to: null, fromDate: null, toDate: null });
});

test('bad custom ranges are refused with the field named', () => {
  assertThrowsCode(() => periodRange('custom', now, { from: '2026-11-10', to: '2026-11-09' }), 'invalid_period', '结束日期不能早于开始日期');
  assertThrowsCode(() => periodRange('custom', now, { from: '2026-02-30', to: '2026-03-09' }), 'invalid_period', 'from');
  assertThrowsCode(() => periodRange('custom', now, { to: '2026-03-09' }), 'invalid_period', 'from');
  assertThrowsCode(() => periodRange('custom', now, { from: '2026-03-09', to: '2026/03/10' }), 'invalid_period', 'to');
  assertThrowsCode(() => periodRange('custom', now, { from: '2020-01-01', to: '2026-03-09' }), 'invalid_period', '最长');
});

test('trends: every week or month of the range, empty ones as zeros; closings counted where they happened', () => {
  const month = periodRange('month', now);
  assert.equal(trendUnitFor(month), 'week');
  assert.equal(trendUnitFor(periodRange('custom', now, { from: '2026-01-01', to: '2026-12-31' })), 'month');
  const cases = [
    { createdAt: sh('2026-12-01 09:00'), closedAt: sh('2026-12-07 10:00'), deadline: sh('2026-12-07 12:00') },
    { createdAt: sh('2026-12-02 09:00'), closedAt: sh('2026-12-03 10:00'), deadline: sh('2026-12-02 12:00') },
    { createdAt: sh('2026-12-06 23:59') },
    { createdAt: sh('2026-11-30 23:59') }, // before the month: not counted
  ];
  const weeks = caseTrend(cases, month, 'week', now);
  assert.deepEqual(
    weeks.map((b) => [b.key, b.label, b.filed, b.closed, b.closedOnTime]),
    [
      ['2026-11-30', '11/30', 3, 1, 0],
      ['2026-12-07', '12/7', 0, 1, 1],
    ],
  );
  const quarter = caseTrend(cases, periodRange('quarter', now), 'month', now);
  assert.deepEqual(
    quarter.map((b) => [b.key, b.label, b.filed, b.closed]),
    [
      ['2026-10-01', '2026年10月', 0, 0],
      ['2026-11-01', '2026年11月', 1, 0],
      ['2026-12-01', '2026年12月', 3, 2],
    ],
  );
  assert.deepEqual(
    caseTrend([], periodRange('all', now), 'month', now).map((b) => [b.key, b.filed]),
    [['2026-12-01', 0]],
    'no case at all: the current month, zero',
  );
});
