/** The Zhongshan fire-testing demo: what the seed promises is what the commands made of it. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { seedFireDemo } from '../../dev/seed/fire-demo';

let sys: TestSystem;
before(async () => {
  sys = await startTestSystem({ now: () => new Date('2026-12-07T06:00:00Z') });
});
after(async () => sys.close());

test('two agencies (one lacking a 一级 engineer), an expired instrument, three projects: clean, failed item, contradicted by acceptance', async () => {
  const openidFor = async (persona: string) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${persona}`);
  assert.deepEqual(await seedFireDemo(sys.deps, openidFor), { agencies: 2, projects: 3 });
  const agencies = await sys.db.collection('fire_agencies').find({}).sort({ creditCode: 1 }).toArray();
  assert.deepEqual(agencies.map((a) => [a.qualification.qualified, a.qualification.reasons, a.credit.score]), [[true, [], 80], [false, ['no_level1_registered_engineer'], 100]]);
  const expired = await sys.db.collection('fire_instruments').find({ validUntil: { $lt: '2026-12-07' } }).toArray();
  assert.deepEqual(expired.map((i) => i.type), ['风速计']);
  const projects = await sys.db.collection('fire_projects').find({}).toArray();
  assert.deepEqual(projects.map((p) => p.state), ['reported', 'reported', 'reported']);
  const events = (await sys.db.collection('fire_events').find({}).toArray()).map((e) => e.kind).sort();
  assert.deepEqual(events, ['failed_items', 'suspected_false_report'], 'check-ins seeded: no presence alert');
  assert.equal(await sys.db.collection('fire_cases').countDocuments({}), 1);
  // the lead and the operator checked in at each building through the check-in machinery: enrolled, face matched, chained
  const checkins = await sys.db.collection('checkins').find({ siteKind: 'fire_test' }).sort({ at: 1 }).toArray();
  assert.deepEqual(checkins.map((c) => [c.role, c.faceMatch, c.inGeofence, c.flags.length, c.face.mode]), [0, 1, 2].flatMap(() => [['项目负责人', true, true, 0, 'photo'], ['消防设施操作员', true, true, 0, 'photo']]));
  assert.ok(checkins.every((c) => /^[0-9a-f]{64}$/.test(c.chainHash) && c.seq === (c.role === '项目负责人' ? 1 : 2)));
  assert.equal(await sys.db.collection('checkin_people').countDocuments({}), 2);
  // the personas act as who their label says
  const lead = await sys.db.collection('users').findOne({ persona: 'fire-lead' });
  assert.deepEqual(lead!.roles.map((r: { role: string; orgId: string }) => [r.role, r.orgId]), [['agency', agencies[0]._id]]);
  assert.deepEqual(await seedFireDemo(sys.deps, openidFor), { skipped: true }, 'idempotent');
});
