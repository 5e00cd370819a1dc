/**
 * Onboarding and lifecycle of a pit (docs/domain/pit.md §7): a monitoring unit registers it, enters the parties
 * (people become contact accounts bound to the project), imports points, the town regulator activates, pauses and
 * closes it; 缺测 follows the plan's frequencies and only while 监测中. Regulators of another town see nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { importFile, NEW_PIT, onboardPeople, pointRows, xlsxBytes, type OnboardPeople } from '../helpers/onboard-factory';
import { loopFile } from '../helpers/pit-factory';
import { issueToken } from '../../src/platform/auth/jwt';
import { flagMissingData } from '../../src/jobs/pit.jobs';

let sys: TestSystem;
let people: OnboardPeople;
let clock = Date.parse('2026-11-02T01:00:00Z');
let id = '';
let version = 0;
const HOUR = 3600_000;
/** Tokens issued on our clock (it moves days ahead). */
const tok = (userId: string) => issueToken(sys.deps.config.jwtSecret, userId, 3600, new Date(clock));
const as = async (who: keyof OnboardPeople) => tok(people[who].id);
const setup = async (who: keyof OnboardPeople = 'monitor') => sys.call('GET', `/api/pit/projects/${id}/setup`, { token: await as(who) });
const act = async (who: keyof OnboardPeople, action: string, reason = '') => sys.call('POST', `/api/pit/projects/${id}/lifecycle`, { token: await as(who), body: { action, reason, version } });

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  people = await onboardPeople(sys);
});
after(async () => sys.close());

test('a monitoring unit registers a pit in its city: pending, named after its organisation, the town regulator told', async () => {
  const refused = await sys.call('POST', '/api/pit/projects', { token: await as('citizen'), body: NEW_PIT });
  assert.equal(refused.status, 403);
  const otherTown = await sys.call('POST', '/api/pit/projects', { token: await as('otherTownRegulator'), body: NEW_PIT });
  assert.equal(otherTown.status, 403, 'a town regulator registers only in their own town');
  const otherCity = await sys.call('POST', '/api/pit/projects', { token: await as('otherMonitor'), body: NEW_PIT });
  assert.equal(otherCity.status, 403);
  const badTown = await sys.call('POST', '/api/pit/projects', { token: await as('monitor'), body: { ...NEW_PIT, townId: 'nowhere' } });
  assert.equal(badTown.status, 400);
  assert.match(badTown.json.message, /镇街/);
  const badDepth = await sys.call('POST', '/api/pit/projects', { token: await as('monitor'), body: { ...NEW_PIT, depthM: 300 } });
  assert.equal(badDepth.status, 400);
  assert.match(badDepth.json.message, /开挖深度/);

  const r = await sys.call('POST', '/api/pit/projects', { token: await as('monitor'), body: NEW_PIT });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  id = r.json.data.id;
  version = r.json.data.version;
  assert.equal(r.json.data.status, 'pending');
  assert.equal(r.json.data.statusLabel, '待审核');
  assert.equal(r.json.data.parties.monitor.org, '测试监测公司');
  assert.deepEqual(r.json.data.actions, [], 'the monitoring unit cannot approve its own pit');
  assert.ok(r.json.data.setupProblems.some((p: string) => /导入测点/.test(p)));
  const inbox = await sys.db.collection('inbox').find({ userId: people.townRegulator.id }).toArray();
  assert.equal(inbox.length, 1);
  assert.match(inbox[0].title, /新基坑项目待审核/);
  assert.equal(await sys.db.collection('inbox').countDocuments({ userId: people.otherTownRegulator.id }), 0);
});

test('another town’s regulator can neither see nor touch the project', async () => {
  assert.equal((await setup('otherTownRegulator')).status, 404);
  const edit = await sys.call('PUT', `/api/pit/projects/${id}/plan`, { token: await as('otherTownRegulator'), body: { stage: 'excavation_mid', version } });
  assert.equal(edit.status, 404);
  assert.equal((await setup('townRegulator')).json.data.actions.join(), 'activate');
  assert.equal((await setup('cityRegulator')).status, 200);
});

test('parties: each person becomes a contact account bound to the project; phones are stored once and shown masked', async () => {
  const body = {
    version,
    parties: {
      owner: { org: '东莞城建投资', add: [{ name: '李建设', phone: '13912340001' }] },
      supervisor: { org: '正信监理', add: [{ name: '赵监理', phone: '13912340002' }, { name: '钱监理', phone: '13912340003' }] },
      contractor: { org: '广东建工', add: [{ name: '周施工', phone: '13912340004' }] },
      designer: { org: '市设计院', add: [{ name: '吴设计', phone: '13912340005' }] },
    },
  };
  const bad = await sys.call('PUT', `/api/pit/projects/${id}/parties`, { token: await as('monitor'), body: { ...body, parties: { owner: { org: '东莞城建投资', add: [{ name: '李', phone: '12345' }] } } } });
  assert.equal(bad.status, 400);
  assert.match(bad.json.message, /手机号/);
  const r = await sys.call('PUT', `/api/pit/projects/${id}/parties`, { token: await as('monitor'), body });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  version = r.json.data.version;
  assert.equal(r.json.data.parties.supervisor.people.length, 2);
  assert.equal(r.json.data.parties.owner.people[0].phoneMasked, '139****0001');
  assert.equal(r.json.data.parties.owner.people[0].hasAccount, false);
  assert.ok(!JSON.stringify(r.json).includes('13912340001'), 'no whole phone number in the answer');
  const stored = await sys.db.collection('pit_projects').findOne({ _id: id as never });
  assert.ok(!JSON.stringify(stored!.parties).includes('1391234'), 'the project keeps user ids only');
  const owner = await sys.db.collection('users').findOne({ phone: '13912340001' });
  assert.ok(owner && !owner.openid, 'a contact account without WeChat');
  assert.ok(owner!.roleKeys.includes(`project:${id}`));
  // the contact can read the project once they sign in (the same account)
  const asOwner = await sys.call('GET', `/api/pit/projects/${id}`, { token: await tok(String(owner!._id)) });
  assert.equal(asOwner.status, 200);
  assert.equal(asOwner.json.data.parties.owner.people[0].name, '李建设');

  // removing a person takes the project off their account
  const keep = r.json.data.parties.supervisor.people[0].userId;
  const removed = r.json.data.parties.supervisor.people[1].userId;
  const r2 = await sys.call('PUT', `/api/pit/projects/${id}/parties`, { token: await as('townRegulator'), body: { version, parties: { supervisor: { org: '正信监理', keep: [keep] } } } });
  assert.equal(r2.status, 200);
  version = r2.json.data.version;
  assert.equal(r2.json.data.parties.supervisor.people.length, 1);
  const gone = await sys.db.collection('users').findOne({ _id: removed });
  assert.ok(!gone!.roleKeys.includes(`project:${id}`));
  assert.equal((await sys.call('GET', `/api/pit/projects/${id}`, { token: await tok(String(removed)) })).status, 404);
  const stale = await sys.call('PUT', `/api/pit/projects/${id}/parties`, { token: await as('monitor'), body: { version: version - 1, parties: {} } });
  assert.equal(stale.status, 409);
});

test('activation needs points and a leveling route; only the regulator activates', async () => {
  const early = await act('townRegulator', 'activate');
  assert.equal(early.status, 409);
  assert.equal(early.json.error, 'setup_incomplete');
  assert.match(early.json.message, /请导入测点/);
  const imp = await importFile(sys, await as('monitor'), id, xlsxBytes(pointRows(3)), '测点.xlsx', version);
  assert.equal(imp.status, 201, JSON.stringify(imp.json));
  assert.equal(imp.json.data.imported, 7);
  version = (await setup()).json.data.version;
  const noRoute = await act('townRegulator', 'activate');
  assert.equal(noRoute.status, 409);
  assert.match(noRoute.json.message, /水准路线/);
  assert.match(noRoute.json.message, /控制点/);
  const cfg = await sys.call('PUT', `/api/pit/projects/${id}/config`, { token: await as('monitor'), body: { version, leveling: { benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', kMm: 1 }, controlPoints: { TS1: { E: 2050, N: 3050, H: 101.2 }, BS1: { E: 1900, N: 3100 } } } });
  assert.equal(cfg.status, 200, JSON.stringify(cfg.json));
  assert.deepEqual(cfg.json.data.controlPoints.TS1, { E: 2050, N: 3050, H: 101.2 });
  version = cfg.json.data.version;
  const plan = await sys.call('PUT', `/api/pit/projects/${id}/plan`, { token: await as('monitor'), body: { version, stage: 'excavation_deep', frequencies: { excavation_deep: { wallTopVertical: 2 } } } });
  assert.equal(plan.status, 200, JSON.stringify(plan.json));
  version = plan.json.data.version;
  assert.equal(plan.json.data.plan.current.find((c: { item: string }) => c.item === 'wallTopVertical').text, '每日 2 次');
  const badPlan = await sys.call('PUT', `/api/pit/projects/${id}/plan`, { token: await as('monitor'), body: { version, stage: 'excavation_deep', frequencies: { excavation_deep: { wallTopVertical: 500 } } } });
  assert.equal(badPlan.status, 400);
  assert.equal((await act('monitor', 'activate')).status, 403);
  const ok = await act('townRegulator', 'activate');
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.equal(ok.json.data.status, 'active');
  version = ok.json.data.version;
  const p = await sys.db.collection('pit_projects').findOne({ _id: id as never });
  assert.deepEqual(p!.history.map((e: { action: string }) => e.action), ['pit.create', 'pit.edit_parties', 'pit.edit_parties', 'pit.import_points', 'pit.edit_config', 'pit.edit_plan', 'pit.activate']);
  assert.equal(p!.history.at(-1).role, 'regulator');
  const audit = await sys.db.collection('audit_log').countDocuments({ 'target.id': id });
  assert.equal(audit, 7, 'every step audited');
  // the owner contact (no WeChat) got the start notice in the inbox
  const owner = await sys.db.collection('users').findOne({ phone: '13912340001' });
  assert.ok(await sys.db.collection('inbox').findOne({ userId: owner!._id, title: { $regex: '监测中' } }));
});

test('缺测 follows the plan: wall-top points twice a day are missing after 18 h of silence, not before', async () => {
  clock += 17 * HOUR;
  assert.deepEqual(await flagMissingData(sys.deps), { missing: 0 }, '17 h < 1.5 × 12 h');
  clock += 2 * HOUR;
  assert.deepEqual(await flagMissingData(sys.deps), { missing: 1 });
  const flag = await sys.db.collection('pit_alarms').findOne({ projectId: id, item: 'missing_data' });
  assert.match(flag!.description, /ZQS1/);
  assert.match(flag!.description, /每日 2 次/);
  assert.doesNotMatch(flag!.description, /SW1/, 'water level once a day (default): 19 h is not yet missing');
});

test('the regulator pauses (with a reason): no 缺测 while paused; the monitoring unit may resume', async () => {
  assert.equal((await act('monitor', 'pause', '基坑停工整改')).status, 403);
  const noReason = await act('townRegulator', 'pause');
  assert.equal(noReason.status, 400);
  assert.match(noReason.json.message, /暂停原因/);
  const paused = await act('townRegulator', 'pause', '停工整改三天');
  assert.equal(paused.status, 200);
  assert.equal(paused.json.data.status, 'paused');
  version = paused.json.data.version;
  clock += 3 * 24 * HOUR;
  assert.deepEqual(await flagMissingData(sys.deps), { missing: 0 });
  const resumed = await act('monitor', 'resume');
  assert.equal(resumed.status, 200, JSON.stringify(resumed.json));
  assert.equal(resumed.json.data.status, 'active');
  version = resumed.json.data.version;
  assert.deepEqual(await flagMissingData(sys.deps), { missing: 0 }, 'the clock restarts at the resumption');
});

test('uploads count; the regulator closes the pit: no more 缺测, uploads or edits', async () => {
  const up = await sys.call('POST', `/api/ingest/pit/projects/${id}/uploads`, { token: await as('monitor'), body: { format: 'gsi', text: loopFile(1, 1), observedAt: new Date(clock - HOUR).toISOString() } });
  assert.equal(up.status, 201, JSON.stringify(up.json));
  assert.equal((await act('monitor', 'close', '基坑已回填完成')).status, 403);
  assert.equal((await act('townRegulator', 'close')).status, 400);
  const closed = await act('townRegulator', 'close', '地下室顶板完成，基坑已回填');
  assert.equal(closed.status, 200, JSON.stringify(closed.json));
  assert.equal(closed.json.data.status, 'closed');
  assert.equal(closed.json.data.statusLabel, '已完工（回填）');
  assert.deepEqual(closed.json.data.actions, []);
  version = closed.json.data.version;
  const before = await sys.db.collection('pit_alarms').countDocuments({ projectId: id, item: 'missing_data' });
  clock += 3 * 24 * HOUR;
  assert.deepEqual(await flagMissingData(sys.deps), { missing: 0 });
  assert.equal(await sys.db.collection('pit_alarms').countDocuments({ projectId: id, item: 'missing_data' }), before);
  const late = await sys.call('POST', `/api/ingest/pit/projects/${id}/uploads`, { token: await as('monitor'), body: { format: 'gsi', text: loopFile(2, 1, 0, 99), observedAt: new Date(clock - HOUR).toISOString() } });
  assert.equal(late.status, 409);
  assert.equal(late.json.error, 'project_closed');
  const edit = await sys.call('PUT', `/api/pit/projects/${id}/plan`, { token: await as('monitor'), body: { version, stage: 'stable' } });
  assert.equal(edit.status, 409);
  assert.equal(edit.json.error, 'project_closed');
  const again = await act('townRegulator', 'pause', '再次暂停一下');
  assert.equal(again.status, 409);
  assert.equal(again.json.error, 'invalid_transition');
});

test('the project list shows the lifecycle state', async () => {
  const list = await sys.call('GET', '/api/pit/projects', { token: await as('townRegulator') });
  const row = list.json.data.find((p: { id: string }) => p.id === id);
  assert.equal(row.statusLabel, '已完工（回填）');
  assert.equal((await sys.call('GET', '/api/pit/projects', { token: await as('otherTownRegulator') })).json.data.length, 0);
});
