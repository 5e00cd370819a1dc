import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classTableCsv, parseClassCsv, slaHours } from './class-csv';
import { SEED_CLASS_TABLE } from './classes';
import { slaOfClass } from './step-sla';

const HEAD = 'kind,code,name,parent,accept,dispatch,handle,handle_urgent,check,file_condition,close_condition';

test('a class CSV with majors, minors and per-step SLA in hours or working days', () => {
  const { table, errors } = parseClassCsv(`${HEAD}\n事件,01,市容环境,,,,,,,,\nevent,0104,道路不洁,01,1h,0.5,1d,2h,2d,"路面有垃圾, 污渍",已清扫\n`);
  assert.deepEqual(errors, []);
  assert.equal(table.majors.length, 1);
  assert.deepEqual(table.classes[0].sla, { acceptHours: 1, dispatchHours: 0.5, handleHours: 7.5, handleUrgentHours: 2, checkHours: 15 });
  assert.deepEqual(table.classes[0].limits, { urgentHours: 2, normalHours: 7.5 });
  assert.equal(table.classes[0].fileCondition, '路面有垃圾, 污渍');
});

test('hostile class CSV: every problem is named with its line, and no table is usable', () => {
  const csv = [
    HEAD,
    'event,01,市容环境,,,,,,,,',
    'event,0104,道路不洁,01,,,5h,2h,,,',
    'event,0104,道路不洁（重复）,01,,,5h,2h,,,',
    'event,0901,未知大类,09,,,5h,2h,,,',
    'event,0105,时限错误,01,,,五小时,2h,,,',
    'event,0106,紧急长于一般,01,,,2h,5h,,,',
    'event,0107,=HYPERLINK(),01,,,2h,1h,,,',
    'town,0108,类型错误,01,,,2h,1h,,,',
    'event,0209,前缀不符,01,,,2h,1h,,,',
  ].join('\n');
  const { errors } = parseClassCsv(csv);
  assert.deepEqual(
    errors.map((e) => e.line),
    [4, 5, 6, 7, 8, 9, 10],
  );
  assert.match(errors[0].message, /编码重复：事件 0104（第 3 行已有）/);
  assert.match(errors[1].message, /上级大类 09 不在文件中/);
  assert.match(errors[2].message, /handle：时限格式/);
  assert.match(errors[3].message, /紧急处置时限/);
  assert.match(errors[4].message, /公式/);
  assert.match(errors[5].message, /类型应为/);
  assert.match(errors[6].message, /前两位/);
});

test('a header without the required columns, or an empty file, is refused', () => {
  assert.match(parseClassCsv('code,name\n0101,x').errors[0].message, /表头缺少列：kind、parent、handle、handle_urgent/);
  assert.match(parseClassCsv('').errors[0].message, /文件为空/);
  assert.match(parseClassCsv(`${HEAD},extra\n`).errors[0].message, /未知列：extra/);
});

test('SLA cells: hours, working days, nothing else', () => {
  assert.equal(slaHours('4'), 4);
  assert.equal(slaHours('2d'), 15);
  assert.match(String(slaHours('0h')), /大于 0/);
  assert.match(String(slaHours('-1')), /格式/);
  assert.match(String(slaHours('9999d')), /过长/);
});

test('the seed table round-trips through its CSV (the demo imports it this way)', () => {
  const seed = { majors: [...SEED_CLASS_TABLE.majors], classes: SEED_CLASS_TABLE.classes.map((c) => ({ ...c, sla: slaOfClass(c) })) };
  const { table, errors } = parseClassCsv(classTableCsv(seed));
  assert.deepEqual(errors, []);
  assert.equal(table.classes.length, 29);
  assert.deepEqual(
    table.classes.map((c) => [c.kind, c.code, c.name, c.sla.handleHours, c.sla.handleUrgentHours, c.fileCondition]),
    seed.classes.map((c) => [c.kind, c.code, c.name, c.sla.handleHours, c.sla.handleUrgentHours, c.fileCondition]),
  );
});

test('the header and the time limits may be written in Chinese, as the admin page shows them', () => {
  const { table, errors } = parseClassCsv('类型,编码,名称,上级,受理,派遣,处置,紧急处置,核查,立案条件,结案条件\n事件,01,市容环境,,,,,,,,\n事件,0104,道路不洁,01,2小时,1小时,5小时,2小时,1工作日,路面有明显垃圾,已清扫干净\n');
  assert.deepEqual(errors, []);
  assert.deepEqual(table.classes[0].sla, { ...table.classes[0].sla, acceptHours: 2, dispatchHours: 1, handleHours: 5, handleUrgentHours: 2, checkHours: 7.5 });
  assert.equal(table.classes[0].closeCondition, '已清扫干净');
  assert.equal(slaHours('3工作日'), 22.5);
});
