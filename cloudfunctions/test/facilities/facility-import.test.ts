import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from 'mongodb';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, type CityFixture } from '../helpers/city-factory';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { FACILITIES, type Facility } from '../../src/contexts/facilities/facility.collection';
import { visibleFacilityFilter } from '../../src/contexts/facilities/facility.repository';
import { FACILITY_IMPORTS, type FacilityImport } from '../../src/contexts/facilities/facility-import.collection';

let sys: TestSystem;
let city: CityFixture;
let admin: { id: string; token: string };
before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
  admin = await sys.user('平台管理员', [{ role: 'admin', cityId: 'dongguan' }]);
  await sys.db.collection('orgs').insertOne({ _id: 'org-lights', kind: 'unit', name: '南城路灯管理所', cityId: 'dongguan' } as never);
});
after(async () => sys.close());

const HEADER = 'componentId,name,classCode,lng,lat,gridId,unitId,address';
const cid = (cls: string, serial: number) => `441900${cls}${String(serial).padStart(6, '0')}`;
/** Points inside grid g-a (nancheng, box 113.74–113.75 × 23.00–23.01) or g-b (dongcheng, 113.84…). */
const at = (i: number) => ({ lng: (i % 2 ? 113.84 : 113.74) + 0.0005 + ((i * 37) % 90) / 10000, lat: 23.0005 + ((i * 53) % 90) / 10000 });
const csv = (rows: string[]) => [HEADER, ...rows].join('\n');
const row = (id: string, name: string, cls: string, p: { lng: number; lat: number }, extra = ',,') => `${id},${name},${cls},${p.lng.toFixed(6)},${p.lat.toFixed(6)}${extra}`;
const post = (body: unknown, token = admin.token) => sys.call('POST', '/api/facilities/import', { token, body });
const count = (db: Db, filter: Record<string, unknown> = {}) => db.collection(FACILITIES).countDocuments(filter);

test('5,000 rows import in one request: every facility placed in its grid, town, unit and area chief, committed and resolvable', async () => {
  const lines = Array.from({ length: 5000 }, (_, i) => row(cid(i % 3 === 0 ? '0105' : '0101', 200_000 + i), `导入井盖${i + 1}号`, i % 3 === 0 ? '0105' : '0101', at(i), i === 4 ? ',,org-lights,鸿福路 8 号' : ',,'));
  const text = csv(lines);
  const bytes = Buffer.byteLength(JSON.stringify({ format: 'csv', text, cityId: 'dongguan' }));
  assert.ok(bytes < 1024 * 1024, `the 5,000-row request (${bytes} bytes) fits the 1 MB api body limit`);
  const t0 = performance.now();
  const r = await post({ format: 'csv', text, cityId: 'dongguan', countyCode: '441900' });
  const ms = performance.now() - t0;
  assert.equal(r.status, 201, JSON.stringify(r.json).slice(0, 500));
  assert.equal(r.json.data.imported, 5000);
  assert.deepEqual(r.json.data.errors, []);
  assert.match(r.json.data.batch, /^fb_/);
  assert.ok(ms < 15_000, `import took ${Math.round(ms)} ms; the api function has 15 s`);
  console.log(`# 5,000-row import: ${Math.round(ms)} ms, request ${Math.round(bytes / 1024)} KB`);

  const coll = sys.db.collection<Facility>(FACILITIES);
  // committed: visible to readers at once; the clean-up job flips `active` later
  assert.equal(await count(sys.db, { importBatch: r.json.data.batch }), 5000);
  assert.equal(await count(sys.db, await visibleFacilityFilter(sys.db)), 5000 + 2, 'the two seeded facilities and the 5,000');
  const a = (await coll.findOne({ componentId: cid('0101', 200_002) }))!;
  assert.match(a._id, /^fc_[0-9a-z]{16}$/);
  assert.deepEqual(a.scope, { cityId: 'dongguan', townId: 'nancheng', gridId: 'g-a', orgIds: ['org-roads'], public: true });
  assert.equal((a as { areaChiefId?: string }).areaChiefId, undefined, 'the 片长 is held by the grid, not copied onto the facility');
  const b = (await coll.findOne({ componentId: cid('0101', 200_001) }))!;
  assert.deepEqual([b.scope.townId, b.scope.gridId, b.scope.orgIds], ['dongcheng', 'g-b', ['org-east']]);
  const own = (await coll.findOne({ componentId: cid('0101', 200_004) }))!;
  assert.deepEqual([own.scope.orgIds, own.maintainerName, own.address], [['org-lights'], '南城路灯管理所', '鸿福路 8 号']);

  const url = signCodeUrl(sys.deps.config.codeSecret, sys.deps.config.codeBaseUrl, a._id);
  const scanned = await sys.call('GET', `/api/codes/${encodeURIComponent(url.split('/c/')[1])}`);
  assert.equal(scanned.status, 200);
  assert.equal(scanned.json.data.title, '导入井盖3号');
  assert.equal(scanned.json.data.data.gridId, 'g-a');
  const record = await sys.db.collection<FacilityImport>(FACILITY_IMPORTS).findOne({ _id: r.json.data.batch });
  assert.equal(record?.state, 'committed');
  assert.equal(record?.rows, 5000);
  assert.equal(await sys.db.collection('audit_log').countDocuments({ action: 'facility.import', 'target.id': r.json.data.batch }), 1);
});

test('one bad row rejects the whole file: a per-row error list, nothing written', async () => {
  const before = await count(sys.db);
  const existing = (await sys.db.collection<Facility>(FACILITIES).findOne({ _id: city.facilityA }))!.componentId;
  const text = csv([
    row(cid('0101', 300_001), '好的一行', '0101', at(0)), // line 2: fine
    row(cid('0101', 300_002), '坐标在网格外', '0101', { lng: 113.6, lat: 22.5 }), // 3
    row(existing, '库里已有', '0101', at(2)), // 4
    row(cid('0101', 300_004), '未知单位', '0101', at(4), ',,org-nowhere,'), // 5
    row(cid('0101', 300_005), '未知网格', '0101', at(6), ',g-zz,,'), // 6
    row('4403000101000001', '外县编码', '0101', at(8)), // 7
    row(cid('0101', 300_001), '文件内重复', '0101', at(10)), // 8
    row('4419009901000001', '大类不存在', '0101', at(12)), // 9
  ]);
  const r = await post({ format: 'csv', text, cityId: 'dongguan', countyCode: '441900' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'import_rejected');
  assert.match(r.json.message, /没有写入任何设施/);
  const got = r.json.data.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
  assert.deepEqual(got, ['3:location', '4:componentId', '5:unitId', '6:gridId', '7:componentId', '8:componentId', '9:componentId']);
  for (const e of r.json.data.errors) assert.match(e.message, /[\u4e00-\u9fff]/, 'messages are Chinese');
  assert.equal(await count(sys.db), before, 'nothing written, not even the good row');
  assert.equal(await sys.db.collection(FACILITY_IMPORTS).countDocuments(), 1, 'no batch was even started (only the first test\'s)');
});

test('GeoJSON import; errors carry the feature number', async () => {
  const feature = (id: string, name: string, p: { lng: number; lat: number }, props: Record<string, unknown> = {}) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties: { componentId: id, name, classCode: id.slice(6, 10), ...props } });
  const bad = await post({ format: 'geojson', cityId: 'dongguan', text: JSON.stringify({ type: 'FeatureCollection', features: [feature(cid('0302', 400_001), '垃圾箱1', at(0)), feature(cid('0302', 400_002), '垃圾箱2', { lng: 114.5, lat: 23.5 })] }) });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json.data.errors.map((e: { row: number; field: string }) => [e.row, e.field]), [[2, 'location']]);
  const good = await post({ format: 'geojson', cityId: 'dongguan', text: JSON.stringify({ type: 'FeatureCollection', features: [feature(cid('0302', 400_001), '垃圾箱1', at(0)), feature(cid('0302', 400_002), '垃圾箱2', at(1), { gridId: 'g-b' })] }) });
  assert.equal(good.status, 201, JSON.stringify(good.json));
  assert.equal(good.json.data.imported, 2);
});

test('only an admin of that city may import', async () => {
  const text = csv([row(cid('0101', 500_001), '井盖', '0101', at(0))]);
  assert.equal((await sys.call('POST', '/api/facilities/import', { body: { format: 'csv', text, cityId: 'dongguan' } })).status, 401);
  const chief = await post({ format: 'csv', text, cityId: 'dongguan' }, city.chiefA.token);
  assert.equal(chief.status, 403);
  const elsewhere = await sys.user('外市管理员', [{ role: 'admin', cityId: 'shenzhen' }]);
  assert.equal((await post({ format: 'csv', text, cityId: 'dongguan' }, elsewhere.token)).status, 403);
  const noGrids = await post({ format: 'csv', text, cityId: 'shenzhen' }, elsewhere.token);
  assert.equal(noGrids.status, 400);
  assert.equal(noGrids.json.data.errors[0].field, 'cityId');
  const empty = await post({ format: 'csv', text: HEADER, cityId: 'dongguan' });
  assert.equal(empty.status, 400);
  assert.equal(empty.json.error, 'import_rejected');
  const badFormat = await post({ format: 'xlsx', text, cityId: 'dongguan' });
  assert.equal(badFormat.status, 400);
  assert.equal(await count(sys.db, { componentId: cid('0101', 500_001) }), 0);
});
