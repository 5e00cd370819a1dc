import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptanceCrosscheck } from './acceptance-crosscheck';

test('an item failed at acceptance but passed in the report is a conflict, in the acceptance order', () => {
  const testReport = { 室内消火栓系统: '合格', 自动喷水灭火系统: '合格', 火灾自动报警系统: '合格', 防烟排烟系统: '不合格' };
  const acceptance = { 防烟排烟系统: '不合格', 火灾自动报警系统: '不合格', 应急照明: '不合格', 室内消火栓系统: '合格', 自动喷水灭火系统: '不合格' };
  // 防烟排烟系统 failed both (no conflict); 应急照明 is not in the report (no conflict)
  assert.deepEqual(acceptanceCrosscheck({ testReport, acceptance }), { conflictingItems: ['火灾自动报警系统', '自动喷水灭火系统'], suspectedFalseReport: true });
  assert.deepEqual(acceptanceCrosscheck({ testReport, acceptance: { 室内消火栓系统: '合格' } }), { conflictingItems: [], suspectedFalseReport: false });
  assert.deepEqual(acceptanceCrosscheck({ testReport: {}, acceptance: {} }), { conflictingItems: [], suspectedFalseReport: false });
  // an acceptance pass where the report failed is not a false report
  assert.deepEqual(acceptanceCrosscheck({ testReport: { 防烟排烟系统: '不合格' }, acceptance: { 防烟排烟系统: '合格' } }).suspectedFalseReport, false);
});

test('bad requests', () => {
  assert.throws(() => acceptanceCrosscheck({ testReport: { a: '通过' }, acceptance: {} }), /testReport\.a: /);
  assert.throws(() => acceptanceCrosscheck({ testReport: {} }), /acceptance: required/);
  assert.throws(() => acceptanceCrosscheck({ testReport: [], acceptance: {} }), /testReport/);
});
