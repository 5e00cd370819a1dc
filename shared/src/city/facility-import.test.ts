import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatComponentId } from './component-id';
import { parseFacilitiesCsv, parseFacilitiesGeoJson, type ImportError } from './facility-import';

const HEADER = 'componentId,name,classCode,lng,lat,gridId,unitId,address';

test('valid CSV rows become facilities; optional columns are optional', () => {
  const csv = [
    HEADER,
    '4419000101000001,运河东一路上水井盖,0101,113.7512,23.0211,g-001,water,"莞城街道运河东一路 12 号, 东侧"',
    '4419000105000001,路灯 A-01,0105,113.7520,23.0215,,,',
    '',
  ].join('\r\n');
  assert.deepEqual(parseFacilitiesCsv(csv), {
    rows: [
      { componentId: '4419000101000001', name: '运河东一路上水井盖', classCode: '0101', countyCode: '441900', lng: 113.7512, lat: 23.0211, gridId: 'g-001', unitId: 'water', address: '莞城街道运河东一路 12 号, 东侧' },
      { componentId: '4419000105000001', name: '路灯 A-01', classCode: '0105', countyCode: '441900', lng: 113.752, lat: 23.0215 },
    ],
    errors: [],
  });
  // column order and case do not matter; unknown columns are ignored; only required columns present
  const shuffled = parseFacilitiesCsv('LAT,lng,Name,note,classcode,COMPONENTID\n23.02,113.75,井盖,x,0102,320508 01 02 000009');
  assert.deepEqual(shuffled.rows, [{ componentId: '3205080102000009', name: '井盖', classCode: '0102', countyCode: '320508', lng: 113.75, lat: 23.02 }]);
});

test('per-row errors: id, class consistency, coordinates, duplicates, empties', () => {
  const csv = [
    HEADER,
    '4419000101000001,ok,0101,113.75,23.02,,,', // row 2: valid
    '4419000101000001,dup,0101,113.75,23.02,,,', // row 3: duplicate of row 2
    '441900010100001,short,0101,113.75,23.02,,,', // row 4: 15 digits
    '4419000101000002,mismatch,0102,113.75,23.02,,,', // row 5: class differs from the id
    '4419000101000003,london,0101,-0.12,51.5,,,', // row 6: outside China
    '4419000101000004,,0101,abc,23.02,,,', // row 7: no name, bad lng
    '4419000199000001,unknown class,0199,113.75,23.02,,,', // row 8: 小类 0199 does not exist
    '4419000101000005,' + '名'.repeat(101) + ',0101,113.75,23.02,,,', // row 9: name too long
    ',,,,,,,', // blank row: skipped
  ].join('\n');
  const { rows, errors } = parseFacilitiesCsv(csv);
  assert.deepEqual(rows.map((r) => r.name), ['ok']);
  const expected: [number, string, string][] = [
    [3, 'componentId', '与第 2 行的部件标识码重复'],
    [4, 'componentId', '16 位数字'],
    [5, 'classCode', '0102 与部件标识码中的 0101 不一致'],
    [6, 'lng', '不在中国境内'],
    [7, 'name', '不能为空'],
    [7, 'lng', '经度应为数字'],
    [8, 'componentId', '小类 0199 不存在'],
    [9, 'name', '100'],
  ];
  assert.equal(errors.length, expected.length, JSON.stringify(errors));
  expected.forEach(([row, field, part], i) => {
    const e: ImportError = errors[i];
    assert.equal(e.row, row, JSON.stringify(e));
    assert.equal(e.field, field, JSON.stringify(e));
    assert.ok(e.message.includes(part), `${e.message} ⊅ ${part}`);
  });
});

test('missing required columns or an empty file are reported against the header', () => {
  assert.deepEqual(parseFacilitiesCsv('componentId,name,lng\n1,2,3'), {
    rows: [],
    errors: [
      { row: 1, field: 'classCode', message: '缺少列“classCode”' },
      { row: 1, field: 'lat', message: '缺少列“lat”' },
    ],
  });
  assert.deepEqual(parseFacilitiesCsv(''), { rows: [], errors: [{ row: 1, field: 'header', message: '文件为空' }] });
});

test('20,000 rows parse quickly and completely', () => {
  const lines = [HEADER];
  for (let i = 1; i <= 20_000; i++) {
    lines.push(`${formatComponentId({ countyCode: '441900', classCode: '0103', serial: i })},雨水井盖 ${i},0103,${(113.7 + i * 1e-6).toFixed(6)},23.02,g-${i % 100},,"地址 ${i}"`);
  }
  const t0 = performance.now();
  const { rows, errors } = parseFacilitiesCsv(lines.join('\n'));
  const ms = performance.now() - t0;
  assert.equal(errors.length, 0);
  assert.equal(rows.length, 20_000);
  assert.equal(rows[19_999].componentId, '4419000103020000');
  assert.ok(ms < 3000, `${ms.toFixed(0)} ms`);
});

const feature = (props: Record<string, unknown>, coordinates: unknown = [113.75, 23.02]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: props });

test('GeoJSON FeatureCollections of Points, with per-feature errors', () => {
  const fc = {
    type: 'FeatureCollection',
    features: [
      feature({ componentId: '4419000201000001', name: '公交站亭 1', classCode: '0201', gridId: 'g-1' }),
      feature({ componentId: '4419000201000001', name: 'dup', classCode: '0201' }),
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: {} },
      feature({ componentId: 4419000201000002, name: 'number id', classCode: '0201' }, [113.75, 60]),
      'junk',
    ],
  };
  const { rows, errors } = parseFacilitiesGeoJson(JSON.stringify(fc));
  assert.deepEqual(rows, [{ componentId: '4419000201000001', name: '公交站亭 1', classCode: '0201', countyCode: '441900', lng: 113.75, lat: 23.02, gridId: 'g-1' }]);
  assert.deepEqual(
    errors.map((e) => [e.row, e.field]),
    [
      [2, 'componentId'],
      [3, 'geometry'],
      [4, 'lat'],
      [5, 'feature'],
    ],
  );
  const table: [unknown, string][] = [
    ['{not json', '不是有效的 JSON 文件'],
    [{ type: 'Feature' }, '应为 GeoJSON FeatureCollection'],
    [{ type: 'FeatureCollection', features: {} }, '应为 GeoJSON FeatureCollection'],
    [null, '应为 GeoJSON FeatureCollection'],
  ];
  for (const [input, message] of table) assert.deepEqual(parseFacilitiesGeoJson(input), { rows: [], errors: [{ row: 0, field: 'file', message }] });
});
