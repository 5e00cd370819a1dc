import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExpertGrid, specialtiesOf, type ExpertImportCell } from './expert-import';

const HEADER = ['姓名', '手机号', '身份证号', '职称', '从业年限', '专业', '工作单位', '丰富经验'];
const grid = (...rows: (string | number | null)[][]): ExpertImportCell[][] => [HEADER, ...rows].map((r) => r.map((v) => ({ v })));

test('specialties by their labels (or codes), split on 、，,；; — unknown labels apart', () => {
  assert.deepEqual(specialtiesOf('岩土/深基坑、模架；safety'), { codes: ['geotech', 'formwork', 'safety'], unknown: [] });
  assert.deepEqual(specialtiesOf('模架, 桥梁'), { codes: ['formwork'], unknown: ['桥梁'] });
});

test('a row becomes the single entry’s request; numbers typed as numbers, 丰富经验 left empty', () => {
  const { rows, problems } = parseExpertGrid(grid(['王工', 13912345678, '11010519491231002X', '正高级', 22, '吊装与拆卸', '', null]));
  assert.deepEqual(problems, []);
  assert.deepEqual(rows, [{ row: 2, idNumber: '11010519491231002X', expert: { name: '王工', phone: '13912345678', title: '正高级', years: 22, richExperience: false, badCredit: false, specialties: ['lifting'], employer: null } }]);
});

test('problems by line: missing header, formula, bad years, rich experience, an ID twice or with a bad check digit, admission; blank lines skipped', () => {
  assert.deepEqual(parseExpertGrid([[{ v: '姓名' }]]).problems[0].row, 1);
  const g = grid(['甲', '13912345671', '11010519491231002X', '高级', '十年', '模架', 'A', '否'], [null, null, null, null, null, null, null, null], ['乙', '13912345672', '11010519491231002X', '高级', 10, '模架', 'B', '也许'], ['丙', '13912345673', '110105194912310021', '高级', 10, '模架', 'C', '否']);
  g[1][0] = { v: '=A1', formula: true };
  const { rows, problems } = parseExpertGrid(g);
  assert.deepEqual(rows, []);
  assert.deepEqual(problems.map((p) => [p.row, p.field]), [[2, '姓名'], [2, '从业年限'], [4, '丰富经验'], [4, '身份证号'], [5, '身份证号']]);
  assert.match(problems[3].message, /与第 2 行重复/);
  assert.match(problems[4].message, /校验位不正确/);
  const admit = parseExpertGrid(grid(['丁', '13912345674', '11010519491231002X', '高级', 10, '模架', 'D', '否'])).problems;
  assert.match(admit[0].message, /须从事本专业 15 年以上或具有丰富的专业经验/);
  assert.deepEqual(parseExpertGrid(grid()).problems, [{ row: 0, field: '文件', message: '文件中没有专家' }]);
});
