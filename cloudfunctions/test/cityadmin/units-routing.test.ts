/**
 * Units and routing tables as data (issue 12): the admin lists, creates and edits units and their class → unit
 * rows; a row naming a unit that does not exist or belongs to another city is refused with nothing written, and a
 * case cannot be dispatched to another city's unit.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TestSystem } from '../helpers/test-system';
import { photo } from '../helpers/city-factory';
import { demoCities } from './demo-city';

let sys: TestSystem;
let as: Awaited<ReturnType<typeof demoCities>>['as'];
const rows = async () => (await sys.db.collection('unit_contacts').find({}).sort({ _id: 1 }).toArray()).map((r) => JSON.stringify(r));

before(async () => {
  ({ sys, as } = await demoCities());
});
after(async () => sys.close());

test('the Zhongshan admin creates a unit, edits it, and routes a class of a town to it', async () => {
  const zs = await as('zs-admin');
  const created = await sys.call('POST', '/api/admin/units', { token: zs.token, body: { name: '石岐园林绿化所', townId: 'shiqi' } });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const id = created.json.data.id;
  const stale = await sys.call('PATCH', `/api/admin/units/${id}`, { token: zs.token, body: { name: '石岐街道园林绿化所', version: 7 } });
  assert.equal(stale.status, 409);
  const edited = await sys.call('PATCH', `/api/admin/units/${id}`, { token: zs.token, body: { name: '石岐街道园林绿化所', version: 1 } });
  assert.equal(edited.status, 200, JSON.stringify(edited.json));
  const row = await sys.call('PUT', '/api/admin/routing', { token: zs.token, body: { townId: 'shiqi', kind: 'event', classCode: '0104', unitId: id } });
  assert.equal(row.status, 200, JSON.stringify(row.json));
  assert.deepEqual(row.json.data, { id: 'shiqi:event:0104', townId: 'shiqi', kind: 'event', classCode: '0104', unitId: id, unitName: '石岐街道园林绿化所' });
  const list = await sys.call('GET', '/api/admin/units', { token: zs.token });
  assert.equal(list.status, 200);
  assert.ok(list.json.data.units.some((u: { id: string; version: number }) => u.id === id && u.version === 2));
  assert.ok(list.json.data.routing.some((r: { id: string }) => r.id === 'shiqi:event:0104'));
  assert.ok(list.json.data.units.every((u: { townId: string }) => ['shiqi', 'dongqu'].includes(u.townId)), 'only Zhongshan units');

  // a citizen's 0104 report in 石岐 now goes to the new unit (routing tables refreshed at once)
  const citizen = await sys.user('市民', []);
  const r = await sys.call('POST', '/api/cases', { token: citizen.token, body: { kind: 'event', classCode: '0104', description: '路面油污', photos: [await photo(sys, citizen.token, 'u')], location: { lng: 113.378, lat: 22.519, accuracy: 10 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.unitId, id);

  const del = await sys.call('DELETE', '/api/admin/routing/shiqi:event:0104', { token: zs.token });
  assert.equal(del.status, 200);
  assert.equal(await sys.db.collection('unit_contacts').countDocuments({ _id: 'shiqi:event:0104' as never }), 0);
});

test('a routing row to a unit of another city, to no unit, or for another city’s town is refused; nothing is written', async () => {
  const zs = await as('zs-admin');
  const before = await rows();
  const foreign = await sys.call('PUT', '/api/admin/routing', { token: zs.token, body: { townId: 'shiqi', kind: 'event', classCode: '*', unitId: 'org-sanitation-nc' } });
  assert.equal(foreign.status, 400);
  assert.equal(foreign.json.error, 'unit_not_in_city');
  assert.equal(foreign.json.message, '责任单位“南城环卫所”不属于本市，分派表未修改');
  const none = await sys.call('PUT', '/api/admin/routing', { token: zs.token, body: { townId: 'shiqi', kind: 'event', classCode: '*', unitId: 'org-typo' } });
  assert.equal(none.status, 400);
  assert.equal(none.json.message, '责任单位 org-typo 不存在，分派表未修改');
  const company = await sys.call('PUT', '/api/admin/routing', { token: zs.token, body: { townId: 'shiqi', kind: 'event', classCode: '*', unitId: 'org-patrol-co' } });
  assert.equal(company.status, 400, 'a company is not a unit');
  const otherTown = await sys.call('PUT', '/api/admin/routing', { token: zs.token, body: { townId: 'nancheng', kind: 'event', classCode: '*', unitId: 'org-zs-service-dq' } });
  assert.equal(otherTown.status, 404);
  assert.equal(otherTown.json.message, '街道（镇）不存在或不属于本市');
  const badClass = await sys.call('PUT', '/api/admin/routing', { token: zs.token, body: { townId: 'shiqi', kind: 'event', classCode: '9999', unitId: 'org-zs-service-dq' } });
  assert.equal(badClass.status, 400);
  assert.equal(badClass.json.error, 'unknown_class');
  const unitElsewhere = await sys.call('POST', '/api/admin/units', { token: zs.token, body: { name: '越界单位', townId: 'nancheng' } });
  assert.equal(unitElsewhere.status, 404);
  assert.deepEqual(await rows(), before);
  assert.equal(await sys.db.collection('orgs').countDocuments({ name: '越界单位' }), 0);
});

test('a Dongguan case cannot be dispatched to a Zhongshan unit: a clear error, the case unchanged', async () => {
  const citizen = await sys.user('东莞市民', []);
  const chief = await as('chief-nancheng');
  const r = await sys.call('POST', '/api/cases', { token: citizen.token, body: { facilityId: 'fc_demo0nc01well1', kind: 'component', classCode: '0101', description: '井盖松动', photos: [await photo(sys, citizen.token, 'd')], location: { lng: 113.748, lat: 23.006, accuracy: 10 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id;
  const v = (await sys.call('GET', `/api/cases/${id}`, { token: chief.token })).json.data.version;
  const accepted = await sys.call('POST', `/api/cases/${id}/actions`, { token: chief.token, body: { action: 'accept', version: v } });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
  const before = await sys.db.collection('cases').findOne({ _id: id });
  const d = await sys.call('POST', `/api/cases/${id}/actions`, { token: chief.token, body: { action: 'dispatch', version: accepted.json.data.version, unitId: 'org-zs-sanitation-sq' } });
  assert.equal(d.status, 400, JSON.stringify(d.json));
  assert.match(d.json.message, /^该单位不负责本市“.+”类问题，不能派遣$/);
  const after = await sys.db.collection('cases').findOne({ _id: id });
  assert.deepEqual([after?.state, after?.version, after?.scope.orgIds], [before?.state, before?.version, before?.scope.orgIds]);
});

test('the units page is the admin’s: a regulator gets 403, the other city’s admin 404', async () => {
  const reg = await as('shiqi-regulator');
  assert.equal((await sys.call('GET', '/api/admin/units', { token: reg.token })).status, 403);
  const dg = await as('admin');
  const r = await sys.call('GET', '/api/admin/units?cityId=zhongshan', { token: dg.token });
  assert.equal(r.status, 404);
  const edit = await sys.call('PATCH', '/api/admin/units/org-zs-service-dq', { token: dg.token, body: { name: '改名', version: 1 } });
  assert.equal(edit.status, 404);
});
