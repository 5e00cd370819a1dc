import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_CLASS_TABLE, classByCode, classKey, classesOf, findClass, majorClassByCode, type ClassKind } from './classes';
import { assertThrowsCode } from './city.testing';

test('looks up small classes by kind and code (component and event 0101 differ)', () => {
  const table: [ClassKind, string, string, string][] = [
    ['component', '0101', '上水井盖', '公用设施'],
    ['component', '0102', '污水井盖', '公用设施'],
    ['component', '0103', '雨水井盖', '公用设施'],
    ['component', '0105', '路灯', '公用设施'],
    ['component', '0201', '公交站亭', '道路交通'],
    ['event', '0101', '违法搭建', '市容环境'],
    ['event', '0102', '暴露垃圾', '市容环境'],
    ['event', '0104', '道路不洁', '市容环境'],
    ['event', '0504', '机动车乱停放', '街面秩序'],
  ];
  for (const [kind, code, name, major] of table) {
    const c = classByCode(kind, code);
    assert.equal(c.name, name, `${kind} ${code}`);
    assert.equal(c.kind, kind);
    assert.equal(c.majorCode + c.minorCode, code);
    assert.equal(majorClassByCode(kind, c.majorCode)?.name, major);
  }
});

test('the verified 济源 time limits are in working hours (1 working day = 7.5 h)', () => {
  const table: [string, number][] = [
    ['0102', 7.5], // 暴露垃圾 1 working day
    ['0104', 5], // 道路不洁 5 working hours
    ['0101', 112.5], // 违法搭建 15 working days
  ];
  for (const [code, hours] of table) {
    const c = classByCode('event', code);
    assert.equal(c.limits.normalHours, hours, code);
    assert.equal(c.basis.limits, 'V', code);
  }
});

test('unknown classes are a clear error naming the kind and the code', () => {
  const table: [ClassKind, string, string][] = [
    ['component', '0199', '部件'],
    ['event', '0999', '事件'],
    ['component', '', '部件'],
    ['event', '104', '事件'],
  ];
  for (const [kind, code, label] of table) {
    assertThrowsCode(() => classByCode(kind, code), 'unknown_class', `未知的${label}小类编码`, code);
    assert.equal(findClass(kind, code), undefined);
  }
});

test('the seed table is well formed: ~25+ classes, unique keys, known majors, urgent ≤ normal, texts filled', () => {
  const { classes } = SEED_CLASS_TABLE;
  assert.ok(classes.length >= 25, `${classes.length} classes`);
  assert.equal(new Set(classes.map((c) => classKey(c.kind, c.code))).size, classes.length);
  for (const c of classes) {
    const where = classKey(c.kind, c.code);
    assert.match(c.code, /^\d{4}$/, where);
    assert.ok(majorClassByCode(c.kind, c.majorCode), `${where}: major`);
    assert.ok(c.limits.urgentHours > 0 && c.limits.urgentHours <= c.limits.normalHours, `${where}: limits`);
    assert.ok(c.fileCondition.length >= 8 && c.closeCondition.length >= 8, `${where}: conditions`);
  }
  assert.deepEqual(
    classesOf('event').map((c) => c.code).slice(0, 6),
    ['0101', '0102', '0103', '0104', '0105', '0106'],
  );
  assert.ok(classesOf('component').every((c) => c.kind === 'component'));
});

test('a city can supply its own table (扩展 classes)', () => {
  const local = { majors: [{ kind: 'event' as const, code: '09', name: '扩展' }], classes: [{ ...classByCode('event', '0104'), code: '0901', majorCode: '09', minorCode: '01', name: '共享单车乱停放' }] };
  assert.equal(classByCode('event', '0901', local).name, '共享单车乱停放');
  assertThrowsCode(() => classByCode('event', '0104', local), 'unknown_class');
});
