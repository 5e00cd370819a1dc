import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';

let sys: TestSystem;
let city: CityFixture;
before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
});
after(async () => sys.close());

const report = async (token: string, over: Record<string, unknown> = {}) =>
  sys.call('POST', '/api/cases', { token, body: { facilityId: city.facilityA, kind: 'component', classCode: '0101', description: '井盖松动，有异响', photos: [await photo(sys, token, 'r')], location: { lng: 113.745, lat: 23.005, accuracy: 15 }, ...over } });
const act = (token: string, id: string, body: Record<string, unknown>) => sys.call('POST', `/api/cases/${id}/actions`, { token, body });
const version = async (token: string, id: string) => (await sys.call('GET', `/api/cases/${id}`, { token })).json.data.version;
const inboxTitles = async (token: string) => (await sys.call('GET', '/api/inbox', { token })).json.data.items.map((i: { title: string }) => i.title);

test('the whole loop: report → accept → dispatch → start → report with after photo → verify fail (rework) → report → verify pass → closed → rate', async () => {
  const r = await report(city.citizen.token);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id;
  assert.equal(r.json.data.state, 'received');
  assert.equal(r.json.data.unitId, 'org-roads');
  assert.equal(r.json.data.queue, 'unit');
  assert.ok((await inboxTitles(city.chiefA.token)).some((t: string) => t.includes('新的市民上报')), 'the area chief is told');

  let x = await act(city.chiefA.token, id, { action: 'accept', version: await version(city.chiefA.token, id) });
  assert.equal(x.json.data.state, 'accepted');
  x = await act(city.chiefA.token, id, { action: 'dispatch', version: x.json.data.version });
  assert.equal(x.json.data.state, 'dispatched');
  assert.ok(x.json.data.deadline, 'a working-hours deadline is set at dispatch');
  x = await act(city.unitA.token, id, { action: 'start', version: x.json.data.version });
  assert.equal(x.json.data.state, 'in_progress');
  const noPhoto = await act(city.unitA.token, id, { action: 'report', version: x.json.data.version });
  assert.equal(noPhoto.status, 400, 'a fix without an after photo is refused');
  x = await act(city.unitA.token, id, { action: 'report', photos: [await photo(sys, city.unitA.token, 'after1')], reason: '已更换井盖', version: x.json.data.version });
  assert.equal(x.json.data.state, 'handled');
  x = await act(city.patrollerA.token, id, { action: 'verify', outcome: 'fail', reason: '井盖仍松动', photos: [await photo(sys, city.patrollerA.token, 'v1')], version: x.json.data.version });
  assert.equal(x.json.data.state, 'in_progress');
  assert.equal(x.json.data.reworkCount, 1);
  x = await act(city.unitA.token, id, { action: 'report', photos: [await photo(sys, city.unitA.token, 'after2')], reason: '已加固', version: x.json.data.version });
  x = await act(city.patrollerA.token, id, { action: 'verify', outcome: 'pass', photos: [await photo(sys, city.patrollerA.token, 'v2')], version: x.json.data.version });
  assert.equal(x.json.data.state, 'closed');
  const rated = await act(city.citizen.token, id, { action: 'rate', rating: 'satisfied', version: x.json.data.version });
  assert.equal(rated.status, 200, JSON.stringify(rated.json));
  assert.equal(rated.json.data.rating, 'satisfied');

  // the citizen saw each step: 立案, 反馈 (twice), 结案 — in the inbox and as WeChat messages
  const titles = await inboxTitles(city.citizen.token);
  for (const t of ['已立案', '已处置并反馈', '结案']) assert.ok(titles.some((x: string) => x.includes(t)), t);
  assert.ok(sys.standins.log.filter((e) => e.kind === 'subscribeMessage.send' && e.to === city.citizen.openid).length >= 4);
  const mine = await sys.call('GET', `/api/cases/${id}`, { token: city.citizen.token });
  assert.deepEqual(mine.json.data.timeline.map((e: { action: string }) => e.action), ['case.create', 'case.accept', 'case.dispatch', 'case.start', 'case.report', 'case.verify', 'case.report', 'case.verify', 'case.rate']);
});

// Issue 13 §6 (and issue 12): before, dispatch accepted any unitId — a typo or another city's unit stranded the case.
test('dispatch goes only to a unit of the city that handles the class: unknown and ineligible units are clear 400s, nothing written', async () => {
  const r = await report(city.citizen2.token, { facilityId: undefined, location: { lng: 113.745, lat: 23.005 }, kind: 'event', classCode: '0104', description: '路面散落垃圾' });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id;
  const accepted = await act(city.chiefA.token, id, { action: 'accept', version: await version(city.chiefA.token, id) });
  const v = accepted.json.data.version;
  const typo = await act(city.chiefA.token, id, { action: 'dispatch', version: v, unitId: 'org-raods' });
  assert.deepEqual([typo.status, typo.json.error], [400, 'unit_not_found']);
  assert.match(typo.json.message, /责任单位“org-raods”不存在/);
  const other = await act(city.chiefA.token, id, { action: 'dispatch', version: v, unitId: 'org-east' }); // handles components only
  assert.deepEqual([other.status, other.json.error], [400, 'unit_not_eligible']);
  const doc = await sys.db.collection('cases').findOne({ _id: id });
  assert.equal(doc?.state, 'accepted');
  assert.equal(doc?.history.length, 2, 'no event was written');
  const good = await act(city.chiefA.token, id, { action: 'dispatch', version: v, unitId: 'org-roads' });
  assert.equal(good.status, 200, JSON.stringify(good.json));
  assert.equal(good.json.data.unitId, 'org-roads');
});

test('a second citizen scanning the same facility is offered "follow" instead of a duplicate', async () => {
  const first = await report(city.citizen.token, { description: '井盖缺失，很危险', kind: 'component', classCode: '0103' });
  assert.equal(first.status, 201);
  const dup = await report(city.citizen2.token, { description: '这里井盖没了', classCode: '0103' });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error, 'duplicate_open_case');
  const follow = await report(city.citizen2.token, { description: '这里井盖没了', classCode: '0103', follow: true });
  assert.equal(follow.status, 200);
  assert.equal(follow.json.data.id, first.json.data.id);
  assert.equal(follow.json.data.followed, true);
  const mine = await sys.call('GET', '/api/cases/mine', { token: city.citizen2.token });
  assert.equal(mine.json.data[0].following, true);
  // the follower hears about 立案 too
  const v = await version(city.chiefA.token, first.json.data.id);
  await act(city.chiefA.token, first.json.data.id, { action: 'accept', version: v });
  assert.ok((await inboxTitles(city.citizen2.token)).some((t: string) => t.includes('已立案')));
  // Issue 13 §6: before, the follower read the reporter's GPS fix and photo hashes. The reporter and staff still do.
  const seen = (await sys.call('GET', `/api/cases/${first.json.data.id}`, { token: city.citizen2.token })).json.data;
  assert.deepEqual(seen.photos, []);
  assert.deepEqual([seen.location.lng, seen.location.lat], [113.745, 23.005]);
  assert.equal(seen.location.accuracy, undefined);
  assert.deepEqual(seen.timeline.find((e: { action: string }) => e.action === 'case.create').photos, []);
  for (const token of [city.citizen.token, city.chiefA.token]) {
    const full = (await sys.call('GET', `/api/cases/${first.json.data.id}`, { token })).json.data;
    assert.equal(full.photos.length, 1);
    assert.equal(full.location.accuracy, 15);
    assert.equal(full.timeline.find((e: { action: string }) => e.action === 'case.create').photos.length, 1);
  }
});

test('hostile input: unknown class, out-of-order transition, another town’s case, another citizen’s case → clear errors, nothing written', async () => {
  const before = await sys.db.collection('cases').countDocuments();
  const unknown = await report(city.citizen.token, { classCode: '9999' });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.error, 'unknown_class');
  assert.equal(await sys.db.collection('cases').countDocuments(), before);

  const r = await report(city.citizen.token, { classCode: '0102', description: '污水井盖破损' });
  const id = r.json.data.id;
  const v = await version(city.chiefA.token, id);
  const early = await act(city.chiefA.token, id, { action: 'dispatch', version: v });
  assert.equal(early.status, 409);
  assert.equal(early.json.error, 'invalid_transition');
  const other = await act(city.chiefB.token, id, { action: 'accept', version: v });
  assert.equal(other.status, 404, 'another town’s area chief cannot even see it');
  assert.equal((await sys.call('GET', `/api/cases/${id}`, { token: city.regulatorB.token })).status, 404);
  assert.equal((await sys.call('GET', `/api/cases/${id}`, { token: city.citizen2.token })).status, 404);
  const unitEarly = await act(city.unitA.token, id, { action: 'accept', version: v });
  assert.equal(unitEarly.status, 403);
  const stale = await act(city.chiefA.token, id, { action: 'accept', version: v + 1 });
  assert.deepEqual([stale.status, stale.json.error], [409, 'stale_version']);
  const bare = await act(city.chiefA.token, id, { action: 'accept' });
  assert.equal(bare.status, 400);
  assert.match(bare.json.message, /缺少记录版本号，请刷新页面后重试/);
  const doc = await sys.db.collection('cases').findOne({ _id: id });
  assert.equal(doc?.history.length, 1, 'no event was written');
});

test('rate limit per user', async () => {
  const spammer = await sys.user('刷单者', [], {});
  let last;
  for (let i = 0; i < 6; i++) last = await report(spammer.token, { facilityId: undefined, location: { lng: 113.745, lat: 23.005 }, kind: 'event', classCode: '0104', description: `道路不洁第${i}次` });
  assert.equal(last!.status, 429);
  assert.equal(await sys.db.collection('cases').countDocuments({ reporterId: spammer.id }), 5);
});

// Issue 13 §1: before, the limit counted then inserted, and 40 concurrent reports from one account all passed (40 × 201).
test('the report limit holds under concurrency: 40 at once from one account → exactly 5 stored; refused input does not count', async () => {
  const burst = await sys.user('并发刷单者', [], {});
  const pic = await photo(sys, burst.token, 'burst');
  const bad = await report(burst.token, { facilityId: undefined, location: { lng: 113.745, lat: 23.005 }, kind: 'event', classCode: '0104', description: '脏', photos: [pic] });
  assert.equal(bad.status, 400, 'a refused report takes no slot');
  const all = await Promise.all(Array.from({ length: 40 }, (_, i) => report(burst.token, { facilityId: undefined, location: { lng: 113.745, lat: 23.005 }, kind: 'event', classCode: '0104', description: `并发上报第${i}次`, photos: [pic] })));
  const statuses = all.map((r) => r.status);
  assert.equal(statuses.filter((x) => x === 201).length, 5, statuses.join(','));
  assert.equal(statuses.filter((x) => x === 429).length, 35, statuses.join(','));
  assert.match(all.find((r) => r.status === 429)!.json.message, /每小时最多 5 件/);
  assert.equal(await sys.db.collection('cases').countDocuments({ reporterId: burst.id }), 5);
});

test('a report outside every grid goes to the town dispatch queue and records what was missing', async () => {
  const r = await report(city.citizen2.token, { facilityId: undefined, location: { lng: 113.78, lat: 22.97 }, kind: 'event', classCode: '0104', description: '路面大片油污' });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.queue, 'town_dispatch');
  const d = await sys.call('GET', `/api/cases/${r.json.data.id}`, { token: city.citizen2.token });
  assert.ok(d.json.data.routingMissing.includes('grid'));
});

test('metrics per town follow the published definitions', async () => {
  const m = await sys.call('GET', '/api/cases-metrics?by=town', { token: city.chiefA.token });
  assert.equal(m.status, 200);
  const nc = m.json.data.rows.find((r: { key: string }) => r.key === 'nancheng');
  assert.ok(nc);
  assert.equal(nc.reworkRate, 1, 'the one handled case was reworked once');
  assert.equal(nc.satisfactionRate, 1);
  assert.ok(m.json.data.definitions.closeRate.zh);
});

test('metrics per town for the east town regulator list 东城 with zero cases rather than nothing (issue 17)', async () => {
  const m = await sys.call('GET', '/api/cases-metrics?by=town', { token: city.regulatorB.token });
  assert.equal(m.status, 200, JSON.stringify(m.json));
  const dc = m.json.data.rows.find((r: { key: string }) => r.key === 'dongcheng');
  assert.ok(dc, `the town is listed: ${JSON.stringify(m.json.data.rows)}`);
  assert.equal(dc.counts.filed, 0);
  assert.equal(dc.name, '东城');
  const grids = await sys.call('GET', '/api/cases-metrics?by=grid', { token: city.regulatorB.token });
  assert.deepEqual(grids.json.data.rows.map((r: { key: string }) => r.key), ['g-b'], 'its grid, with zeros');
});
