import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime, groupCode, kindLabel, wholeRuns } from './format';
import { markItemRead, mergePage, unreadCount } from './inbox';

test('formatTime shows Asia/Shanghai wall time relative to now', () => {
  const now = new Date('2026-11-20T04:00:00Z'); // 12:00 in Shanghai
  const cases: [string, string][] = [
    ['2026-11-20T01:05:00Z', '今天 09:05'],
    ['2026-11-19T16:30:00Z', '今天 00:30'], // UTC yesterday, Shanghai today
    ['2026-11-19T10:30:00Z', '昨天 18:30'],
    ['2026-03-14T01:05:00.000Z', '03-14 09:05'],
    ['2025-12-31T16:00:00Z', '01-01 00:00'],
    ['2025-12-31T15:59:00Z', '2025-12-31 23:59'],
    ['not a date', 'not a date'],
  ];
  for (const [iso, want] of cases) assert.equal(formatTime(iso, now), want, iso);
});

test('kindLabel prefers the server label, then the table, then the raw kind', () => {
  assert.equal(kindLabel('site', '在建工地'), '在建工地');
  assert.equal(kindLabel('site'), '工地');
  assert.equal(kindLabel('mystery'), 'mystery');
});

test('inbox list helpers', () => {
  const a = { id: 'a', title: 'A', body: '', createdAt: '', read: false };
  const b = { id: 'b', title: 'B', body: '', createdAt: '', read: true };
  const c = { id: 'c', title: 'C', body: '', createdAt: '', read: false };
  assert.deepEqual(mergePage(null, [a]), [a]);
  assert.deepEqual(mergePage([a, b], [b, c]).map((i) => i.id), ['a', 'b', 'c']);
  const marked = markItemRead([a, b], 'a', true);
  assert.equal(marked[0].read, true);
  assert.equal(marked[1], b, 'untouched items keep identity');
  assert.equal(unreadCount([a, b, c]), 2);
});

test('groupCode: a 16-digit facility code in groups of four; other codes unchanged', () => {
  assert.equal(groupCode('4419000101000001'), '4419 0001 0100 0001');
  assert.equal(groupCode('44190001010001'), '4419 0001 0100 01');
  assert.equal(groupCode('ZQS1'), 'ZQS1');
  assert.equal(groupCode('1234'), '1234');
});


test('wholeRuns marks codes, dates, times and quantities whole, keeps the rest as written', () => {
  assert.deepEqual(wholeRuns('报告 ZHXJ-2026-0002（岐江公寓）结论不合格'), [
    { text: '报告 ', whole: false },
    { text: 'ZHXJ-2026-0002', whole: true },
    { text: '（岐江公寓）结论不合格', whole: false },
  ]);
  assert.deepEqual(wholeRuns('2026-12-07 到期，超 2 小时'), [
    { text: '2026-12-07', whole: true },
    { text: ' 到期，超 ', whole: false },
    { text: '2 小时', whole: true },
  ]);
  assert.deepEqual(wholeRuns('12-07 21:08 收到约 12 m³，强度 35.2 MPa'), [
    { text: '12-07 21:08', whole: true },
    { text: ' 收到约 ', whole: false },
    { text: '12 m³', whole: true },
    { text: '，强度 ', whole: false },
    { text: '35.2 MPa', whole: true },
  ]);
  assert.deepEqual(wholeRuns('-20 → 80').map((r) => r.whole), [false], 'a bare number is not a quantity');
  assert.deepEqual(wholeRuns('没有编号'), [{ text: '没有编号', whole: false }]);
  assert.deepEqual(wholeRuns(''), []);
  assert.equal(wholeRuns('a - b').length, 1, 'a spaced dash is not a code');
});
