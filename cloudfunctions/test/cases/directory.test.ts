import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';

let sys: TestSystem;
let city: CityFixture;
let regulatorA: { id: string; token: string };
let cityRegulator: { id: string; token: string };
let ownStaff: { id: string; token: string };

type Directory = {
  town: { id: string; name: string };
  units: { id: string; name: string; routed: boolean }[];
  patrollers: { id: string; name: string; companyId: string | null; company: string | null; thirdParty: boolean; gridIds: string[] }[];
  grids: { id: string; name: string }[];
};

before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
  await sys.db.collection('orgs').insertMany([
    { _id: 'org-roads', kind: 'unit', name: '南城市政道路养护公司', cityId: 'dongguan', townId: 'nancheng' },
    { _id: 'org-parks', kind: 'unit', name: '南城园林绿化所', cityId: 'dongguan', townId: 'nancheng' },
    { _id: 'org-east', kind: 'unit', name: '东城环卫服务中心', cityId: 'dongguan', townId: 'dongcheng' },
    { _id: 'org-patrol', kind: 'company', name: '莞城第三方巡查公司', cityId: 'dongguan' },
  ] as never[]);
  ownStaff = await sys.user('南城自有巡查员', [{ role: 'patroller', cityId: 'dongguan', townId: 'nancheng', gridIds: ['g-a'] }]);
  await sys.user('东城巡查员', [{ role: 'patroller', cityId: 'dongguan', townId: 'dongcheng', gridIds: ['g-b'] }]);
  regulatorA = await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }]);
  cityRegulator = await sys.user('市监管', [{ role: 'regulator', level: 'city', cityId: 'dongguan' }]);
});
after(async () => sys.close());

const directory = (token: string, townId?: string) => sys.call('GET', `/api/city/directory${townId ? `?townId=${townId}` : ''}`, { token });

test('the area chief gets the names of their town: dispatchable units, patrollers with their company, grids', async () => {
  const r = await directory(city.chiefA.token, 'nancheng');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const d = r.json.data as Directory;
  assert.deepEqual(d.town, { id: 'nancheng', name: '南城' });
  assert.deepEqual(
    d.units.map((u) => [u.id, u.name, u.routed]).sort(),
    [
      ['org-parks', '南城园林绿化所', false],
      ['org-roads', '南城市政道路养护公司', true],
    ],
    'the unit of the class → unit table (named) and the town’s own unit; never another town’s',
  );
  assert.deepEqual(d.grids, [{ id: 'g-a', name: '网格A' }]);
  const third = d.patrollers.find((p) => p.id === city.patrollerA.id);
  assert.deepEqual(third, { id: city.patrollerA.id, name: '巡查员A', companyId: 'org-patrol', company: '莞城第三方巡查公司', thirdParty: true, gridIds: ['g-a'] });
  const own = d.patrollers.find((p) => p.id === ownStaff.id);
  assert.equal(own?.company, null);
  assert.equal(own?.thirdParty, false);
  assert.equal(d.patrollers.length, 2, 'only patrollers of this town’s grids');
  const raw = JSON.stringify(d);
  assert.ok(!raw.includes('东城') && !raw.includes('org-east') && !raw.includes('g-b'), 'nothing of the other town');
  assert.ok(!raw.includes('phone') && !raw.includes('openid'), 'no contact data of the staff');
});

test('without townId the caller’s only town is used', async () => {
  const r = await directory(city.chiefB.token);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.data.town.id, 'dongcheng');
  assert.deepEqual(r.json.data.units.map((u: { name: string }) => u.name), ['东城环卫服务中心']);
  assert.deepEqual(r.json.data.grids.map((g: { id: string }) => g.id), ['g-b']);
});

test('another town’s directory is refused and leaks nothing; so is an unknown town', async () => {
  for (const [token, townId] of [
    [city.chiefA.token, 'dongcheng'],
    [city.chiefB.token, 'nancheng'],
    [city.regulatorB.token, 'nancheng'],
    [city.chiefA.token, 'no-such-town'],
  ]) {
    const r = await directory(token, townId);
    assert.equal(r.status, 404, `${townId}: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.error, 'town_not_found');
    assert.equal(r.json.data, undefined);
    assert.ok(!JSON.stringify(r.json).match(/网格|巡查员|org-/), 'no names in the refusal');
  }
});

test('the town regulator reads their town, the city regulator every town; units and patrollers their own town; citizens are refused', async () => {
  assert.equal((await directory(regulatorA.token, 'nancheng')).status, 200);
  assert.equal((await directory(cityRegulator.token, 'dongcheng')).status, 200);
  assert.equal((await directory(cityRegulator.token)).json.error, 'town_required', 'a city regulator must name the town');
  const r = await directory(city.citizen.token, 'nancheng');
  assert.equal(r.status, 403, JSON.stringify(r.json));
  assert.equal(r.json.data, undefined);
  // the names behind the ids on their own cases (issue 17: the unit read nc-01 and org-roads-nc)
  for (const who of [city.unitA, city.patrollerA]) {
    const own = await directory(who.token, 'nancheng');
    assert.equal(own.status, 200, JSON.stringify(own.json));
    assert.ok((own.json.data as Directory).grids.some((g) => g.id === 'g-a' && g.name === '网格A'));
    assert.equal((await directory(who.token)).status, 200, 'their only town when none is named');
    const other = await directory(who.token, 'dongcheng');
    assert.equal(other.status, 404, `another town stays hidden: ${JSON.stringify(other.json)}`);
    assert.equal(other.json.data, undefined);
  }
  assert.equal((await sys.call('GET', '/api/city/directory?townId=nancheng')).status, 401);
});

test('names, not ids: the queue rows, the case, the metrics rows and the facility code name the town, grid and unit', async () => {
  const r = await sys.call('POST', '/api/cases', { token: city.citizen.token, body: { facilityId: city.facilityA, kind: 'component', classCode: '0101', description: '井盖松动，有异响', photos: [await photo(sys, city.citizen.token, 'names')], location: { lng: 113.745, lat: 23.005, accuracy: 15 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id;
  const version = (await sys.call('GET', `/api/cases/${id}`, { token: city.chiefA.token })).json.data.version;
  const accepted = await sys.call('POST', `/api/cases/${id}/actions`, { token: city.chiefA.token, body: { action: 'accept', version } });
  assert.deepEqual([accepted.json.data.townName, accepted.json.data.gridName, accepted.json.data.unitName], ['南城', '网格A', '南城市政道路养护公司']);

  const queue = await sys.call('GET', '/api/cases', { token: city.chiefA.token });
  const row = queue.json.data.find((x: { id: string }) => x.id === id);
  assert.deepEqual([row.gridId, row.gridName, row.unitName], ['g-a', '网格A', '南城市政道路养护公司']);
  const mine = await sys.call('GET', '/api/cases/mine', { token: city.citizen.token });
  assert.equal(mine.json.data.find((x: { id: string }) => x.id === id).townName, '南城');

  const byTown = await sys.call('GET', '/api/cases-metrics?by=town', { token: regulatorA.token });
  assert.deepEqual(byTown.json.data.rows.map((x: { key: string; name: string }) => [x.key, x.name]), [['nancheng', '南城']]);
  const byGrid = await sys.call('GET', '/api/cases-metrics?by=grid', { token: regulatorA.token });
  assert.deepEqual(byGrid.json.data.rows.map((x: { key: string; name: string }) => [x.key, x.name]), [['g-a', '网格A']]);
  const byUnit = await sys.call('GET', '/api/cases-metrics?by=unit', { token: regulatorA.token });
  assert.deepEqual(byUnit.json.data.rows.map((x: { key: string; name: string }) => [x.key, x.name]), [['org-roads', '南城市政道路养护公司']]);
  const byClass = await sys.call('GET', '/api/cases-metrics?by=class', { token: regulatorA.token });
  assert.equal(byClass.json.data.rows[0].name, null, 'classes are named by the app');

  const code = (await sys.db.collection('facilities').findOne({ _id: city.facilityA as never }))!;
  const { signCodeUrl } = await import('../../src/platform/codes/signed-code');
  const url = signCodeUrl(sys.deps.config.codeSecret, 'https://code.example.cn', String(code._id));
  const view = await sys.call('GET', `/api/codes/${url.split('/c/')[1]}`);
  assert.deepEqual([view.json.data.data.gridId, view.json.data.data.gridName, view.json.data.data.townName], ['g-a', '网格A', '南城']);
});
