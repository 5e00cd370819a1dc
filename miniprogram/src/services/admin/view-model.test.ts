import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminCities, errorLine, previewSummary, slaText } from './view-model';

test('the admin pages: the admin’s cities, SLA wording, previews', () => {
  assert.deepEqual(adminCities([{ role: 'regulator', cityId: 'dongguan' }, { role: 'admin', cityId: 'zhongshan' }, { role: 'admin', cityId: 'zhongshan' }]), ['zhongshan']);
  assert.equal(slaText(15), '2 个工作日');
  assert.equal(slaText(5), '5 小时');
  assert.equal(errorLine({ line: 4, message: '编码重复' }), '第 4 行：编码重复');
  assert.equal(errorLine({ line: 0, message: '文件为空' }), '文件为空');
  assert.match(previewSummary({ ok: false, errors: [{ line: 2, message: 'x' }], counts: {} }, 'calendar'), /发现 1 处错误/);
  assert.equal(previewSummary({ ok: true, errors: [], counts: { holidays: 33, workdays: 6 }, version: 2 }, 'calendar'), '已导入：33 个节假日、6 个调休上班日（版本 2）');
});
