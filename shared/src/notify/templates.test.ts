import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monthDayTime, wechatTime } from './templates';

test('message times are Beijing time: the day and time in text, with the year for the WeChat time field', () => {
  assert.equal(monthDayTime(new Date('2026-12-11T03:00:00Z')), '12月11日 11:00');
  // 16:05 UTC on New Year's Eve is already the next day (and year) in Beijing
  assert.equal(monthDayTime(new Date('2026-12-31T16:05:00Z')), '1月1日 00:05');
  assert.equal(wechatTime(new Date('2026-12-31T16:05:00Z')), '2027年1月1日 00:05');
});
