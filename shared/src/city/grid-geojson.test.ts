import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateGridImport, type GridImportContext } from './grid-geojson';

const box = (lng: number, lat: number, d: number) => [
  { lng, lat },
  { lng: lng + d, lat },
  { lng: lng + d, lat: lat + d },
  { lng, lat: lat + d },
];
/** A closed GeoJSON ring of the square at (lng, lat) with side d. */
const ring = (lng: number, lat: number, d: number) => [...box(lng, lat, d), { lng, lat }].map((p) => [p.lng, p.lat]);
const feature = (id: string, town: string, coordinates: number[][], name = `网格${id}`) => ({ type: 'Feature', properties: { id, name, town }, geometry: { type: 'Polygon', coordinates: [coordinates] } });
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

const ctx = (): GridImportContext => ({
  towns: new Map([
    ['shiqi', { name: '石岐街道', polygon: box(113.37, 22.51, 0.04) }],
    ['dongqu', { name: '东区街道', polygon: box(113.41, 22.51, 0.04) }],
    ['bare', { name: '无边界镇' }],
  ]),
  existing: [{ id: 'sq-01', name: '孙文西路网格', townId: 'shiqi', polygon: box(113.375, 22.515, 0.01) }],
  takenIds: new Set(['nc-01']),
});

test('valid grids pass, adjacent grids sharing a border do not overlap, and the ring is stored open', () => {
  const r = validateGridImport(fc(feature('sq-02', 'shiqi', ring(113.385, 22.515, 0.01)), feature('sq-03', 'shiqi', ring(113.395, 22.515, 0.01))), ctx());
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.grids.map((g) => [g.id, g.townId, g.polygon.length]), [['sq-02', 'shiqi', 4], ['sq-03', 'shiqi', 4]]);
});

test('re-importing a stored grid replaces it instead of overlapping itself', () => {
  const r = validateGridImport(fc(feature('sq-01', 'shiqi', ring(113.375, 22.515, 0.011))), ctx());
  assert.deepEqual(r.errors, []);
});

test('an open ring is refused, naming the feature', () => {
  const open = ring(113.385, 22.515, 0.01).slice(0, -1);
  const r = validateGridImport(fc(feature('sq-02', 'shiqi', open)), ctx());
  assert.deepEqual(r.errors, [{ feature: 1, id: 'sq-02', message: '环未闭合：最后一个坐标须与第一个相同' }]);
  assert.deepEqual(r.grids, []);
});

test('a self-intersecting ring (a bow tie) is refused', () => {
  const bow = [[113.38, 22.515], [113.39, 22.525], [113.39, 22.515], [113.38, 22.525], [113.38, 22.515]];
  const r = validateGridImport(fc(feature('sq-02', 'shiqi', ring(113.385, 22.515, 0.005)), feature('sq-09', 'shiqi', bow)), ctx());
  assert.deepEqual(r.errors, [{ feature: 2, id: 'sq-09', message: '边界自相交（环的边彼此交叉）' }]);
  assert.deepEqual(r.grids, [], 'nothing is imported when any feature fails');
});

test('overlapping grids are refused: with each other, and with a stored grid of the town', () => {
  const r = validateGridImport(fc(feature('sq-02', 'shiqi', ring(113.385, 22.515, 0.01)), feature('sq-03', 'shiqi', ring(113.39, 22.515, 0.01)), feature('sq-04', 'shiqi', ring(113.38, 22.52, 0.002))), ctx());
  assert.equal(r.errors.length, 2);
  assert.match(r.errors[0].message, /^与第 2 个要素（sq-03）重叠（约 \d+ 平方米）$/);
  assert.equal(r.errors[0].feature, 1);
  assert.match(r.errors[1].message, /^与已有网格“孙文西路网格”（sq-01）重叠/);
  assert.equal(r.errors[1].id, 'sq-04');
});

test('a grid outside its town, an unknown town, a town without a boundary, a taken id', () => {
  const r = validateGridImport(
    fc(feature('dq-09', 'dongqu', ring(113.44, 22.54, 0.02)), feature('x-1', 'nancheng', ring(113.385, 22.515, 0.001)), feature('b-1', 'bare', ring(113.5, 22.6, 0.001)), feature('nc-01', 'shiqi', ring(113.39, 22.53, 0.001))),
    ctx(),
  );
  assert.deepEqual(
    r.errors.map((e) => [e.feature, e.message]),
    [
      [1, '网格超出所属街道（镇）“东区街道”的边界'],
      [2, '街道（镇）“nancheng”不存在或不属于本市'],
      [3, '街道（镇）“无边界镇”尚无边界，无法校验网格是否在其范围内'],
      [4, '网格编号已被其他城市或其他区域使用'],
    ],
  );
});

test('shape errors: not a FeatureCollection, a Point, swapped coordinates, a hole, duplicate ids, missing names', () => {
  assert.deepEqual(validateGridImport({ type: 'Feature' }, ctx()).errors, [{ feature: 0, message: '文件须为 GeoJSON FeatureCollection' }]);
  const swapped = ring(113.385, 22.515, 0.01).map(([a, b]) => [b, a]);
  const holed = { type: 'Feature', properties: { id: 'h-1', name: '带洞', town: 'shiqi' }, geometry: { type: 'Polygon', coordinates: [ring(113.38, 22.52, 0.01), ring(113.383, 22.523, 0.001)] } };
  const r = validateGridImport(
    fc({ type: 'Feature', properties: { id: 'p-1', name: '点', town: 'shiqi' }, geometry: { type: 'Point', coordinates: [113.38, 22.52] } }, feature('s-1', 'shiqi', swapped), holed, feature('d-1', 'shiqi', ring(113.40, 22.53, 0.001)), feature('d-1', 'shiqi', ring(113.402, 22.53, 0.001)), feature('n-1', 'shiqi', ring(113.404, 22.53, 0.001), '')),
    ctx(),
  );
  assert.deepEqual(
    r.errors.map((e) => [e.feature, e.message]),
    [
      [1, '几何类型须为 Polygon（收到 Point）'],
      [2, '第 1 个顶点 [22.515, 113.385] 不在中国境内（经度在前，纬度在后，GCJ-02）'],
      [3, '网格不能带内洞（只能有一个外环）'],
      [5, '网格编号与第 4 个要素重复'],
      [6, '缺少网格名称（properties.name）'],
    ],
  );
});

test('the properties may be named in Chinese (编号, 名称, 街道), as the admin page says', () => {
  const f = { type: 'Feature', properties: { 编号: 'sq-02', 名称: '民族路网格', 街道: 'shiqi' }, geometry: { type: 'Polygon', coordinates: [ring(113.385, 22.515, 0.01)] } };
  const r = validateGridImport(fc(f), ctx());
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.grids.map((g) => [g.id, g.name, g.townId]), [['sq-02', '民族路网格', 'shiqi']]);
});
