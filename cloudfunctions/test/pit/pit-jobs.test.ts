import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, loopFile, type PitFixture } from '../helpers/pit-factory';
import { issueToken } from '../../src/platform/auth/jwt';
import { escalateOverdueAlarms, flagMissingData, repairUnraisedUploads } from '../../src/jobs/pit.jobs';

let sys: TestSystem;
let pit: PitFixture;
let alarmId: string;
let clock = Date.now();
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  pit = await buildPit(sys);
  const up = (text: string, h: number) => sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, body: { format: 'gsi', text, observedAt: new Date(clock - h * 3600_000).toISOString() } });
  await up(loopFile(6, 1), 120);
  alarmId = (await up(loopFile(8.8, 1.5, 0, 8), 6)).json.data.alarms[0];
});
after(async () => sys.close());

test('an alarm not handled in time escalates once, to the town and the city regulator', async () => {
  assert.deepEqual(await escalateOverdueAlarms(sys.deps), { escalated: 0 }, 'not yet due (orange: 12 h)');
  clock += 13 * 3600_000;
  assert.deepEqual(await escalateOverdueAlarms(sys.deps), { escalated: 1 });
  assert.deepEqual(await escalateOverdueAlarms(sys.deps), { escalated: 0 }, 'idempotent');
  const a = await sys.db.collection('pit_alarms').findOne({ _id: alarmId as never });
  assert.equal(a?.escalated, true);
  assert.equal(a?.history.at(-1).reason, '监理单位逾期未处置');
  assert.ok(sys.standins.log.some((e) => e.kind === 'subscribeMessage.send' && e.to === pit.people.cityRegulator.openid));
});

test('missing data against the monitoring plan is flagged once a day', async () => {
  clock += 24 * 3600_000; // plan: 2 epochs a day; nothing for a day
  assert.deepEqual(await flagMissingData(sys.deps), { missing: 1 });
  assert.deepEqual(await flagMissingData(sys.deps), { missing: 0 });
  const flag = await sys.db.collection('pit_alarms').findOne({ projectId: pit.projectId, item: 'missing_data' });
  assert.match(flag?.description, /ZQS1/);
});

test('a crash between the upload insert and its alarms is repaired by the scheduler', async () => {
  const token = await issueToken(sys.deps.config.jwtSecret, pit.people.monitor.id, 3600, new Date(clock)); // our clock has moved on
  const r = await sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token, body: { format: 'gsi', text: loopFile(9.5, 9.0, 0, 77), observedAt: new Date(clock - 3600_000).toISOString() } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  // simulate the crash: the upload is stored, its alarms never raised
  await sys.db.collection('pit_alarms').deleteMany({ uploads: [r.json.data.id] });
  await sys.db.collection('pit_uploads').updateOne({ _id: r.json.data.id }, { $set: { alarmsRaised: false } });
  const before = await sys.db.collection('pit_alarms').countDocuments({ point: 'ZQS2' });
  clock += 2 * 60_000;
  assert.equal((await repairUnraisedUploads(sys.deps)).repaired, 1);
  assert.equal(await sys.db.collection('pit_alarms').countDocuments({ point: 'ZQS2' }), before + 1);
  assert.equal((await repairUnraisedUploads(sys.deps)).repaired, 0);
});
