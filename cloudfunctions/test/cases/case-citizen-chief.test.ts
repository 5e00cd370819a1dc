/**
 * Issue 17, what the reporter and the area chief expect: 补充 (a note and photos added to an open report),
 * 撤回 (a report the unit has not started on, only by its reporter, seen withdrawn by the chief and the unit),
 * and 催办 (the area chief chases the unit on an overdue case, at most once per case per Beijing day).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';

let sys: TestSystem;
let city: CityFixture;
let clock = new Date();
before(async () => {
  sys = await startTestSystem({ now: () => clock });
  city = await buildCity(sys);
});
after(async () => sys.close());

const report = async (token: string, classCode: string, facilityId = city.facilityA) =>
  sys.call('POST', '/api/cases', { token, body: { facilityId, kind: 'component', classCode, description: '井盖松动，有异响', photos: [await photo(sys, token, classCode)], location: { lng: 113.745, lat: 23.005, accuracy: 15 } } });
const act = (token: string, id: string, body: Record<string, unknown>) => sys.call('POST', `/api/cases/${id}/actions`, { token, body });
const read = async (token: string, id: string) => (await sys.call('GET', `/api/cases/${id}`, { token })).json;
const inbox = async (token: string) => (await sys.call('GET', '/api/inbox', { token })).json.data.items as { title: string; link?: string }[];

/** A case of the citizen's, accepted and dispatched to org-roads by chief A; its version. */
async function dispatched(classCode: string): Promise<{ id: string; version: number }> {
  const r = await report(city.citizen.token, classCode);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const a = await act(city.chiefA.token, r.json.data.id, { action: 'accept', version: r.json.data.version });
  const d = await act(city.chiefA.token, r.json.data.id, { action: 'dispatch', version: a.json.data.version });
  assert.equal(d.json.data.state, 'dispatched', JSON.stringify(d.json));
  return { id: r.json.data.id, version: d.json.data.version };
}

test('补充: the reporter adds a note and a photo to an open report; staff are told and read both; an empty one or a stranger is refused', async () => {
  const c = await dispatched('0101');
  const before = await read(city.citizen.token, c.id);
  assert.equal(before.policies.supplement, true);
  assert.equal(before.policies.withdraw, true);
  const empty = await act(city.citizen.token, c.id, { action: 'supplement', version: c.version, reason: '  ' });
  assert.deepEqual([empty.status, empty.json.error, empty.json.message], [400, 'supplement_empty', '请填写补充说明或上传照片']);
  const stranger = await act(city.citizen2.token, c.id, { action: 'supplement', version: c.version, reason: '我也看到了' });
  assert.equal(stranger.status, 404, 'another citizen does not even see the report');
  const shot = await photo(sys, city.citizen.token, 'more');
  const added = await act(city.citizen.token, c.id, { action: 'supplement', version: c.version, reason: '旁边还有一处塌陷', photos: [shot] });
  assert.equal(added.status, 200, JSON.stringify(added.json));
  assert.equal(added.json.data.state, 'dispatched', 'the state does not move');
  const seen = await read(city.unitA.token, c.id);
  const entry = seen.data.timeline.at(-1);
  assert.deepEqual([entry.action, entry.label, entry.note, entry.photos], ['case.supplement', '补充信息', '旁边还有一处塌陷', [shot]]);
  assert.equal((await sys.call('GET', `/api/blobs/${shot}`, { token: city.unitA.token })).status, 200, 'the unit may open the added photo');
  for (const who of [city.chiefA, city.unitA]) assert.ok((await inbox(who.token)).some((m) => m.title.startsWith('市民补充了问题信息')), 'chief and unit are told');
  // a follower reads the note but not the reporter's photos (as with the report's own)
  const follow = await sys.call('POST', '/api/cases', { token: city.citizen2.token, body: { facilityId: city.facilityA, kind: 'component', classCode: '0101', follow: true } });
  assert.deepEqual([follow.status, follow.json.data.followed], [200, true]);
  const followerView = await read(city.citizen2.token, c.id);
  assert.deepEqual([followerView.data.timeline.at(-1).note, followerView.data.timeline.at(-1).photos], ['旁边还有一处塌陷', []]);
});

test('撤回: only the reporter, only before the unit starts; the chief and the unit see it withdrawn; nothing half written', async () => {
  const c = await dispatched('0102');
  const byChief = await act(city.chiefA.token, c.id, { action: 'withdraw', version: c.version });
  assert.equal(byChief.status, 403, 'the chief cannot withdraw a citizen report');
  const byOther = await act(city.citizen2.token, c.id, { action: 'withdraw', version: c.version });
  assert.equal(byOther.status, 404);
  const stale = await act(city.citizen.token, c.id, { action: 'withdraw', version: c.version - 1 });
  assert.deepEqual([stale.status, stale.json.error], [409, 'stale_version']);
  const unchanged = await sys.db.collection('cases').findOne({ _id: c.id as never });
  assert.equal(unchanged?.state, 'dispatched');
  assert.equal(unchanged?.version, c.version, 'the refusals wrote nothing');

  const w = await act(city.citizen.token, c.id, { action: 'withdraw', version: c.version, reason: '已自行联系物业解决' });
  assert.equal(w.status, 200, JSON.stringify(w.json));
  assert.deepEqual([w.json.data.state, w.json.data.stateLabel], ['withdrawn', '已撤回']);
  assert.equal(w.json.policies.supplement, false, 'a withdrawn report takes no more information');
  const chiefView = await read(city.chiefA.token, c.id);
  assert.equal(chiefView.data.state, 'withdrawn');
  assert.equal(chiefView.data.stepDue, null, 'no step waits any more');
  for (const who of [city.chiefA, city.unitA]) assert.ok((await inbox(who.token)).some((m) => m.title.startsWith('市民已撤回上报，无需处置')));
  const queue = (await sys.call('GET', '/api/cases?state=open', { token: city.unitA.token })).json.data as { id: string }[];
  assert.ok(!queue.some((x) => x.id === c.id), 'no longer in the unit’s open queue');
  const again = await act(city.citizen.token, c.id, { action: 'withdraw', version: w.json.data.version });
  assert.deepEqual([again.status, again.json.error], [409, 'invalid_transition']);

  // once the unit has started, the report can no longer be taken back
  const s = await dispatched('0103');
  const started = await act(city.unitA.token, s.id, { action: 'start', version: s.version });
  const late = await act(city.citizen.token, s.id, { action: 'withdraw', version: started.json.data.version });
  assert.deepEqual([late.status, late.json.error], [409, 'invalid_transition']);
  assert.match(late.json.message, /处置中/);
});

test('催办: only on an overdue case; 40 concurrent taps send one reminder; again the next Beijing day', async () => {
  const c = await dispatched('0105');
  const early = await act(city.chiefA.token, c.id, { action: 'remind', version: c.version });
  assert.deepEqual([early.status, early.json.error], [409, 'not_overdue']);
  assert.equal((await read(city.chiefA.token, c.id)).policies.remind, false);
  // the handling deadline passed, as the clock would have it
  const past = new Date(clock.getTime() - 3_600_000);
  await sys.db.collection('cases').updateOne({ _id: c.id as never }, { $set: { deadline: past, 'stepDue.at': past } });
  assert.equal((await read(city.chiefA.token, c.id)).policies.remind, true);
  assert.equal((await read(city.unitA.token, c.id)).policies.remind, false, 'the unit cannot remind itself');

  const taps = await Promise.all(Array.from({ length: 40 }, () => act(city.chiefA.token, c.id, { action: 'remind', version: c.version })));
  assert.equal(taps.filter((t) => t.status === 200).length, 1, taps.map((t) => `${t.status} ${t.json.error ?? ''}`).join(','));
  assert.ok(taps.every((t) => t.status === 200 || t.status === 409));
  const doc = await sys.db.collection('cases').findOne({ _id: c.id as never });
  assert.equal(doc?.history.filter((e: { action: string }) => e.action === 'case.remind').length, 1);
  const reminders = async () => (await inbox(city.unitA.token)).filter((m) => m.title.startsWith('片长催办') && m.link?.includes(c.id)).length;
  assert.equal(await reminders(), 1, 'the unit got exactly one reminder');
  const seen = await read(city.chiefA.token, c.id);
  assert.ok(seen.data.remindedAt);
  assert.equal(seen.policies.remind, false);
  const same = await act(city.chiefA.token, c.id, { action: 'remind', version: seen.data.version });
  assert.deepEqual([same.status, same.json.error, same.json.message], [409, 'already_reminded', '今天已催办过该案件，明天可再次催办']);

  // the queue says so on the server's clock (the page's own may be another day)
  const inQueue = async () => ((await sys.call('GET', '/api/cases?state=all', { token: city.chiefA.token })).json.data as { id: string; remindedToday: boolean }[]).find((x) => x.id === c.id)?.remindedToday;
  assert.equal(await inQueue(), true);

  clock = new Date(clock.getTime() + 86_400_000);
  assert.equal(await inQueue(), false, 'a new Beijing day: not reminded today');
  const next = await act(city.chiefA.token, c.id, { action: 'remind', version: seen.data.version });
  assert.equal(next.status, 200, JSON.stringify(next.json));
  assert.equal(await reminders(), 2);
});
