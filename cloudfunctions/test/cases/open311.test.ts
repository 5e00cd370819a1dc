import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { open311KeyId } from '../../src/contexts/open311/public';
import { runOpen311Keys } from '../../src/cli/open311-keys.command';

let sys: TestSystem;
let city: CityFixture;
let caseId: string;
before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
  const partner = await sys.user('12345热线对接', []);
  await sys.db.collection('open311_keys').insertOne({ _id: open311KeyId('key-partner-0001') as never, name: '12345', cityId: 'dongguan', userId: partner.id, enabled: true });
  const r = await sys.call('POST', '/api/cases', { token: city.citizen.token, body: { facilityId: city.facilityA, kind: 'component', classCode: '0101', description: '井盖松动', photos: [await photo(sys, city.citizen.token, 'o')] } });
  caseId = r.json.data.id;
  await sys.db.collection('orgs').insertOne({ _id: 'org-roads' as never, name: '南城市政道路养护公司' });
});
after(async () => sys.close());

test('services.json lists component and event classes with distinct codes', async () => {
  const r = await sys.call('GET', '/api/open311/v2/services.json');
  assert.equal(r.status, 200);
  const codes = r.json.map((s: { service_code: string }) => s.service_code);
  assert.ok(codes.includes('C0101') && codes.includes('E0104'));
});

test('requests/{id}.json maps our state to open/closed with agency_responsible and expected_datetime', async () => {
  const v = (await sys.call('GET', `/api/cases/${caseId}`, { token: city.chiefA.token })).json.data.version;
  const a = await sys.call('POST', `/api/cases/${caseId}/actions`, { token: city.chiefA.token, body: { action: 'accept', version: v } });
  await sys.call('POST', `/api/cases/${caseId}/actions`, { token: city.chiefA.token, body: { action: 'dispatch', version: a.json.data.version } });
  const r = await sys.call('GET', `/api/open311/v2/requests/${caseId}.json`);
  assert.equal(r.status, 200);
  const req = r.json[0];
  assert.equal(req.service_request_id, caseId);
  assert.equal(req.status, 'open');
  assert.equal(req.service_code, 'C0101');
  assert.equal(req.agency_responsible, '南城市政道路养护公司');
  assert.match(req.expected_datetime, /\+08:00$/);
  assert.equal(JSON.stringify(req).includes(city.citizen.id), false, 'the reporter is never exposed');
});

test('requests.json GET with filters; POST needs a valid API key and lat/long', async () => {
  const list = await sys.call('GET', '/api/open311/v2/requests.json?status=open&service_code=C0101');
  assert.equal(list.status, 200);
  assert.ok(list.json.some((x: { service_request_id: string }) => x.service_request_id === caseId));
  const badRange = await sys.call('GET', '/api/open311/v2/requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-11-01T00:00:00%2B08:00');
  assert.equal(badRange.status, 400, JSON.stringify(badRange.json));
  assert.equal(badRange.json[0].code, 400);

  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const noKey = await sys.call('POST', '/api/open311/v2/requests.json', { raw: form({ service_code: 'E0104', lat: '23.005', long: '113.745', description: '路面油污' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(noKey.status, 401);
  const ok = await sys.call('POST', '/api/open311/v2/requests.json', { raw: form({ api_key: 'key-partner-0001', service_code: 'E0104', lat: '23.005', long: '113.745', description: '路面油污' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  const created = await sys.db.collection('cases').findOne({ _id: ok.json[0].service_request_id });
  assert.equal(created?.source, 'open311');
  assert.equal(created?.scope.gridId, 'g-a', 'routed by location through the spatial index');
  const unknown = await sys.call('POST', '/api/open311/v2/requests.json', { raw: form({ api_key: 'key-partner-0001', service_code: 'X9999', lat: '23.005', long: '113.745' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(unknown.status, 400);
});

test('partner keys from the CLI: created once (only the hash stored), usable, listed, disabled → 401', async () => {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), readFile: async () => '', readStdin: async () => '' };
  const env = { PATH: process.env.PATH, MONGODB_URI: process.env.MONGODB_URI ?? sys.deps.config.mongodbUri, MONGODB_DB: sys.db.databaseName, CITYLOOP_ENV: 'test' };
  assert.equal(await runOpen311Keys(['create', '--name', '12345热线'], io, env), 2, 'city is required');
  assert.equal(await runOpen311Keys(['create', '--name', '12345热线', '--city', 'dongguan'], io, env), 0, out.stderr);
  const key = /^(o311_\S+)$/m.exec(out.stdout)?.[1];
  assert.ok(key, out.stdout);
  const stored = await sys.db.collection('open311_keys').findOne({ name: '12345热线' });
  assert.equal(stored?._id, open311KeyId(key!));
  assert.equal(JSON.stringify(stored).includes(key!), false, 'the key itself is not stored');

  const post = () => sys.call('POST', '/api/open311/v2/requests.json', { raw: new URLSearchParams({ api_key: key!, service_code: 'E0104', lat: '23.005', long: '113.745', description: '人行道积水' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const ok = await post();
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  const filed = await sys.db.collection('cases').findOne({ _id: ok.json[0].service_request_id });
  assert.equal(filed?.reporterId, stored?.userId, "filed under the partner's own account");

  out.stdout = '';
  assert.equal(await runOpen311Keys(['list', '--city', 'dongguan'], io, env), 0);
  assert.match(out.stdout, /启用\s+dongguan\s+12345热线/);
  assert.equal(await runOpen311Keys(['disable', String(stored?._id).slice(0, 16)], io, env), 0, out.stderr);
  const refused = await post();
  assert.equal(refused.status, 401);
  assert.equal(refused.json[0].code, 401);
});
