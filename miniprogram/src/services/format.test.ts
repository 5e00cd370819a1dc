import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime, groupCode, kindLabel } from './format';
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
