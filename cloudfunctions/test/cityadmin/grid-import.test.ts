/**
 * Grids as data (issue 12): the city admin imports grid polygons from GeoJSON, all or nothing; hostile files
 * (an open ring, a self-intersecting ring, overlapping grids, a grid outside its town) are refused with Chinese
 * errors naming the feature, and nothing is written. Rename and retire are versioned.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TestSystem } from '../helpers/test-system';
import { collection, demoCities, gridFeature, ring } from './demo-city';

let sys: TestSystem;
let admin: { id: string; token: string };
let zsAdmin: { id: string; token: string };
let regulator: { id: string; token: string };
const regions = async () => (await sys.db.collection('regions').find({}).sort({ _id: 1 }).toArray()).map((r) => JSON.stringify(r));
const importAs = (token: string, geojson: unknown, cityId?: string) => sys.call('POST', '/api/admin/grids/import', { token, body: { geojson: typeof geojson === 'string' ? geojson : JSON.stringify(geojson), ...(cityId ? { cityId } : {}) } });

before(async () => {
  const d = await demoCities();
  sys = d.sys;
  admin = await d.as('admin');
  zsAdmin = await d.as('zs-admin');
  regulator = await d.as('shiqi-regulator');
});
after(async () => sys.close());

test('hostile files are refused whole with an error per feature, and nothing is written', async () => {
  const before = await regions();
  const open = ring(113.395, 22.515, 0.005).slice(0, -1);
  const bowTie = [[113.39, 22.53], [113.4, 22.54], [113.4, 22.53], [113.39, 22.54], [113.39, 22.53]];
  const cases: [string, unknown, RegExp][] = [
    ['open ring', collection(gridFeature('sq-11', 'shiqi', ring(113.372, 22.53, 0.003)), gridFeature('sq-12', 'shiqi', open)), /^环未闭合/],
    ['self-intersecting', collection(gridFeature('sq-13', 'shiqi', bowTie)), /^边界自相交/],
    ['overlapping each other', collection(gridFeature('sq-14', 'shiqi', ring(113.372, 22.53, 0.004)), gridFeature('sq-15', 'shiqi', ring(113.374, 22.53, 0.004))), /^与第 2 个要素（sq-15）重叠/],
    ['overlapping a stored grid', collection(gridFeature('sq-16', 'shiqi', ring(113.38, 22.52, 0.002))), /^与已有网格“石岐孙文西路网格”（sq-01）重叠/],
    ['outside its town', collection(gridFeature('dq-19', 'dongqu', ring(113.445, 22.545, 0.01))), /^网格超出所属街道（镇）“东区街道”的边界$/],
    ['another city’s town', collection(gridFeature('x-1', 'nancheng', ring(113.74, 23.0, 0.001))), /^街道（镇）“nancheng”不存在或不属于本市$/],
    ['another city’s grid id', collection(gridFeature('nc-01', 'shiqi', ring(113.372, 22.53, 0.001))), /^网格编号已被其他城市或其他区域使用$/],
  ];
  for (const [label, fc, message] of cases) {
    const r = await importAs(zsAdmin.token, fc);
    assert.equal(r.status, 400, label);
    assert.equal(r.json.error, 'grid_import_rejected', label);
    assert.match(r.json.message, /未导入任何网格/, label);
    assert.ok(r.json.data.errors.some((e: { message: string; feature: number }) => message.test(e.message) && e.feature >= 1), `${label}: ${JSON.stringify(r.json.data.errors)}`);
  }
  const notJson = await importAs(zsAdmin.token, '{"type": "FeatureCollection", ');
  assert.equal(notJson.status, 400);
  assert.equal(notJson.json.message, '文件不是有效的 JSON（GeoJSON）');
  assert.deepEqual(await regions(), before, 'no region was written or changed');
});

test('a valid file imports every grid; a re-import keeps the 片长; routing uses the new grid at once', async () => {
  const fc = collection(gridFeature('sq-03', 'shiqi', ring(113.395, 22.515, 0.01), '石岐莲峰网格'), gridFeature('sq-01', 'shiqi', ring(113.375, 22.515, 0.0099), '石岐孙文西路网格'));
  const r = await importAs(zsAdmin.token, fc);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.deepEqual([r.json.data.imported, r.json.data.created, r.json.data.updated], [2, 1, 1]);
  const sq01 = await sys.db.collection('regions').findOne({ _id: 'sq-01' as never });
  const chief = await sys.db.collection('users').findOne({ persona: 'chief-shiqi' });
  assert.equal(sq01?.areaChiefId, String(chief?._id), 'the re-imported grid keeps its 片长');
  assert.equal(sq01?.polygon.length, 4);
  const list = await sys.call('GET', '/api/admin/grids', { token: zsAdmin.token });
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.data.grids.filter((g: { townId: string }) => g.townId === 'shiqi').map((g: { id: string; name: string }) => [g.id, g.name]), [['sq-01', '石岐孙文西路网格'], ['sq-02', '石岐民族路网格'], ['sq-03', '石岐莲峰网格']]);
  assert.equal(list.json.policies['region.manage'], true);
  const audit = await sys.db.collection('audit_log').findOne({ action: 'region.import_grids' });
  assert.equal(audit?.actorId, zsAdmin.id);
});

test('only the city’s admin imports: a regulator is refused, the other city’s admin gets 404', async () => {
  const fc = collection(gridFeature('sq-04', 'shiqi', ring(113.372, 22.53, 0.003)));
  assert.equal((await importAs(regulator.token, fc)).status, 403);
  const r = await importAs(admin.token, fc, 'zhongshan');
  assert.equal(r.status, 404);
  assert.equal(r.json.message, '该城市不在您的管理范围内');
  assert.equal(await sys.db.collection('regions').countDocuments({ _id: 'sq-04' as never }), 0);
});

test('rename and retire are versioned; a retired grid routes nothing', async () => {
  const g = (await sys.call('GET', '/api/admin/grids', { token: zsAdmin.token })).json.data.grids.find((x: { id: string }) => x.id === 'sq-03');
  const stale = await sys.call('PATCH', '/api/admin/grids/sq-03', { token: zsAdmin.token, body: { name: '莲峰网格', version: g.version + 5 } });
  assert.equal(stale.status, 409);
  const ok = await sys.call('PATCH', '/api/admin/grids/sq-03', { token: zsAdmin.token, body: { name: '莲峰网格', version: g.version } });
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  const foreign = await sys.call('PATCH', '/api/admin/grids/sq-03', { token: admin.token, body: { name: '东莞改名', version: ok.json.data.version } });
  assert.equal(foreign.status, 404, 'a Dongguan admin cannot see a Zhongshan grid');
  const retired = await sys.call('POST', '/api/admin/grids/sq-03/retire', { token: zsAdmin.token, body: { version: ok.json.data.version, reason: '并入孙文西路网格' } });
  assert.equal(retired.status, 200, JSON.stringify(retired.json));
  const doc = await sys.db.collection('regions').findOne({ _id: 'sq-03' as never });
  assert.deepEqual([doc?.name, doc?.retired, doc?.history.map((e: { action: string }) => e.action)], ['莲峰网格', true, ['grid.rename', 'grid.retire']]);
  const again = await sys.call('POST', '/api/admin/grids/sq-03/retire', { token: zsAdmin.token, body: { version: retired.json.data.version, reason: '再次停用' } });
  assert.equal(again.status, 409);
  // a report inside the retired grid finds no grid (the town's queue takes it)
  const citizen = await sys.user('市民', []);
  const { photo } = await import('../helpers/city-factory');
  const r = await sys.call('POST', '/api/cases', { token: citizen.token, body: { kind: 'event', classCode: '0104', description: '路面有油污', photos: [await photo(sys, citizen.token, 'p')], location: { lng: 113.398, lat: 22.518, accuracy: 10 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const kase = await sys.db.collection('cases').findOne({ _id: r.json.data.id });
  assert.equal(kase?.scope.gridId, undefined);
  assert.deepEqual([kase?.scope.cityId, kase?.scope.townId], ['zhongshan', 'shiqi']);
});
