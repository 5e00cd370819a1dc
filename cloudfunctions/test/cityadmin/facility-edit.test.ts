/**
 * Facilities edited and retired by the admin or the town regulator (issue 12): versioned, audited, kept inside
 * the city and the grid; a retired facility's code answers 该设施已停用 and takes no reports.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TestSystem } from '../helpers/test-system';
import { photo } from '../helpers/city-factory';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { demoCities } from './demo-city';

let sys: TestSystem;
let as: Awaited<ReturnType<typeof demoCities>>['as'];
const version = async (id: string) => (await sys.db.collection('facilities').findOne({ _id: id as never }))?.version as number;

before(async () => {
  ({ sys, as } = await demoCities());
});
after(async () => sys.close());

test('the town regulator renames a facility and moves it to another grid of the town', async () => {
  const reg = await as('shiqi-regulator');
  const list = await sys.call('GET', '/api/admin/facilities?gridId=sq-02', { token: reg.token });
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.data.map((f: { id: string }) => f.id), ['fc_demo0sq02bus01']);
  const r = await sys.call('PATCH', '/api/admin/facilities/fc_demo0sq02bus01', { token: reg.token, body: { name: '民族路公交站亭（北）', gridId: 'sq-01', location: { lng: 113.379, lat: 22.52 }, version: 1 } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const f = await sys.db.collection('facilities').findOne({ _id: 'fc_demo0sq02bus01' as never });
  assert.deepEqual([f?.name, f?.scope.gridId, f?.scope.townId, f?.version], ['民族路公交站亭（北）', 'sq-01', 'shiqi', 2]);
  assert.equal((await sys.db.collection('audit_log').findOne({ action: 'facility.edit', 'target.id': 'fc_demo0sq02bus01' }))?.actorId, reg.id);
  const stale = await sys.call('PATCH', '/api/admin/facilities/fc_demo0sq02bus01', { token: reg.token, body: { name: '旧版本', version: 1 } });
  assert.equal(stale.status, 409);
});

test('hostile edits: a position outside the grid, another town’s grid, another city’s grid, an unknown class; nothing changes', async () => {
  const reg = await as('shiqi-regulator');
  const id = 'fc_demo0sq01lamp1';
  const before = JSON.stringify(await sys.db.collection('facilities').findOne({ _id: id as never }));
  const outside = await sys.call('PATCH', `/api/admin/facilities/${id}`, { token: reg.token, body: { location: { lng: 113.39, lat: 22.52 }, version: 1 } });
  assert.equal(outside.status, 400);
  assert.equal(outside.json.message, '设施位置不在网格“石岐孙文西路网格”内');
  const otherTown = await sys.call('PATCH', `/api/admin/facilities/${id}`, { token: reg.token, body: { gridId: 'dq-01', location: { lng: 113.418, lat: 22.519 }, version: 1 } });
  assert.equal(otherTown.status, 400);
  assert.equal(otherTown.json.message, '只能把设施调整到您管辖的网格');
  const otherCity = await sys.call('PATCH', `/api/admin/facilities/${id}`, { token: reg.token, body: { gridId: 'nc-01', location: { lng: 113.745, lat: 23.004 }, version: 1 } });
  assert.equal(otherCity.status, 400);
  assert.equal(otherCity.json.message, '网格不存在或不属于本市');
  const cls = await sys.call('PATCH', `/api/admin/facilities/${id}`, { token: reg.token, body: { classCode: '9999', version: 1 } });
  assert.equal(cls.status, 400);
  const dgFacility = await sys.call('PATCH', '/api/admin/facilities/fc_demo0nc01lamp1', { token: reg.token, body: { name: '越界', version: 1 } });
  assert.equal(dgFacility.status, 404);
  assert.equal(JSON.stringify(await sys.db.collection('facilities').findOne({ _id: id as never })), before);
});

test('a retired facility’s code answers 该设施已停用 and takes no report', async () => {
  const zs = await as('zs-admin');
  const id = 'fc_demo0dq01well1';
  const url = signCodeUrl(sys.deps.config.codeSecret, sys.deps.config.codeBaseUrl, id);
  const scan = (u: string) => sys.call('GET', `/api/codes/${u.split('/c/')[1]}`);
  const live = await scan(url);
  assert.equal(live.status, 200, JSON.stringify(live.json));
  const noReason = await sys.call('POST', `/api/admin/facilities/${id}/retire`, { token: zs.token, body: { version: await version(id) } });
  assert.equal(noReason.status, 400);
  const r = await sys.call('POST', `/api/admin/facilities/${id}/retire`, { token: zs.token, body: { version: await version(id), reason: '道路改造，井盖已拆除' } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const gone = await scan(url);
  assert.equal(gone.status, 410);
  assert.equal(gone.json.message, '该设施已停用');
  const citizen = await sys.user('市民', []);
  const rep = await sys.call('POST', '/api/cases', { token: citizen.token, body: { facilityId: id, kind: 'component', classCode: '0101', description: '井盖丢失', photos: [await photo(sys, citizen.token, 'w')] } });
  assert.equal(rep.status, 404);
  assert.equal((await sys.call('PATCH', `/api/admin/facilities/${id}`, { token: zs.token, body: { name: '复用', version: r.json.data.version } })).status, 409);
  assert.ok(await sys.db.collection('audit_log').findOne({ action: 'facility.retire', 'target.id': id, reason: '道路改造，井盖已拆除' }));
});
