import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstrumentGrid } from './instrument-import';

const HEADER = ['仪器名称', '出厂编号', '检定证书编号', '有效期至'].map((v) => ({ v }));
const row = (...v: (string | number | null)[]) => v.map((x) => ({ v: x }));

test('instrument rows: a date cell or text date; a repeated serial and a short certificate number named by line', () => {
  const { rows, problems } = parseInstrumentGrid([HEADER, row('数字压力表', 'YL-1', 'JD2025-1', 46568), row('声级计', 'SJ-2', 'JD2025-2', '2027/01/31'), row('风速计', 'YL-1', 'JD', '2027-01-31')]);
  assert.deepEqual(rows.map((r) => [r.row, r.instrument.validUntil]), [[2, '2027-06-30'], [3, '2027-01-31']]);
  assert.deepEqual(problems.map((p) => [p.row, p.field]), [[4, '检定证书编号'], [4, '出厂编号']]);
  assert.match(problems[1].message, /与第 2 行重复/);
  assert.match(parseInstrumentGrid([HEADER.slice(1)]).problems[0].message, /缺少列：仪器名称/);
});
