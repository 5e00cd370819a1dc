import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METRIC_DEFINITIONS, caseMetrics, type CaseSummary } from './metrics';
import { DEFAULT_WORKING_CALENDAR } from './working-calendar';
import { sh } from './city.testing';

const base: CaseSummary = {
  state: 'closed',
  kind: 'event',
  classCode: '0104',
  townId: 'nc',
  gridId: 'g1',
  unitId: 'u1',
  dispatchedAt: sh('2025-06-09 10:00'),
  deadline: sh('2025-06-09 16:00'),
  closedAt: sh('2025-06-09 15:00'),
  reworkCount: 0,
  deferred: false,
  rating: null,
};
const c = (o: Partial<CaseSummary>): CaseSummary => ({ ...base, ...o });
const times = (n: number, o: Partial<CaseSummary>) => Array.from({ length: n }, () => c(o));

test('Tianmen 2016-12 (docs/domain/city.md §5): 911/972 closed = 93.72 %, 737/972 on time = 75.82 %, 缓办 excluded', () => {
  const cases = [
    ...times(737, {}), // closed on time
    ...times(911 - 737, { closedAt: sh('2025-06-10 09:00') }), // closed late
    ...times(972 - 911, { state: 'in_progress', closedAt: null }), // not yet closed
    ...times(28, { state: 'deferred', closedAt: null }), // 缓办: out of both denominators
    ...times(5, { deferred: true }), // deferred once, closed later: still out
    ...times(40, { state: 'received', closedAt: null }), // not filed yet
    ...times(12, { state: 'rejected', closedAt: null }), // 不予立案
  ];
  const [all] = caseMetrics(cases, 'all');
  assert.equal(all.counts.due, 972);
  assert.equal(all.counts.deferred, 33);
  assert.equal(all.counts.filed, 1005);
  assert.equal(all.counts.closed, 911);
  assert.equal(all.counts.closedOnTime, 737);
  assert.equal(all.closeRate!.toFixed(4), '0.9372');
  assert.equal(all.onTimeCloseRate!.toFixed(4), '0.7582');
});

test('Suzhou 2024-07 (docs/domain/city.md §5): (满意 + 基本满意) 7185 / 7236 rated = 99.3 %', () => {
  const cases = [...times(7000, { rating: 'satisfied' }), ...times(185, { rating: 'basically_satisfied' }), ...times(51, { rating: 'dissatisfied' }), ...times(300, { rating: null })];
  const [all] = caseMetrics(cases, 'all');
  assert.equal(all.counts.rated, 7236);
  assert.equal(all.counts.satisfied, 7185);
  assert.equal(all.satisfactionRate!.toFixed(3), '0.993');
});

test('per unit: rework over handled cases, average handling time in working hours, empty denominators are null', () => {
  const cases: CaseSummary[] = [
    // u1: two closed (one after a rework), one handled awaiting check, one back in progress after a failed check
    c({ unitId: 'u1', dispatchedAt: sh('2025-06-09 11:00'), closedAt: sh('2025-06-09 15:00'), deadline: sh('2025-06-09 15:00') }), // 2 working h, on time (equal)
    c({ unitId: 'u1', dispatchedAt: sh('2025-06-13 17:00'), closedAt: sh('2025-06-16 10:30'), deadline: sh('2025-06-16 10:00'), reworkCount: 1 }), // 3 h, late
    c({ unitId: 'u1', state: 'handled', closedAt: null }),
    c({ unitId: 'u1', state: 'in_progress', closedAt: null, reworkCount: 2 }),
    c({ unitId: 'u1', state: 'dispatched', closedAt: null }),
    // u2: nothing closed, nothing handled
    c({ unitId: 'u2', state: 'dispatched', closedAt: null }),
    // no unit yet
    c({ unitId: null, state: 'accepted', dispatchedAt: null, deadline: null, closedAt: null }),
  ];
  const rows = caseMetrics(cases, 'unit', DEFAULT_WORKING_CALENDAR);
  assert.deepEqual(
    rows.map((r) => [r.key, r.counts.due, r.counts.closed, r.counts.closedOnTime, r.counts.handled, r.counts.reworked, r.closeRate, r.onTimeCloseRate, r.reworkRate, r.avgHandlingHours]),
    [
      ['u1', 5, 2, 1, 4, 2, 0.4, 0.2, 0.5, 2.5],
      ['u2', 1, 0, 0, 0, 0, 0, 0, null, null],
      [null, 1, 0, 0, 0, 0, 0, 0, null, null],
    ],
  );
  assert.equal(rows[0].satisfactionRate, null);
});

test('grouping by town, grid and class (kind-qualified)', () => {
  const cases = [
    c({ townId: 'nc', gridId: 'g1', kind: 'event', classCode: '0101' }),
    c({ townId: 'nc', gridId: 'g2', kind: 'component', classCode: '0101', state: 'in_progress', closedAt: null }),
    c({ townId: 'dc', gridId: 'g9', kind: 'event', classCode: '0104' }),
  ];
  const keys = (by: 'town' | 'grid' | 'class') => caseMetrics(cases, by).map((r) => [r.key, r.closeRate]);
  assert.deepEqual(keys('town'), [
    ['dc', 1],
    ['nc', 0.5],
  ]);
  assert.deepEqual(keys('grid'), [
    ['g1', 1],
    ['g2', 0],
    ['g9', 1],
  ]);
  assert.deepEqual(keys('class'), [
    ['component:0101', 0],
    ['event:0101', 1],
    ['event:0104', 1],
  ]);
  assert.deepEqual(caseMetrics([], 'all'), []);
});

test('every metric has a Chinese and an English definition', () => {
  for (const key of ['closeRate', 'onTimeCloseRate', 'reworkRate', 'avgHandlingHours', 'satisfactionRate'] as const) {
    assert.match(METRIC_DEFINITIONS[key].zh, /[\u4e00-\u9fff]+.*=/, key);
    assert.match(METRIC_DEFINITIONS[key].en, /=/, key);
  }
  assert.ok(METRIC_DEFINITIONS.closeRate.zh.includes('缓办'));
  assert.ok(METRIC_DEFINITIONS.satisfactionRate.zh.includes('基本满意'));
});

test('groups the caller covers but no case falls in are shown with zero counts and no rates', () => {
  const rows = caseMetrics([base], 'grid', DEFAULT_WORKING_CALENDAR, ['g1', 'g2']);
  assert.deepEqual(rows.map((r) => r.key), ['g1', 'g2']);
  const empty = rows.find((r) => r.key === 'g2')!;
  assert.equal(empty.counts.filed, 0);
  assert.equal(empty.closeRate, null, 'no cases: no rate, not 0 %');
  assert.equal(rows.find((r) => r.key === 'g1')!.counts.filed, 1, 'the case still counts in its group');
});

test('work outside office hours: evening, weekend and lunch-time handling counts only the working time it spans', () => {
  // 2025-06-09 is a Monday; office hours Mon–Fri 08:30–12:00, 14:00–18:00
  const rows = [
    c({ unitId: 'evening', dispatchedAt: sh('2025-06-09 19:00'), closedAt: sh('2025-06-09 21:00'), deadline: sh('2025-06-10 11:30') }),
    c({ unitId: 'weekend', dispatchedAt: sh('2025-06-13 17:30'), closedAt: sh('2025-06-14 10:00'), deadline: sh('2025-06-16 12:00') }),
    c({ unitId: 'saturday', dispatchedAt: sh('2025-06-14 09:00'), closedAt: sh('2025-06-16 09:30'), deadline: sh('2025-06-16 13:30') }),
    c({ unitId: 'lunch', dispatchedAt: sh('2025-06-09 12:10'), closedAt: sh('2025-06-09 13:50'), deadline: sh('2025-06-09 16:00') }),
    c({ unitId: 'overnight', dispatchedAt: sh('2025-06-09 17:00'), closedAt: sh('2025-06-10 09:00'), deadline: sh('2025-06-10 08:45') }),
  ];
  const byUnit = new Map(caseMetrics(rows, 'unit', DEFAULT_WORKING_CALENDAR).map((r) => [r.key, r]));
  const hours = (k: string) => byUnit.get(k)!.avgHandlingHours;
  assert.equal(hours('evening'), 0, 'an evening repair is no working time, not 2 h');
  assert.equal(hours('weekend'), 0.5, 'Friday 17:30–18:00 only');
  assert.equal(hours('saturday'), 1, 'a weekend dispatch starts the clock on Monday 08:30');
  assert.equal(hours('lunch'), 0);
  assert.equal(hours('overnight'), 1.5, 'the evening and night do not count: 17:00–18:00 and 08:30–09:00');
  // on time is judged against the deadline instant, whatever the hour of the closing
  assert.deepEqual([...byUnit.values()].map((r) => [r.key, r.counts.closedOnTime]), [['evening', 1], ['lunch', 1], ['overnight', 0], ['saturday', 1], ['weekend', 1]]);
  const [all] = caseMetrics(rows, 'all', DEFAULT_WORKING_CALENDAR);
  assert.equal(all.avgHandlingHours, (0 + 0.5 + 1 + 0 + 1.5) / 5);
});
