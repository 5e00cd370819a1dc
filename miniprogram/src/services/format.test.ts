import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime, groupCode, keepUnits, kindLabel, wholeRuns } from './format';
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

test('keepUnits: a number and its unit are joined by a no-break space; other spaces stay', () => {
  assert.equal(keepUnits('累计 -17.59 mm，控制值 20.00 mm（88%），速率 -0.52 mm/d'), '累计 -17.59\u00a0mm，控制值 20.00\u00a0mm（88%），速率 -0.52\u00a0mm/d');
  assert.equal(keepUnits('开挖深度 10 米，请审核'), '开挖深度 10\u00a0米，请审核');
  assert.equal(keepUnits('测点 ZQS1 累计'), '测点 ZQS1 累计', 'words keep their spaces');
  assert.equal(keepUnits('2 mmx'), '2 mmx');
});

test('wholeRuns marks hyphenated codes and dates whole, keeps the rest as written', () => {
  assert.deepEqual(wholeRuns('报告 ZHXJ-2026-0002（岐江公寓）结论不合格'), [
    { text: '报告 ', whole: false },
    { text: 'ZHXJ-2026-0002', whole: true },
    { text: '（岐江公寓）结论不合格', whole: false },
  ]);
  assert.deepEqual(wholeRuns('2026-12-07 到期，超 2 小时'), [
    { text: '2026-12-07', whole: true },
    { text: ' 到期，超 2\u00a0小时', whole: false },
  ]);
  assert.deepEqual(wholeRuns('没有编号'), [{ text: '没有编号', whole: false }]);
  assert.deepEqual(wholeRuns(''), []);
  assert.equal(wholeRuns('a - b').length, 1, 'a spaced dash is not a code');
});
