import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatComponentId, isComponentId, nextComponentId, parseComponentId } from './component-id';
import { assertThrowsCode } from './city.testing';

test('parses the published example (docs/domain/city.md §1.4) and other valid ids', () => {
  const table: [string, object][] = [
    ['3205080101000001', { countyCode: '320508', majorCode: '01', minorCode: '01', classCode: '0101', serial: 1 }],
    ['320508 01 01 000001', { countyCode: '320508', majorCode: '01', minorCode: '01', classCode: '0101', serial: 1 }],
    ['4419000201999999', { countyCode: '441900', majorCode: '02', minorCode: '01', classCode: '0201', serial: 999999 }],
    ['1101010105000042', { countyCode: '110101', majorCode: '01', minorCode: '05', classCode: '0105', serial: 42 }],
  ];
  for (const [id, parts] of table) assert.deepEqual(parseComponentId(id), parts, id);
});

test('rejects malformed ids with a reason', () => {
  const table: [string, string][] = [
    ['320508010100001', '16 位数字'],
    ['32050801010000011', '16 位数字'],
    ['32050801010000a1', '16 位数字'],
    ['', '16 位数字'],
    ['9905080101000001', '行政区划代码'],
    ['0005080101000001', '行政区划代码'],
    ['3205089901000001', '大类 99'],
    ['3205080199000001', '小类 0199'],
    ['3205080101000000', '000000'],
  ];
  for (const [id, part] of table) {
    assertThrowsCode(() => parseComponentId(id), 'invalid_component_id', part);
    assert.equal(isComponentId(id), false, id);
  }
  assert.equal(isComponentId('3205080101000001'), true);
});

test('formats ids, plain and spaced as printed; round-trips through parse', () => {
  assert.equal(formatComponentId({ countyCode: '320508', classCode: '0101', serial: 1 }), '3205080101000001');
  assert.equal(formatComponentId({ countyCode: '441900', classCode: '0302', serial: 1234 }, { spaced: true }), '441900 03 02 001234');
  const id = formatComponentId({ countyCode: '441900', classCode: '0401', serial: 77 });
  assert.equal(parseComponentId(id).serial, 77);
  const bad: [object, string][] = [
    [{ countyCode: '32050', classCode: '0101', serial: 1 }, '6 位'],
    [{ countyCode: '320508', classCode: '101', serial: 1 }, '4 位'],
    [{ countyCode: '320508', classCode: '0101', serial: 0 }, '流水号'],
    [{ countyCode: '320508', classCode: '0101', serial: 1_000_000 }, '流水号'],
    [{ countyCode: '320508', classCode: '0101', serial: 1.5 }, '流水号'],
    [{ countyCode: '320508', classCode: '0199', serial: 1 }, '小类'],
  ];
  for (const [parts, part] of bad) assertThrowsCode(() => formatComponentId(parts as never), 'invalid_component_id', part);
});

test('next serial: one past the highest of the same county and class, ignoring others', () => {
  const existing = ['3205080101000001', '3205080101000007', '3205080102000050', '3205090101000900', 'junk', '3205080101000003'];
  const table: [string, string, string[], string][] = [
    ['320508', '0101', existing, '3205080101000008'],
    ['320508', '0102', existing, '3205080102000051'],
    ['320509', '0101', existing, '3205090101000901'],
    ['441900', '0101', existing, '4419000101000001'],
    ['441900', '0101', [], '4419000101000001'],
  ];
  for (const [county, cls, ids, next] of table) assert.equal(nextComponentId(county, cls, ids), next);
  assertThrowsCode(() => nextComponentId('320508', '0101', ['3205080101999999']), 'component_serial_exhausted');
});
