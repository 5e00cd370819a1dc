/**
 * Automatic stations (docs/domain/pit.md §7.5): registered with a key shown once and stored encrypted; a
 * rotation stops the old key at once; a revoked station is refused for good; each step audited on the device.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, type PitFixture } from '../helpers/pit-factory';
import { signDevicePost } from '../../src/platform/device/device-signature';

let sys: TestSystem;
let pit: PitFixture;
before(async () => {
  sys = await startTestSystem();
  pit = await buildPit(sys);
});
after(async () => sys.close());

const post = (deviceId: string, key: string, well = 'SW1') => {
  const body = `well_id,time,depth_m\n${well},${new Date(Date.now() - 60_000).toISOString()},3.5\n`;
  const ts = Math.floor(Date.now() / 1000);
  const nonce = randomBytes(12).toString('hex');
  return sys.call('POST', `/api/ingest/pit/devices/${deviceId}/readings`, { raw: body, headers: { 'content-type': 'text/csv', 'x-cl-timestamp': String(ts), 'x-cl-nonce': nonce, 'x-cl-signature': signDevicePost(key, ts, nonce, body) } });
};

test('register → key once; rotate → the old key stops; revoke → refused; audited; only the project’s monitoring unit or its regulators', async () => {
  await sys.db.collection('pit_points').insertOne({ _id: `${pit.projectId}/SW1` as never, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false, projectId: pit.projectId, scope: { cityId: 'dongguan', townId: 'nancheng', projectId: pit.projectId }, code: 'SW1', item: 'waterLevel', pipeTopM: 100.2, initialM: 96.7, control: { cumulative: 1000, rate: 500 }, controlSource: 'standard' });
  await sys.call('PUT', `/api/pit/projects/${pit.projectId}/points/ZQS1/control`, { token: pit.people.designer.token, body: { cumulative: 10, rate: 2, reason: '刷新点位快照', version: 1 } });
  assert.equal((await sys.call('POST', `/api/pit/projects/${pit.projectId}/devices`, { token: pit.people.owner.token, body: { name: '水位计', format: 'water_csv' } })).status, 403);
  assert.equal((await sys.call('POST', `/api/pit/projects/${pit.projectId}/devices`, { token: pit.people.otherTownRegulator.token, body: { name: '水位计', format: 'water_csv' } })).status, 404);
  const r = await sys.call('POST', `/api/pit/projects/${pit.projectId}/devices`, { token: pit.people.monitor.token, body: { name: '自动水位计', format: 'water_csv' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const { id, key } = r.json.data;
  assert.ok(key.length >= 40);
  const stored = await sys.db.collection('pit_devices').findOne({ _id: id });
  assert.ok(stored!.keyEnc && !JSON.stringify(stored).includes(key), 'stored encrypted, never as is');
  const setup = await sys.call('GET', `/api/pit/projects/${pit.projectId}/setup`, { token: pit.people.monitor.token });
  assert.equal(setup.json.data.devices[0].id, id);
  assert.ok(!JSON.stringify(setup.json).includes(key), 'the key is not shown again');

  const first = await post(id, key);
  assert.equal(first.status, 201, JSON.stringify(first.json));
  const rot = await sys.call('POST', `/api/pit/devices/${id}/rotate`, { token: pit.people.townRegulator.token });
  assert.equal(rot.status, 200);
  assert.notEqual(rot.json.data.key, key);
  const old = await post(id, key);
  assert.equal(old.status, 401);
  assert.equal(old.json.error, 'device_signature_invalid');
  assert.equal((await post(id, rot.json.data.key)).status, 201);

  assert.equal((await sys.call('POST', `/api/pit/devices/${id}/revoke`, { token: pit.people.owner.token })).status, 403);
  const rev = await sys.call('POST', `/api/pit/devices/${id}/revoke`, { token: pit.people.monitor.token });
  assert.equal(rev.status, 200);
  assert.equal(rev.json.data.enabled, false);
  const after = await post(id, rot.json.data.key);
  assert.equal(after.status, 401);
  assert.equal(after.json.error, 'device_signature_invalid', 'a revoked device is not told apart from a bad signature');
  const unknown = await post('dev_doesnotexist00', rot.json.data.key);
  assert.deepEqual([unknown.status, unknown.json.error, unknown.json.message], [after.status, after.json.error, after.json.message], 'nor is an unknown device (issue 13 §8)');
  assert.equal((await sys.call('POST', `/api/pit/devices/${id}/rotate`, { token: pit.people.monitor.token })).status, 409);
  const dev = await sys.db.collection('pit_devices').findOne({ _id: id });
  assert.deepEqual(dev!.history.map((e: { action: string }) => e.action), ['pit.device_register', 'pit.device_rotate', 'pit.device_revoke']);
  assert.equal(await sys.db.collection('audit_log').countDocuments({ 'target.id': id }), 3);
});

// Issue 13 §8: before, device_nonces was never purged.
test('nonces past the signature window are forgotten by the repair job; recent ones are kept (replays stay refused)', async () => {
  const { repairUnraisedUploads } = await import('../../src/jobs/pit.jobs');
  const nonces = sys.db.collection<{ _id: string; at: Date }>('device_nonces');
  const now = sys.deps.now().getTime();
  await nonces.insertMany([{ _id: 'dev_x:old-nonce-000000001', at: new Date(now - 3600_000) }, { _id: 'dev_x:new-nonce-000000001', at: new Date(now - 60_000) }]);
  const r = await repairUnraisedUploads(sys.deps);
  assert.ok(r.noncesPurged >= 1);
  assert.equal(await nonces.countDocuments({ _id: 'dev_x:old-nonce-000000001' }), 0);
  assert.equal(await nonces.countDocuments({ _id: 'dev_x:new-nonce-000000001' }), 1);
});
