/**
 * Issue 12 §4, the area chief's tools: rules listed, edited, paused and resumed with the record version (stale →
 * 409); a third-party patroller invited into the chief's own grid until a date, who redeems and patrols only that
 * grid; coverage with each check-in's evidence; the grid map's done / due / missed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
let city: CityFixture;
let clock = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 in Dongguan
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
});
after(async () => sys.close());

const tok = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));
const call = async (method: string, path: string, who: { id: string }, body?: unknown) => sys.call(method, path, { token: await tok(who.id), body });
const codeOf = (id: string) => signCodeUrl(sys.deps.config.codeSecret, 'https://code.example.cn', id);
const AT_A = { lng: 113.7451, lat: 23.0051, accuracy: 12 };
const AT_B = { lng: 113.8451, lat: 23.0051, accuracy: 9 };

let patroller: { id: string; token: string };
test('an area chief invites a third-party patroller into their own grid only, until a date', async () => {
  const body = { name: '钱巡查', phone: '137 3333 0001', company: '城安物业', gridIds: ['g-a'], until: '2026-12-31' };
  const other = await call('POST', '/api/patrol/invitations', city.chiefA, { ...body, gridIds: ['g-a', 'g-b'] });
  assert.deepEqual([other.status, other.json.error], [403, 'grid_not_yours']);
  assert.match(other.json.message, /g-b 不是您的网格/);
  assert.equal((await call('POST', '/api/patrol/invitations', city.chiefA, { ...body, gridIds: ['g-nowhere'] })).json.error, 'grid_not_found');
  assert.equal((await call('POST', '/api/patrol/invitations', city.chiefA, { ...body, until: '2026-11-25' })).json.error, 'until_out_of_range');
  const impossible = await call('POST', '/api/patrol/invitations', city.chiefA, { ...body, until: '2026-02-30' });
  assert.equal(impossible.status, 400);
  assert.match(impossible.json.message, /日期不存在/);
  assert.equal((await call('POST', '/api/patrol/invitations', city.patrollerA, body)).status, 403, 'a patroller cannot invite');
  assert.equal(await sys.db.collection('invitations').countDocuments(), 0, 'refused invitations wrote nothing');

  const r = await call('POST', '/api/patrol/invitations', city.chiefA, body);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.deepEqual(r.json.data.gridIds, ['g-a']);
  assert.equal(r.json.data.until, '2026-12-31T16:00:00.000Z', 'the end of 31 December in Beijing');
  const sms = sys.standins.log.filter((e) => e.service === 'sms' && e.ok && e.to === '+8613733330001');
  assert.equal(sms.length, 1, 'the code is texted to the phone');
  assert.deepEqual((sms[0].payload as { params: string[] }).params, ['钱巡查', '巡查员', r.json.data.code]);

  const wx = await sys.call('POST', '/api/auth/wx-login', { body: { code: 'qian.i1' } });
  const redeemed = await sys.call('POST', '/api/auth/redeem-invitation', { token: wx.json.data.token, body: { code: r.json.data.code } });
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.json));
  patroller = { id: redeemed.json.data.user.id, token: redeemed.json.data.token };
  assert.equal(patroller.id, r.json.data.contactId, 'the session continues as the invited contact');
});

test('the invited patroller checks in only in that grid, and not after the end date', async () => {
  const pic = await photo(sys, await tok(patroller.id), 'pat-a');
  const here = await call('POST', '/api/patrol/checks', patroller, { code: codeOf(city.facilityA), location: AT_A, condition: 'ok', photos: [pic] });
  assert.equal(here.status, 201, JSON.stringify(here.json));
  const elsewhere = await call('POST', '/api/patrol/checks', patroller, { code: codeOf(city.facilityB), location: AT_B, condition: 'ok' });
  assert.deepEqual([elsewhere.status, elsewhere.json.message], [403, '该设施不在您负责的巡查网格内']);
  const saved = clock;
  clock = Date.parse('2027-01-01T00:30:00Z'); // 08:30 on 1 January in Beijing
  const late = await call('POST', '/api/patrol/checks', patroller, { code: codeOf(city.facilityA), location: AT_A, condition: 'ok' });
  assert.equal(late.status, 403, 'the binding ended');
  clock = saved;
  assert.equal(await sys.db.collection('patrol_checks').countDocuments({ patrollerId: patroller.id }), 1);
});

let rule: { id: string; version: number };
test('rules: created from the city’s defaults, listed, edited with the version (stale → 409), paused and resumed', async () => {
  const put = await call('PUT', '/api/patrol/defaults/dongguan', city.chiefA, { version: null, per: 'day', times: 2, window: { start: '07:00', end: '19:00' } });
  assert.equal(put.status, 403, 'only the city admin sets defaults');
  const admin = await sys.user('管理员', [{ role: 'admin', cityId: 'dongguan' }]);
  const set = await call('PUT', '/api/patrol/defaults/dongguan', admin, { version: null, per: 'week', times: 3, window: { start: '07:00', end: '19:00' } });
  assert.equal(set.status, 200, JSON.stringify(set.json));
  const created = await call('POST', '/api/patrol/rules', city.chiefA, { name: '第三方周巡', gridId: 'g-a', facilityIds: [city.facilityA], patrollerIds: [patroller.id] });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const list = await call('GET', '/api/patrol/rules', city.chiefA);
  const view = list.json.data.find((r: { id: string }) => r.id === created.json.data.id);
  assert.deepEqual([view.per, view.times, view.window.start, view.state, view.policies], ['week', 3, '07:00', 'active', { edit: true, pause: true, resume: false }]);
  assert.deepEqual((await call('GET', '/api/patrol/rules', city.chiefB)).json.data, [], 'another grid’s chief lists none');
  rule = { id: view.id, version: view.version };

  const edited = await call('PUT', `/api/patrol/rules/${rule.id}`, city.chiefA, { version: rule.version, times: 1, per: 'week' });
  assert.equal(edited.status, 200, JSON.stringify(edited.json));
  assert.equal(edited.json.data.times, 1);
  const stale = await call('PUT', `/api/patrol/rules/${rule.id}`, city.chiefA, { version: rule.version, times: 5 });
  assert.deepEqual([stale.status, stale.json.error], [409, 'stale_version']);
  const missing = await call('PUT', `/api/patrol/rules/${rule.id}`, city.chiefA, { times: 5 });
  assert.equal(missing.status, 400);
  assert.match(missing.json.message, /缺少记录版本号，请刷新页面后重试/);
  const outside = await call('PUT', `/api/patrol/rules/${rule.id}`, city.chiefA, { version: edited.json.data.version, facilityIds: [city.facilityB] });
  assert.equal(outside.json.error, 'facility_outside_grid');
  assert.equal((await call('PUT', `/api/patrol/rules/${rule.id}`, city.chiefB, { version: edited.json.data.version, times: 2 })).status, 404);

  const paused = await call('POST', `/api/patrol/rules/${rule.id}/pause`, city.chiefA, { version: edited.json.data.version });
  assert.equal(paused.json.data.state, 'paused');
  assert.deepEqual((await call('GET', '/api/patrol/today', patroller)).json.data, [], 'a paused rule gives no tasks');
  const again = await call('POST', `/api/patrol/rules/${rule.id}/pause`, city.chiefA, { version: paused.json.data.version });
  assert.deepEqual([again.status, again.json.error], [409, 'rule_already_paused']);
  const staleResume = await call('POST', `/api/patrol/rules/${rule.id}/resume`, city.chiefA, { version: edited.json.data.version });
  assert.deepEqual([staleResume.status, staleResume.json.error], [409, 'stale_version']);
  const resumed = await call('POST', `/api/patrol/rules/${rule.id}/resume`, city.chiefA, { version: paused.json.data.version });
  assert.equal(resumed.json.data.state, 'active');
  const doc = (await sys.db.collection('patrol_rules').findOne({ _id: rule.id as never }))!;
  assert.deepEqual((doc.history as { action: string }[]).map((e) => e.action), ['patrol.rule_create', 'patrol.rule_edit', 'patrol.rule_pause', 'patrol.rule_resume']);
});

test('coverage shows each check-in with time, distance, accuracy and photo; the chief may open the photo; the grid map colours the facility', async () => {
  const r = await call('GET', '/api/patrol/coverage/checks?per=week', city.chiefA);
  assert.equal(r.status, 200);
  const [c] = r.json.data;
  assert.equal(r.json.data.length, 1);
  assert.equal(c.patrollerId, patroller.id);
  assert.equal(c.facilityName, `井盖${city.facilityA}`);
  assert.equal(c.accuracyM, 12);
  assert.ok(c.distanceM >= 0 && c.distanceM < 20);
  assert.equal(c.photos.length, 1);
  const blob = await sys.call('GET', `/api/blobs/${c.photos[0]}`, { token: await tok(city.chiefA.id) });
  assert.equal(blob.status, 200, 'the grid’s chief reads the check-in photo through the evidence store');
  assert.equal((await sys.call('GET', `/api/blobs/${c.photos[0]}`, { token: await tok(city.chiefB.id) })).status, 404);
  assert.deepEqual((await call('GET', '/api/patrol/coverage/checks', city.chiefB)).json.data, []);

  const map = await call('GET', '/api/patrol/grid-map?gridId=g-a&per=week', city.chiefA);
  assert.equal(map.status, 200, JSON.stringify(map.json));
  assert.equal(map.json.data.polygon.length, 4);
  const f = map.json.data.facilities.find((x: { id: string }) => x.id === city.facilityA);
  assert.equal(f.status, 'done', 'checked once this week, the rule asks once');
  assert.equal((await call('GET', '/api/patrol/grid-map?gridId=g-a', city.chiefB)).status, 404);
  await call('PUT', `/api/patrol/rules/${rule.id}`, city.chiefA, { version: (await call('GET', '/api/patrol/rules', city.chiefA)).json.data[0].version, times: 2 });
  const due = await call('GET', '/api/patrol/grid-map?gridId=g-a&per=week', city.chiefA);
  assert.equal(due.json.data.facilities.find((x: { id: string }) => x.id === city.facilityA).status, 'due');
});
