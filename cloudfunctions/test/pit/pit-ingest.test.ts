import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, loopFile, type PitFixture } from '../helpers/pit-factory';
import { verifyChain } from '../../src/contexts/pit/ingest-epoch';
import { pointsChanged } from '../../src/contexts/pit/ingest-heads';
import { signDevicePost } from '../../src/contexts/pit/device-signature';

let sys: TestSystem;
let pit: PitFixture;
before(async () => {
  sys = await startTestSystem();
  pit = await buildPit(sys);
});
after(async () => sys.close());

const upload = (token: string, body: unknown, projectId = pit.projectId) => sys.call('POST', `/api/ingest/pit/projects/${projectId}/uploads`, { token, body });
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const counts = async () => ({
  uploads: await sys.db.collection('pit_uploads').countDocuments(),
  alarms: await sys.db.collection('pit_alarms').countDocuments(),
  outbox: await sys.db.collection('outbox').countDocuments(),
});

test('a GSI file pushing a point over 85 % raises an orange alarm, pushed at once by SMS and subscription message to every party and the town regulator', async () => {
  const base = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(6, 1), observedAt: hoursAgo(120) }); // slow: 0.6 mm/d, so the level comes from the cumulative value
  assert.equal(base.status, 201, JSON.stringify(base.json));
  assert.equal(base.json.data.status, 'accepted');
  const r = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(8.8, 1.5, 0, 8), observedAt: hoursAgo(6) });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const z1 = r.json.data.results.find((x: { point: string }) => x.point === 'ZQS1');
  assert.ok(Math.abs(z1.value + 8.8) < 0.05, String(z1.value));
  assert.equal(z1.level, 'orange');
  assert.equal(r.json.data.alarms.length, 1);

  const alarm = await sys.db.collection('pit_alarms').findOne({ _id: r.json.data.alarms[0] });
  assert.equal(alarm?.level, 'orange');
  assert.equal(alarm?.status, 'raised');
  for (const who of ['owner', 'contractor', 'supervisor', 'monitor', 'designer', 'townRegulator'] as const) {
    const p = pit.people[who];
    assert.ok(sys.standins.log.some((e) => e.kind === 'SendSms' && e.ok && e.to === `+86${p.phone}`), `SMS to ${who}`);
    assert.ok(sys.standins.log.some((e) => e.kind === 'subscribeMessage.send' && e.ok && e.to === p.openid), `WeChat to ${who}`);
  }
  // orange: the city regulator is not bothered; another town never hears of it
  for (const who of ['cityRegulator', 'otherTownRegulator'] as const) assert.ok(!sys.standins.log.some((e) => e.to === pit.people[who].openid), who);
  const sms = sys.standins.log.find((e) => e.kind === 'SendSms' && e.to === `+86${pit.people.owner.phone}`)!;
  const params = (sms.payload as { params: string[] }).params;
  assert.deepEqual([params[0], params[1], params[3], params[4]], ['测试基坑', 'ZQS1', '10.00', '橙色预警']);
  assert.match(params[2], /^-8\.[78]\d$/, 'value');
  assert.match(params[5], /mm\/d$/, 'trend');
});

test('a file with misclosure over tolerance produces no results and no alarm, only a readable rejection', async () => {
  const before = await counts();
  const r = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(3, 1, 6), observedAt: hoursAgo(5) });
  assert.equal(r.status, 201);
  assert.equal(r.json.data.status, 'rejected');
  assert.match(r.json.data.reason, /闭合差 .* mm 超过限差/);
  assert.deepEqual(r.json.data.results, []);
  const after = await counts();
  assert.equal(after.alarms, before.alarms);
  assert.equal(after.uploads, before.uploads + 1, 'the rejected raw file is kept as evidence');
  const list = await sys.call('GET', `/api/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token });
  assert.equal(list.json.data[0].status, 'rejected');
});

test('the same file twice is one upload; uploads form an intact hash chain', async () => {
  const body = { format: 'gsi', text: loopFile(3.1, 1.1, 0, 99), observedAt: hoursAgo(4) };
  const a = await upload(pit.people.monitor.token, body);
  const b = await upload(pit.people.monitor.token, body);
  assert.equal(a.status, 201);
  assert.equal(b.status, 200);
  assert.equal(b.json.data.duplicate, true);
  assert.equal(b.json.data.id, a.json.data.id);
  assert.equal(await verifyChain(sys.db, pit.projectId), null);
  // tampering with any stored upload is detectable
  await sys.db.collection('pit_uploads').updateOne({ _id: a.json.data.id }, { $set: { status: 'held' } });
  assert.equal(await verifyChain(sys.db, pit.projectId), a.json.data.seq);
  await sys.db.collection('pit_uploads').updateOne({ _id: a.json.data.id }, { $set: { status: 'accepted' } });
});

test('hostile files: truncated, garbled, wrong units, unknown points, future time, bad format, 25 MB → clear errors, nothing saved', async () => {
  const good = loopFile(3, 1, 0, 123);
  const lines = good.trim().split('\n');
  const cases: [string, unknown, number, string, RegExp][] = [
    ['truncated', { format: 'gsi', text: lines.slice(0, 4).join('\n'), observedAt: hoursAgo(3) }, 400, '', /./],
    ['garbled', { format: 'gsi', text: lines.map((l, i) => (i === 3 ? l.replace('332.08', '332.x8') : l)).join('\n'), observedAt: hoursAgo(3) }, 400, 'gsi_parse_error', /line 4/],
    ['wrong units (gon)', { format: 'gsi', text: lines.map((l, i) => (i === 2 ? l.replace('331.08', '331.02') : l)).join('\n'), observedAt: hoursAgo(3) }, 400, 'gsi_parse_error', /gon/],
    ['unknown point', { format: 'gsi', text: loopFile(3, 1).replace(/ZQS2/g, 'ZQS9'), observedAt: hoursAgo(3) }, 400, 'unknown_point', /ZQS9/],
    ['future time', { format: 'gsi', text: good, observedAt: new Date(Date.now() + 86400_000).toISOString() }, 400, 'future_timestamp', /晚于服务器时间/],
    ['no time', { format: 'gsi', text: good }, 400, 'observed_at_required', /观测时间/],
    ['unknown format', { format: 'xls', text: good }, 400, 'invalid_input', /format/],
    ['water garbage', { format: 'water_csv', text: 'well_id,time,depth_m\nSW1,not-a-time,x\n' }, 400, 'water_csv_error', /line 2/],
  ];
  const before = await counts();
  for (const [name, body, status, code, msg] of cases) {
    const r = await upload(pit.people.monitor.token, body);
    assert.equal(r.status, status, `${name}: ${JSON.stringify(r.json)}`);
    if (code) assert.equal(r.json.error, code, name);
    assert.match(r.json.message, msg, name);
  }
  const big = await sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, raw: JSON.stringify({ format: 'gsi', text: 'x'.repeat(25 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
  assert.equal(big.status, 413);
  assert.deepEqual(await counts(), before, 'nothing saved');
});

test('only this project’s monitoring unit uploads; another town’s regulator cannot even see it', async () => {
  const body = { format: 'gsi', text: loopFile(3, 1, 0, 5), observedAt: hoursAgo(2) };
  const other = await upload(pit.people.otherProjectMonitor.token, body);
  assert.equal(other.status, 404);
  const owner = await upload(pit.people.owner.token, body);
  assert.equal(owner.status, 403);
  assert.match(owner.json.message, /监测单位/);
  const peek = await sys.call('GET', `/api/pit/projects/${pit.projectId}`, { token: pit.people.otherTownRegulator.token });
  assert.equal(peek.status, 404);
  const list = await sys.call('GET', '/api/pit/alarms', { token: pit.people.otherTownRegulator.token });
  assert.equal(list.json.data.length, 0);
  const mine = await sys.call('GET', '/api/pit/alarms', { token: pit.people.townRegulator.token });
  assert.ok(mine.json.data.length >= 1);
});

test('automatic station posts: signed, replay refused, skewed clock refused', async () => {
  await sys.db.collection('pit_points').insertOne({ _id: `${pit.projectId}/SW1` as never, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false, projectId: pit.projectId, scope: { cityId: 'dongguan', townId: 'nancheng', projectId: pit.projectId }, code: 'SW1', item: 'waterLevel', pipeTopM: 100, initialM: 97, control: { cumulative: 1000, rate: 500 }, controlSource: 'standard' });
  await pointsChanged(sys.db, pit.projectId); // as adding a point does
  await sys.db.collection('pit_devices').insertOne({ _id: 'dev_test_water' as never, projectId: pit.projectId, format: 'water_csv', key: 'k-secret-device', name: 'w', enabled: true });
  const body = `well_id,time,depth_m\nSW1,${new Date(Date.now() - 60_000).toISOString()},3.2\n`;
  const post = (ts: number, nonce: string, sig?: string) =>
    sys.call('POST', '/api/ingest/pit/devices/dev_test_water/readings', { raw: body, headers: { 'content-type': 'text/csv', 'x-cl-timestamp': String(ts), 'x-cl-nonce': nonce, 'x-cl-signature': sig ?? signDevicePost('k-secret-device', ts, nonce, body) } });
  const now = Math.floor(Date.now() / 1000);
  const ok = await post(now, 'nonce-0000000000000001');
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  const replay = await post(now, 'nonce-0000000000000001');
  assert.equal(replay.status, 401);
  assert.equal(replay.json.error, 'device_replay');
  const forged = await post(now, 'nonce-0000000000000002', signDevicePost('wrong-key', now, 'nonce-0000000000000002', body));
  assert.equal(forged.json.error, 'device_signature_invalid');
  const skewed = await post(now - 3600, 'nonce-0000000000000003');
  assert.equal(skewed.json.error, 'device_timestamp_skew');
  assert.equal(await sys.db.collection('pit_uploads').countDocuments({ 'source.deviceId': 'dev_test_water' }), 1);
});

test('a lost or stale chain head is repaired from the uploads themselves; the chain stays intact', async () => {
  await sys.db.collection('pit_chain_heads').deleteOne({ _id: pit.projectId as never });
  const r = await upload(pit.people.monitor.token, { format: 'gsi', text: loopFile(3.3, 1.2, 0, 4242), observedAt: hoursAgo(1) });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const max = await sys.db.collection('pit_uploads').find({ projectId: pit.projectId }).sort({ seq: -1 }).limit(1).toArray();
  assert.equal(r.json.data.seq, max[0].seq);
  assert.equal(await verifyChain(sys.db, pit.projectId), null);
});
