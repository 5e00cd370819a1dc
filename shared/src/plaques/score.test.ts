import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextGrade, scoreOf, GRADE_PATROL, DEFAULT_SCORE_RULES } from './score';

const now = new Date('2026-11-26T04:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

test('deductions: half if self-fixed in time, double for a failed check or a repeat within 30 days, only the last 90 days', () => {
  const r = scoreOf(
    [
      { classCode: '0104', at: daysAgo(60), selfFixedInTime: true, checkFailed: false }, // 2
      { classCode: '0104', at: daysAgo(50), selfFixedInTime: true, checkFailed: false }, // repeat within 30 d → 8
      { classCode: '0502', at: daysAgo(10), selfFixedInTime: false, checkFailed: true }, // 16
      { classCode: '0102', at: daysAgo(100), selfFixedInTime: false, checkFailed: false }, // outside the window
    ],
    now,
  );
  assert.deepEqual(r.deductions.map((d) => d.points), [2, 8, 16]);
  assert.equal(r.score, 74);
});

test('hysteresis: down at once, up only with a 3-point margin', () => {
  assert.equal(nextGrade('B', 74), 'C');
  assert.equal(nextGrade('C', 76), 'C');
  assert.equal(nextGrade('C', 78), 'B');
  assert.equal(nextGrade('D', 95), 'A');
  assert.equal(nextGrade('A', 89.5), 'B');
  assert.equal(nextGrade(null, 59), 'D');
  assert.equal(nextGrade('B', 91), 'B', '91 < 90 + 3: stays B');
});

test('lower grades are patrolled more often', () => {
  assert.ok(GRADE_PATROL.C.per === 'day' && GRADE_PATROL.B.per === 'week' && GRADE_PATROL.B.times > GRADE_PATROL.A.times);
  assert.equal(GRADE_PATROL.D.chiefVisit, true);
});

test('a city’s own deduction table is used; other classes cost its default', () => {
  const c = { classCode: '0503', at: daysAgo(1), selfFixedInTime: false, checkFailed: false };
  assert.equal(scoreOf([c], now).score, 100 - DEFAULT_SCORE_RULES.deductions['0503']);
  assert.equal(scoreOf([c], now, { deductions: { '0503': 12 }, defaultDeduction: 1 }).score, 88);
  assert.equal(scoreOf([{ ...c, classCode: '0999' }], now, { deductions: {}, defaultDeduction: 7 }).score, 93);
});
