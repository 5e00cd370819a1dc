import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo } from '../helpers/city-factory';
import { invalidateRoutingTables } from '../../src/contexts/cases/routing-tables';

// No city id is hard-coded: a grid of a second city (中山 石岐) gives that city's scope to a report without a
// facility and to a patrol rule, taken from the regions (grid → town → city).
let sys: TestSystem;
let chief: { id: string; token: string };
let patroller: { id: string; token: string };
const box = (lng: number, lat: number, d = 0.01) => [
  { lng, lat },
  { lng: lng + d, lat },
  { lng: lng + d, lat: lat + d },
  { lng, lat: lat + d },
];

before(async () => {
  sys = await startTestSystem();
  await buildCity(sys); // 东莞: 南城, 东城
  chief = await sys.user('石岐片长', [{ role: 'areaChief', cityId: 'zhongshan', townId: 'shiqi', gridIds: ['zs-01'] }]);
  patroller = await sys.user('石岐巡查员', [{ role: 'patroller', cityId: 'zhongshan', townId: 'shiqi', gridIds: ['zs-01'], orgId: 'org-zs-patrol' }]);
  await sys.db.collection('regions').insertMany([
    { _id: 'shiqi', kind: 'town', name: '石岐街道', parentId: 'zhongshan', polygon: box(113.3, 22.45, 0.1) },
    { _id: 'zs-01', kind: 'grid', name: '石岐第一网格', parentId: 'shiqi', polygon: box(113.35, 22.5), areaChiefId: chief.id },
  ] as never[]);
  await sys.db.collection('unit_contacts').insertOne({ _id: 's:e', townId: 'shiqi', kind: 'event', classCode: '*', unitId: 'org-zs-sanitation' } as never);
  await sys.db.collection('facilities').insertOne({
    _id: 'fc_testzs0000001',
    componentId: '4420000101000001',
    classCode: '0101',
    name: '石岐井盖',
    location: { lng: 113.355, lat: 22.505 },
    scope: { cityId: 'zhongshan', townId: 'shiqi', gridId: 'zs-01', orgIds: ['org-zs-water'], public: true },
    areaChiefId: chief.id,
    maintainerName: 'org-zs-water',
    createdAt: sys.deps.now(),
    version: 1,
  } as never);
  invalidateRoutingTables();
});
after(async () => sys.close());

test('a report without a facility in a Zhongshan grid gets a Zhongshan case scope and reaches that grid’s area chief', async () => {
  const citizen = await sys.user('中山市民', []);
  const r = await sys.call('POST', '/api/cases', {
    token: citizen.token,
    body: { kind: 'event', classCode: '0104', description: '路面大片油污', photos: [await photo(sys, citizen.token, 'zs')], location: { lng: 113.355, lat: 22.505 } },
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const doc = await sys.db.collection('cases').findOne({ _id: r.json.data.id } as never);
  assert.deepEqual([doc?.scope.cityId, doc?.scope.townId, doc?.scope.gridId], ['zhongshan', 'shiqi', 'zs-01']);
  const queue = await sys.call('GET', '/api/cases', { token: chief.token });
  assert.deepEqual(queue.json.data.map((x: { id: string }) => x.id), [r.json.data.id]);
});

test('outside every grid, the town polygon still gives the city (Zhongshan town → Zhongshan case)', async () => {
  const citizen = await sys.user('中山市民乙', []);
  const r = await sys.call('POST', '/api/cases', {
    token: citizen.token,
    body: { kind: 'event', classCode: '0104', description: '路边垃圾堆积', photos: [await photo(sys, citizen.token, 'zs2')], location: { lng: 113.31, lat: 22.46 } },
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.queue, 'town_dispatch');
  const doc = await sys.db.collection('cases').findOne({ _id: r.json.data.id } as never);
  assert.deepEqual([doc?.scope.cityId, doc?.scope.townId], ['zhongshan', 'shiqi']);
});

test('outside every town of several cities, a report cannot be placed: 400 outside_service_area', async () => {
  const citizen = await sys.user('远方市民', []);
  const r = await sys.call('POST', '/api/cases', {
    token: citizen.token,
    body: { kind: 'event', classCode: '0104', description: '路边垃圾堆积', photos: [await photo(sys, citizen.token, 'far')], location: { lng: 110.0, lat: 20.0 } },
  });
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.equal(r.json.error, 'outside_service_area');
});

test('a Zhongshan area chief sets a patrol rule on a Zhongshan grid: the rule’s scope is Zhongshan', async () => {
  const r = await sys.call('POST', '/api/patrol/rules', { token: chief.token, body: { name: '石岐井盖日巡', gridId: 'zs-01', wholeGrid: true, per: 'day', times: 1, patrollerIds: [patroller.id] } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const rule = await sys.db.collection('patrol_rules').findOne({ _id: r.json.data.id } as never);
  assert.deepEqual(rule?.scope, { cityId: 'zhongshan', townId: 'shiqi', gridId: 'zs-01' });
});
