import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, type PitFixture } from '../helpers/pit-factory';
import { enrol, facePhoto, northOf, scenePhoto, uploadPhoto } from '../helpers/checkin-factory';
import { PIT_PROJECTS } from '../../src/contexts/pit/pit.collections';
import { isPresentAt, listCheckins, presenceSpans } from '../../src/contexts/checkin/public';

let sys: TestSystem;
let pit: PitFixture;
let clock = Date.parse('2026-12-07T01:00:00Z');
const CENTER = { lng: 113.75, lat: 23.0 };
const gps = (m = 20, accuracyM = 12) => ({ ...northOf(CENTER, m), accuracyM });
const count = (c = 'checkins') => sys.db.collection(c).countDocuments({});

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  pit = await buildPit(sys);
});
after(async () => sys.close());

async function checkin(token: string, body: Record<string, unknown>) {
  return sys.call('POST', '/api/checkins', { token, body: { siteKind: 'pit_site', siteId: pit.projectId, direction: 'in', gps: gps(), ...body } });
}

test('enrolment: the ID number is stored sealed and answered masked only, everywhere', async () => {
  const { token, id } = pit.people.monitor;
  const e = await enrol(sys, token, '李监测', 'li-jiance', 1);
  assert.equal(e.idNumberMasked, `${e.idNumber.slice(0, 4)}**********${e.idNumber.slice(-4)}`);
  assert.equal(e.idNumberMasked.length, 18);
  const mine = await sys.call('GET', '/api/checkins/enrolment', { token });
  assert.equal(mine.json.data.idNumberMasked, e.idNumberMasked);
  assert.ok(!JSON.stringify(mine.json).includes(e.idNumber), 'never sent whole');
  const stored = await sys.db.collection('checkin_people').findOne({ _id: id as never });
  assert.ok(stored && !JSON.stringify(stored).includes(e.idNumber), 'not stored in the clear');
  assert.equal(typeof stored!.idNumber.data, 'string');
  const bad = await sys.call('POST', '/api/checkins/enrolment', { token, body: { name: '李监测', idNumber: '442000199001110013', photoHash: e.photoHash } });
  assert.equal(bad.status, 400);
  assert.match(bad.json.message, /校验位/);
});

test('a matching face inside the fence checks in; the record is chained and counts as presence', async () => {
  const { token, id } = pit.people.monitor;
  const photoHash = await uploadPhoto(sys, token, scenePhoto());
  const face = await sys.call('POST', '/api/checkins/face-session', { token, body: { siteKind: 'pit_site', siteId: pit.projectId, client: 'h5' } });
  assert.deepEqual(face.json.data, { mode: 'photo' });
  const r = await checkin(token, { photoHash, face: { photoHash: await uploadPhoto(sys, token, facePhoto('li-jiance')) } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.role, '监测单位人员');
  assert.equal(r.json.data.faceMatch, true);
  assert.equal(r.json.data.inGeofence, true);
  assert.equal(Math.round(r.json.data.distanceM), 20);
  assert.deepEqual(r.json.data.flags, []);
  assert.match(r.json.data.chainHash, /^[0-9a-f]{64}$/);
  const records = await listCheckins(sys.deps, { siteKind: 'pit_site', siteId: pit.projectId });
  assert.equal(records.length, 1);
  assert.equal(records[0].seq, 1);
  assert.equal(isPresentAt(presenceSpans(records), id, new Date(clock + 60_000)), true);
  const iai = sys.standins.log.filter((l) => l.service === 'iai' && l.ok).map((l) => l.kind).sort();
  assert.deepEqual(iai, ['CompareFace', 'DetectLiveFaceAccurate'], 'through the real SDK to the TC3-checking stand-in');
});

test('refusals write nothing: another face, a photo of a photo, 300 m outside, accuracy 150 m, out without in, not enrolled', async () => {
  const { token } = pit.people.monitor;
  const photoHash = await uploadPhoto(sys, token, scenePhoto());
  const before = await count();
  const cases: [Record<string, unknown>, number, string, RegExp][] = [
    [{ face: { photoHash: await uploadPhoto(sys, token, facePhoto('someone-else')) } }, 400, 'face_mismatch', /不一致/],
    [{ face: { photoHash: await uploadPhoto(sys, token, facePhoto('li-jiance', { spoof: true })) } }, 400, 'face_mismatch', /活体检测未通过/],
    [{ face: { photoHash: await uploadPhoto(sys, token, scenePhoto()) } }, 400, 'face_mismatch', /未检测到人脸/],
    [{ gps: gps(300), face: { photoHash: await uploadPhoto(sys, token, facePhoto('li-jiance')) } }, 400, 'outside_geofence', /约 300 米，超出 200 米签到范围/],
    [{ gps: gps(10, 150), face: { photoHash: await uploadPhoto(sys, token, facePhoto('li-jiance')) } }, 400, 'gps_inaccurate', /150 米/],
  ];
  for (const [body, status, code, message] of cases) {
    const r = await checkin(token, { photoHash, ...body });
    assert.equal(r.status, status, JSON.stringify(r.json));
    assert.equal(r.json.error, code);
    assert.match(r.json.message, message);
  }
  const outside = await checkin(token, { photoHash, gps: gps(300), face: { photoHash: await uploadPhoto(sys, token, facePhoto('li-jiance')) } });
  assert.equal(Math.round(outside.json.data.distanceM), 300);
  const owner = pit.people.owner;
  const ownerPhoto = await uploadPhoto(sys, owner.token, scenePhoto());
  const notEnrolled = await checkin(owner.token, { photoHash: ownerPhoto, face: { photoHash: await uploadPhoto(sys, owner.token, facePhoto('owner')) } });
  assert.equal(notEnrolled.json.error, 'not_enrolled');
  await enrol(sys, owner.token, '王建设', 'owner', 2);
  const out = await checkin(owner.token, { direction: 'out', photoHash: ownerPhoto, face: { photoHash: await uploadPhoto(sys, owner.token, facePhoto('owner')) } });
  assert.equal(out.status, 409);
  assert.equal(out.json.error, 'not_checked_in');
  assert.match(out.json.message, /尚未在“测试基坑”签到/);
  const stranger = await checkin(pit.people.otherProjectMonitor.token, { photoHash });
  assert.equal(stranger.status, 404);
  assert.equal(await count(), before, 'no check-in written');
});

test('check-out after check-in closes the span; a second site 30 km away 10 minutes later is flagged and the regulators told', async () => {
  const { token, id } = pit.people.monitor;
  clock += 3600_000;
  const out = await checkin(token, { direction: 'out', photoHash: await uploadPhoto(sys, token, scenePhoto()), face: { photoHash: await uploadPhoto(sys, token, facePhoto('li-jiance')) } });
  assert.equal(out.status, 201, JSON.stringify(out.json));
  const spans = presenceSpans(await listCheckins(sys.deps, { siteKind: 'pit_site', siteId: pit.projectId }));
  assert.equal(spans.length, 1);
  assert.equal(spans[0].to?.getTime(), clock);
  assert.equal(isPresentAt(spans, id, new Date(clock + 1000)), false);

  const far = northOf(CENTER, 30_000);
  const project = await sys.db.collection(PIT_PROJECTS).findOne({ _id: pit.projectId as never });
  const otherId = `${pit.projectId}b`;
  await sys.db.collection(PIT_PROJECTS).insertOne({ ...project!, _id: otherId as never, name: '远处基坑', location: far, scope: { ...project!.scope, projectId: otherId } });
  clock += 10 * 60_000;
  const r = await sys.call('POST', '/api/checkins', {
    token,
    body: { siteKind: 'pit_site', siteId: otherId, direction: 'in', gps: { ...far, accuracyM: 10 }, photoHash: await uploadPhoto(sys, token, scenePhoto()), face: { photoHash: await uploadPhoto(sys, token, facePhoto('li-jiance')) } },
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.deepEqual(r.json.data.flags, ['impossible_travel']);
  const inbox = await sys.db.collection('inbox').find({ userId: pit.people.townRegulator.id, title: '签到行程异常' }).toArray();
  assert.equal(inbox.length, 1);
  assert.match(inbox[0].body, /李监测.*“远处基坑”签到.*10分钟前在“测试基坑”.*约30\.0公里/);
  assert.equal(await sys.db.collection('inbox').countDocuments({ userId: pit.people.otherTownRegulator.id, title: '签到行程异常' }), 0);
  // a flagged check-in does not count as presence
  assert.equal(isPresentAt(presenceSpans(await listCheckins(sys.deps, { siteKind: 'pit_site', siteId: otherId })), id, new Date(clock + 1000)), false);
});

test('GET /api/checkins: the chain is intact and the list never shows GPS, photos or ID numbers', async () => {
  const r = await sys.call('GET', `/api/checkins?siteKind=pit_site&siteId=${pit.projectId}`, { token: pit.people.townRegulator.token });
  assert.equal(r.status, 200);
  assert.equal(r.json.data.chainIntact, true);
  assert.deepEqual(r.json.data.checkins.map((x: { direction: string; seq: number }) => [x.seq, x.direction]), [[1, 'in'], [2, 'out']]);
  assert.ok(!/"lng"|photoHash|idNumber/.test(JSON.stringify(r.json)));
});
