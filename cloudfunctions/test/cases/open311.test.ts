import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { open311KeyId } from '../../src/contexts/open311/public';
import { runOpen311Keys } from '../../src/cli/open311-keys.command';
import { invalidateRoutingTables } from '../../src/contexts/cases/public';

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

// Issue 13 §6, §8. Before: the anonymous list returned every case, untriaged ones included, with the reporter's
// own GPS fix and free text; JSON bodies with arrays/objects/null in text fields answered 500; a partner key was
// capped at the citizen limit (5 an hour).
test('privacy: the public sees only triaged cases, no unpublished text, positions rounded; the partner sees its own in full', async () => {
  const pic = await photo(sys, city.citizen2.token, 'priv');
  const exact = { lng: 113.745123, lat: 23.005678 };
  const fresh = await sys.call('POST', '/api/cases', { token: city.citizen2.token, body: { location: exact, kind: 'event', classCode: '0104', description: '我家门口 302 室旁边的垃圾', photos: [pic] } });
  assert.equal(fresh.status, 201, JSON.stringify(fresh.json));
  const freshId = fresh.json.data.id;
  const shared = await sys.call('POST', '/api/cases', { token: city.citizen2.token, body: { location: exact, kind: 'event', classCode: '0105', description: '路边堆放建筑垃圾', photos: [pic], publish: true } });
  const sharedId = shared.json.data.id;
  const everyone = await sys.call('GET', '/api/open311/v2/requests.json');
  const ids = everyone.json.map((x: { service_request_id: string }) => x.service_request_id);
  assert.equal(ids.includes(freshId), false, 'an untriaged report is not published');
  assert.equal((await sys.call('GET', `/api/open311/v2/requests/${freshId}.json`)).status, 404);
  // once accepted it is published — without the text the reporter did not agree to publish, and rounded
  for (const id of [freshId, sharedId]) {
    const v = (await sys.call('GET', `/api/cases/${id}`, { token: city.chiefA.token })).json.data.version;
    assert.equal((await sys.call('POST', `/api/cases/${id}/actions`, { token: city.chiefA.token, body: { action: 'accept', version: v } })).status, 200);
  }
  const [pub] = (await sys.call('GET', `/api/open311/v2/requests/${freshId}.json`)).json;
  assert.equal(pub.description, null);
  assert.deepEqual([pub.long, pub.lat], [113.745, 23.006]);
  const [agreed] = (await sys.call('GET', `/api/open311/v2/requests/${sharedId}.json`)).json;
  assert.equal(agreed.description, '路边堆放建筑垃圾');
  const body = JSON.stringify((await sys.call('GET', '/api/open311/v2/requests.json')).json);
  assert.equal(body.includes('302 室'), false);
  assert.equal(body.includes('113.745123'), false);

  // the partner's own reports, untriaged included, in full (and only with its key)
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const mine = await sys.call('POST', '/api/open311/v2/requests.json', { raw: form({ api_key: 'key-partner-0001', service_code: 'E0104', lat: '23.005111', long: '113.745222', description: '市民来电：张三 13912345678 反映路面油污' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const mineId = mine.json[0].service_request_id;
  assert.equal((await sys.call('GET', `/api/open311/v2/requests/${mineId}.json`)).status, 404);
  const [full] = (await sys.call('GET', `/api/open311/v2/requests/${mineId}.json?api_key=key-partner-0001`)).json;
  assert.match(full.description, /13912345678/);
  assert.equal(full.lat, 23.005111);
  const listed = (await sys.call('GET', '/api/open311/v2/requests.json?api_key=key-partner-0001')).json.map((x: { service_request_id: string }) => x.service_request_id);
  assert.ok(listed.includes(mineId), 'the partner lists its own untriaged report');
  assert.equal((await sys.call('GET', '/api/open311/v2/requests.json?api_key=wrong-key')).status, 401);
});

test('JSON bodies: arrays, objects and null in fields are clear 400s naming the field, never 500', async () => {
  const post = (raw: string) => sys.call('POST', '/api/open311/v2/requests.json', { raw, headers: { 'content-type': 'application/json' } });
  for (const raw of [
    '{"api_key":"key-partner-0001","service_code":"E0104","lat":23.005,"long":113.745,"description":{"$gt":""}}',
    '{"api_key":"key-partner-0001","service_code":["E0104",["x"]],"lat":23.005,"long":113.745}',
    '{"api_key":{"a":1},"service_code":"E0104","lat":23.005,"long":113.745}',
    '{"api_key":"key-partner-0001","service_code":"E0104","lat":null,"long":113.745}',
    '{"api_key":"key-partner-0001","service_code":"E0104","lat":23.005,"long":113.745,"description":true}',
    'null',
    '[1,2]',
  ]) {
    const r = await post(raw);
    assert.equal(r.status, 400, `${raw} → ${r.status} ${JSON.stringify(r.json)}`);
    assert.equal(typeof r.json[0].description, 'string');
  }
  const numeric = await post('{"api_key":"key-partner-0001","service_code":"E0104","lat":23.005,"long":113.745,"description":"数字坐标"}');
  assert.equal(numeric.status, 201, JSON.stringify(numeric.json));
});

test('a partner key has its own limit: a hotline is not stopped after 5 calls an hour', async () => {
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const r = await Promise.all(Array.from({ length: 8 }, (_, i) => sys.call('POST', '/api/open311/v2/requests.json', { raw: form({ api_key: 'key-partner-0001', service_code: 'E0104', lat: '23.005', long: '113.745', description: `热线第${i}单：路面油污` }), headers: { 'content-type': 'application/x-www-form-urlencoded' } })));
  assert.deepEqual(r.map((x) => x.status), Array(8).fill(201));
});

// Issue 12 §6: one endpoint, one jurisdiction per city; XML as well as JSON; service definitions with attributes.
test('jurisdictions: each city its own services and requests; keys file only in their city; XML and definitions', async () => {
  await sys.db.collection('regions').insertMany([
    { _id: 'zs', kind: 'city', name: '中山', parentId: null },
    { _id: 'zs-shiqi', kind: 'town', name: '石岐', parentId: 'zs', polygon: [{ lng: 113.3, lat: 22.5 }, { lng: 113.4, lat: 22.5 }, { lng: 113.4, lat: 22.6 }, { lng: 113.3, lat: 22.6 }, { lng: 113.3, lat: 22.5 }] },
  ] as never[]);
  invalidateRoutingTables();
  const zsPartner = await sys.user('中山12345', []);
  await sys.db.collection('open311_keys').insertOne({ _id: open311KeyId('key-partner-zs01') as never, name: '中山12345', cityId: 'zs', userId: zsPartner.id, enabled: true });
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const post = (o: Record<string, string>, ext = 'json') => sys.call('POST', `/api/open311/v2/requests.${ext}`, { raw: form(o), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  const none = await sys.call('GET', '/api/open311/v2/services.json');
  assert.equal(none.status, 400, 'two cities: the client must say which');
  assert.match(none.json[0].description, /jurisdiction_id.*dongguan.*zs/);
  assert.equal((await sys.call('GET', '/api/open311/v2/services.json?jurisdiction_id=dongguan')).status, 200);
  assert.equal((await sys.call('GET', '/api/open311/v2/requests.json?jurisdiction_id=nowhere')).status, 404);

  const zsList = await sys.call('GET', '/api/open311/v2/requests.json?jurisdiction_id=zs');
  assert.deepEqual(zsList.json, [], "Dongguan's cases are not Zhongshan's");
  assert.ok((await sys.call('GET', '/api/open311/v2/requests.json?jurisdiction_id=dongguan')).json.length > 0);
  assert.equal((await sys.call('GET', `/api/open311/v2/requests/${caseId}.json?jurisdiction_id=zs`)).status, 404);

  const before = await sys.db.collection('cases').countDocuments();
  const wrongCity = await post({ api_key: 'key-partner-0001', jurisdiction_id: 'zs', service_code: 'E0104', lat: '22.55', long: '113.35', description: '路面油污' });
  assert.equal(wrongCity.status, 403, JSON.stringify(wrongCity.json));
  const outside = await post({ api_key: 'key-partner-zs01', service_code: 'E0104', lat: '23.005', long: '113.745', description: '东莞的位置' });
  assert.equal(outside.status, 400, JSON.stringify(outside.json));
  assert.match(outside.json[0].description, /不在本接入方的城市/);
  const noAnswer = await post({ api_key: 'key-partner-zs01', service_code: 'C0101', lat: '22.55', long: '113.35', description: '井盖缺失' });
  assert.equal(noAnswer.status, 400);
  assert.match(noAnswer.json[0].description, /attribute\[cover_condition\]: 必填/);
  assert.equal(await sys.db.collection('cases').countDocuments(), before, 'nothing written for refused posts');

  const ok = await post({ api_key: 'key-partner-zs01', jurisdiction_id: 'zs', service_code: 'C0101', lat: '22.55', long: '113.35', description: '井盖缺失', 'attribute[cover_condition]': 'missing' }, 'xml');
  assert.equal(ok.status, 201, String(ok.json));
  const id = /<service_request_id>(\w+)<\/service_request_id>/.exec(String(ok.json))?.[1];
  const stored = await sys.db.collection('cases').findOne({ _id: id as never });
  assert.equal(stored?.scope.cityId, 'zs');
  assert.deepEqual(stored?.attributes, { cover_condition: 'missing' });

  const services = await sys.call('GET', '/api/open311/v2/services.xml?jurisdiction_id=zs');
  assert.match(String(services.json), /<service>\s*<service_code>C0101<\/service_code>[\s\S]*?<metadata>true<\/metadata>/);
  const def = await sys.call('GET', '/api/open311/v2/services/C0101.json?jurisdiction_id=zs');
  assert.equal(def.json.attributes[0].code, 'cover_condition');
  assert.equal(def.json.attributes[0].required, true);
  const defXml = await sys.call('GET', '/api/open311/v2/services/C0101.xml?jurisdiction_id=zs');
  assert.match(String(defXml.json), /<service_definition>[\s\S]*<attribute>[\s\S]*<code>cover_condition<\/code>[\s\S]*<value>\s*<key>missing<\/key>/);
});
