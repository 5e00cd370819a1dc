/**
 * Two cities in one deployment (issue 12): a Dongguan admin sees nothing of Zhongshan — regions, units,
 * facilities, shops, cases, people — and cannot change any of it; and the reverse. Every answer is checked on
 * both sides, and the database is compared before and after the attempted changes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TestSystem } from '../helpers/test-system';
import { photo } from '../helpers/city-factory';
import { seedPlaqueDemo } from '../../dev/seed/plaque-demo';
import { collection, demoCities, gridFeature, ring } from './demo-city';

let sys: TestSystem;
let as: Awaited<ReturnType<typeof demoCities>>['as'];

type City = {
  id: string;
  admin: string;
  town: string;
  grid: string;
  unit: string;
  facility: string;
  chief: string;
  point: { lng: number; lat: number };
  caseId?: string;
  shop?: string;
  gridsOf: (g: string) => boolean;
};
const DG: City = { id: 'dongguan', admin: 'admin', town: 'nancheng', grid: 'nc-01', unit: 'org-roads-nc', facility: 'fc_demo0nc01lamp1', chief: 'chief-nancheng', point: { lng: 113.745, lat: 23.004 }, gridsOf: (g) => /^(nc|dc)-/.test(g) };
const ZS: City = { id: 'zhongshan', admin: 'zs-admin', town: 'shiqi', grid: 'sq-01', unit: 'org-zs-sanitation-sq', facility: 'fc_demo0sq01lamp1', chief: 'chief-shiqi', point: { lng: 113.3768, lat: 22.5188 }, shop: 'pq_demo0shop0001', gridsOf: (g) => /^(sq|dq)-/.test(g) };

const snapshot = async () => {
  const out: Record<string, string> = {};
  for (const c of ['regions', 'orgs', 'unit_contacts', 'facilities', 'shops', 'cases', 'users']) out[c] = JSON.stringify(await sys.db.collection(c).find({}).sort({ _id: 1 }).toArray());
  return out;
};

before(async () => {
  ({ sys, as } = await demoCities());
  await seedPlaqueDemo(sys.deps, async (p) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${p}`));
  const citizen = await sys.user('两地市民', []);
  for (const [city, cls] of [[DG, '0105'], [ZS, '0105']] as const) {
    const r = await sys.call('POST', '/api/cases', { token: citizen.token, body: { facilityId: city.facility, kind: 'component', classCode: cls, description: '路灯不亮', photos: [await photo(sys, citizen.token, city.id)], location: { ...city.point, accuracy: 10 } } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    city.caseId = r.json.data.id;
  }
});
after(async () => sys.close());

async function seesNothingOf(me: City, them: City) {
  const { token } = await as(me.admin);
  // regions: the own city by default, the other city is a 404
  const grids = await sys.call('GET', '/api/admin/grids', { token });
  assert.equal(grids.status, 200);
  assert.equal(grids.json.data.city.id, me.id);
  assert.ok(grids.json.data.grids.length > 0 && grids.json.data.grids.every((g: { id: string }) => me.gridsOf(g.id)), JSON.stringify(grids.json.data.grids));
  assert.equal((await sys.call('GET', `/api/admin/grids?cityId=${them.id}`, { token })).status, 404);
  assert.equal((await sys.call('GET', `/api/city/directory?townId=${them.town}`, { token })).status, 404);
  // units and routing
  const units = await sys.call('GET', '/api/admin/units', { token });
  assert.equal(units.status, 200);
  assert.ok(!units.json.data.units.some((u: { id: string }) => u.id === them.unit) && units.json.data.units.some((u: { id: string }) => u.id === me.unit));
  assert.ok(units.json.data.routing.every((r: { townId: string }) => r.townId !== them.town));
  assert.equal((await sys.call('GET', `/api/admin/units?cityId=${them.id}`, { token })).status, 404);
  // facilities
  const fac = await sys.call('GET', '/api/admin/facilities', { token });
  assert.equal(fac.status, 200);
  assert.ok(fac.json.data.length > 0 && fac.json.data.every((f: { gridId: string }) => me.gridsOf(f.gridId)));
  assert.deepEqual((await sys.call('GET', `/api/admin/facilities?cityId=${them.id}`, { token })).json.data, []);
  // cases and their numbers
  const cases = await sys.call('GET', '/api/cases', { token });
  assert.equal(cases.status, 200);
  const ids = cases.json.data.map((c: { id: string }) => c.id);
  assert.ok(ids.includes(me.caseId) && !ids.includes(them.caseId), JSON.stringify(ids));
  assert.equal((await sys.call('GET', `/api/cases/${them.caseId}`, { token })).status, 404);
  const metrics = await sys.call('GET', '/api/cases-metrics?by=town', { token });
  assert.ok(metrics.json.data.rows.every((r: { key: string }) => r.key !== them.town), JSON.stringify(metrics.json.data.rows));
  // people: the other city's 片长's whole phone is not theirs to read
  const chief = await as(them.chief);
  assert.equal((await sys.call('GET', `/api/people/${chief.id}/phone`, { token })).status, 403);
  // shops (Zhongshan's plaques): the plaque PDF is not theirs to print
  if (them.shop) assert.notEqual((await sys.call('GET', `/api/plaques/${them.shop}/pdf`, { token })).status, 200);
}

async function changesNothingOf(me: City, them: City) {
  const { token } = await as(me.admin);
  const someone = await sys.user(`${me.id}的用户`, []);
  const before = await snapshot();
  const refused = [
    await sys.call('POST', '/api/admin/grids/import', { token, body: { cityId: them.id, geojson: JSON.stringify(collection(gridFeature(`${them.grid}-x`, them.town, ring(them.point.lng, them.point.lat, 0.0001)))) } }),
    await sys.call('PATCH', `/api/admin/grids/${them.grid}`, { token, body: { name: '越权改名', version: 1 } }),
    await sys.call('POST', `/api/admin/grids/${them.grid}/retire`, { token, body: { version: 1, reason: '越权停用' } }),
    await sys.call('PUT', `/api/admin/grids/${them.grid}/chief`, { token, body: { userId: someone.id, version: 1 } }),
    await sys.call('POST', '/api/admin/units', { token, body: { name: '越权单位', townId: them.town } }),
    await sys.call('PATCH', `/api/admin/units/${them.unit}`, { token, body: { name: '越权改名', version: 1 } }),
    await sys.call('PUT', '/api/admin/routing', { token, body: { townId: them.town, kind: 'event', classCode: '*', unitId: me.unit } }),
    await sys.call('PUT', '/api/admin/routing', { token, body: { townId: me.town, kind: 'event', classCode: '*', unitId: them.unit } }),
    await sys.call('DELETE', `/api/admin/routing/${them.town}:event:*`, { token }),
    await sys.call('PATCH', `/api/admin/facilities/${them.facility}`, { token, body: { name: '越权改名', version: 1 } }),
    await sys.call('POST', `/api/admin/facilities/${them.facility}/retire`, { token, body: { version: 1, reason: '越权停用' } }),
    await sys.call('POST', `/api/cases/${them.caseId}/actions`, { token, body: { action: 'accept', version: 1 } }),
  ];
  for (const [i, r] of refused.entries()) assert.ok([400, 403, 404].includes(r.status), `attempt ${i}: ${r.status} ${JSON.stringify(r.json)}`);
  // every refusal says so in Chinese
  for (const r of refused) assert.match(r.json.message, /[\u4e00-\u9fa5]/);
  const after = await snapshot();
  for (const k of Object.keys(before)) assert.equal(after[k], before[k], `${k} unchanged`);
}

test('a Dongguan admin sees nothing of Zhongshan', () => seesNothingOf(DG, ZS));
test('a Zhongshan admin sees nothing of Dongguan', () => seesNothingOf(ZS, DG));
test('a Dongguan admin changes nothing of Zhongshan', () => changesNothingOf(DG, ZS));
test('a Zhongshan admin changes nothing of Dongguan', () => changesNothingOf(ZS, DG));
