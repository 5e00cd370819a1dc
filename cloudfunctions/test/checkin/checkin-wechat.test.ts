import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, type PitFixture } from '../helpers/pit-factory';
import { enrol, northOf, scenePhoto, uploadPhoto } from '../helpers/checkin-factory';
import { certHash } from '../../src/platform/face/cert-hash';

let sys: TestSystem;
let pit: PitFixture;
const CENTER = { lng: 113.75, lat: 23.0 };

before(async () => {
  sys = await startTestSystem({ env: { FACE_VERIFIER: 'wechat' } });
  pit = await buildPit(sys);
});
after(async () => sys.close());

const site = () => ({ siteKind: 'pit_site', siteId: pit.projectId });
const session = (token: string, client = 'weapp') => sys.call('POST', '/api/checkins/face-session', { token, body: { ...site(), client } });
const checkin = async (token: string, verifyId: string) =>
  sys.call('POST', '/api/checkins', { token, body: { ...site(), direction: 'in', gps: { ...northOf(CENTER, 30), accuracyM: 8 }, photoHash: await uploadPhoto(sys, token, scenePhoto()), face: { verifyId } } });
const audits = (action: string) => sys.db.collection('audit_log').countDocuments({ action });

test('cert_hash: the documented example', () => {
  assert.equal(certHash({ cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: '310101199801011234' }), '3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b');
});

test('WeChat face verification 2.0: getverifyid → (face) → queryverifyinfo; each ID-number use audited, never logged whole', async () => {
  const { token } = pit.people.monitor;
  const e = await enrol(sys, token, '陈监测', 'chen', 7);
  assert.deepEqual((await session(token, 'h5')).json.data, { mode: 'photo' }, 'H5 always uses photos');
  const s = await session(token);
  assert.equal(s.json.data.mode, 'wechat', JSON.stringify(s.json));
  const verifyId: string = s.json.data.verifyId;
  assert.equal(await audits('checkin.id_number_use'), 1);
  // not yet verified on the phone: WeChat says 90002 (cancelled) → refused, nothing written
  const early = await checkin(token, verifyId);
  assert.equal(early.json.error, 'face_mismatch', JSON.stringify(early.json));
  assert.equal(await sys.db.collection('checkins').countDocuments({}), 0);
  assert.equal(sys.standins.wechat.completeFacialVerify(verifyId, 10000), true);
  const ok = await checkin(token, verifyId);
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  assert.equal(ok.json.data.faceMatch, true);
  assert.equal(await audits('checkin.id_number_use'), 3, 'getverifyid + two queryverifyinfo');
  const wx = sys.standins.log.filter((l) => l.service === 'wechat' && /VerifyId|VerifyInfo/.test(l.kind));
  assert.deepEqual(wx.map((l) => [l.kind, l.ok]), [['getVerifyId', true], ['queryVerifyInfo', true], ['queryVerifyInfo', true]]);
  assert.ok(!JSON.stringify(sys.standins.log).includes(e.idNumber), 'the stand-in log never holds the ID number');

  // the same verify id again: refused, logged in the audit log, nothing written
  const replay = await checkin(token, verifyId);
  assert.equal(replay.status, 409);
  assert.equal(replay.json.error, 'face_replayed');
  assert.equal(await audits('checkin.face_replayed'), 1);
  assert.equal(await sys.db.collection('checkins').countDocuments({}), 1);
});

test('a verify id is bound to its person: another party cannot use it; a failed face (90011) is refused', async () => {
  const other = pit.people.contractor;
  await enrol(sys, other.token, '赵施工', 'zhao', 8);
  const s = await session(pit.people.monitor.token);
  sys.standins.wechat.completeFacialVerify(s.json.data.verifyId, 10000);
  const stolen = await checkin(other.token, s.json.data.verifyId);
  assert.equal(stolen.json.error, 'face_mismatch');
  assert.match(stolen.json.message, /会话无效/);
  const mine = await session(other.token);
  sys.standins.wechat.completeFacialVerify(mine.json.data.verifyId, 90011);
  const failed = await checkin(other.token, mine.json.data.verifyId);
  assert.equal(failed.json.error, 'face_mismatch');
  assert.equal(await sys.db.collection('checkins').countDocuments({ userId: other.id }), 0);
});
