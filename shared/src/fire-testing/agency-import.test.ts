import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgencyGrid } from './agency-import';
import { AGENCY_IMPORT_COLUMNS } from './fire.limits';

const HEADER = AGENCY_IMPORT_COLUMNS.map(([h]) => ({ v: h }));
const line = (o: Record<string, string | number | boolean | null> = {}, formula?: string) => {
  const base: Record<string, string | number | boolean | null> = { 机构名称: '中山安信消防技术服务有限公司', 统一社会信用代码: '91442000ma4fire001', 镇街: 'shiqi', 地址: '民生路 18 号', 执业范围: '维保检测', 工作场所面积: 260, 企业法人: '是', 设备符合要求: 'Y', 质量管理体系: '有', 评估过程控制体系: '否', ...o };
  return AGENCY_IMPORT_COLUMNS.map(([h]) => ({ v: base[h], ...(h === formula ? { formula: true } : {}) }));
};

test('a row becomes the single-registration request: credit code upper-cased, 是/Y/有 and 否 read as yes and no', () => {
  const { rows, problems } = parseAgencyGrid([HEADER, line(), [], line({ 统一社会信用代码: '91442000MA4FIRE002', 镇街: null })]);
  assert.deepEqual(problems, []);
  assert.deepEqual(rows.map((r) => r.row), [2, 4], 'a blank line is skipped, lines keep their spreadsheet numbers');
  assert.deepEqual(rows[0].agency, { name: '中山安信消防技术服务有限公司', creditCode: '91442000MA4FIRE001', townId: 'shiqi', address: '民生路 18 号', practice: { scope: '维保检测', workplaceM2: 260, enterpriseLegalPerson: true, equipmentConforming: true, qualityManagementSystem: true, assessmentProcessControl: false } });
  assert.equal('townId' in rows[1].agency, false);
});

test('every problem of a line is named by its column; a missing column stops at the header', () => {
  const { rows, problems } = parseAgencyGrid([HEADER, line({ 工作场所面积: '约三百' }, '机构名称'), line({ 评估过程控制体系: '', 统一社会信用代码: '91442000MA4FIRE009' })]);
  assert.deepEqual(rows, []);
  assert.deepEqual(problems.map((p) => [p.row, p.field]), [[2, '机构名称'], [2, '工作场所面积'], [3, '评估过程控制体系']]);
  const noHeader = parseAgencyGrid([HEADER.slice(0, 5), line()]);
  assert.deepEqual(noHeader.problems.map((p) => p.row), [1]);
  assert.match(noHeader.problems[0].message, /缺少列：工作场所面积、企业法人/);
  assert.deepEqual(parseAgencyGrid([HEADER]).problems.map((p) => p.field), ['文件']);
});
