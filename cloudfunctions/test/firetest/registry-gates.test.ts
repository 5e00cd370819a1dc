/**
 * The registry and the gates before a test: agencyQualification decides from the registry; an engineer practises in
 * one organisation at a time; losing a condition suspends new work and tells the agency and the regulator; a plan
 * that fails a gate is refused naming the person or instrument, with nothing written.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildFire, fireSnapshot, projectBody, type FireFixture } from '../helpers/fire-factory';

let sys: TestSystem;
let f: FireFixture;
const clock = new Date('2026-12-07T02:00:00Z');

before(async () => {
  sys = await startTestSystem({ now: () => clock });
  f = await buildFire(sys, clock);
});
after(async () => sys.close());

const inbox = (userId: string) => sys.db.collection('inbox').find({ userId }).toArray();
const agency = async (id: string, token = f.regulator.token) => (await sys.call('GET', `/api/fire/agencies/${id}`, { token })).json.data;

test('the registry decides qualification with agencyQualification: 安信 qualifies, 粤消 lacks a 一级 engineer', async () => {
  const a = await agency(f.a.id);
  assert.equal(a.qualified, true, JSON.stringify(a.reasons));
  assert.equal(a.people.length, 8);
  const b = await agency(f.b.id);
  assert.deepEqual([b.qualified, b.reasons], [false, ['没有一级注册消防工程师']]);
  // staff see their own agency only; another agency's staff get 404
  assert.equal((await sys.call('GET', `/api/fire/agencies/${f.a.id}`, { token: f.aLead.token })).status, 200);
  assert.equal((await sys.call('GET', `/api/fire/agencies/${f.a.id}`, { token: f.bLead.token })).status, 404);
});

test('an agency without a 一级 engineer creating a project is refused, nothing written', async () => {
  const before = await fireSnapshot(sys);
  const r = await sys.call('POST', '/api/fire/projects', { token: f.bLead.token, body: projectBody(f, { testDate: '2026-12-08', agency: 'b' }) });
  assert.deepEqual([r.status, r.json.error], [400, 'agency_not_qualified']);
  assert.match(r.json.message, /中山粤消消防检测有限公司不符合从业条件：没有一级注册消防工程师/);
  assert.match(r.json.message, /技术负责人周文不是本机构的一级注册消防工程师/, 'every refusal names its person');
  assert.equal(await fireSnapshot(sys), before);
});

test('an expired instrument in the plan is refused naming it, nothing written', async () => {
  const before = await fireSnapshot(sys);
  const r = await sys.call('POST', '/api/fire/projects', { token: f.aLead.token, body: projectBody(f, { testDate: '2026-12-08', instruments: [f.meter.id, f.expired.id] }) });
  assert.deepEqual([r.status, r.json.error], [400, 'instrument_expired']);
  assert.equal(r.json.message, '仪器“风速计”（编号 FS-2021-003）检定有效期至 2026-01-31，检测日 2026-12-08 已过期');
  assert.deepEqual(r.json.data.refusals.map((x: { instrumentId: string }) => x.instrumentId), [f.expired.id]);
  assert.equal(await fireSnapshot(sys), before);
});

test('a 二级 engineer as technical lead, and another agency\'s operator, are refused by name', async () => {
  const body = projectBody(f, { testDate: '2026-12-08', techLead: f.aLead.id });
  body.team.operators = [f.aOps[0].id, f.bOps[0].id];
  const r = await sys.call('POST', '/api/fire/projects', { token: f.aLead.token, body });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /技术负责人陈建国不是本机构的一级注册消防工程师/);
  assert.match(r.json.message, /YX操作员1不是本机构的持证消防设施操作员/);
});

test('a second registration of the same engineer is refused and the first agency is told', async () => {
  const before = await agency(f.b.id);
  const r = await sys.call('POST', `/api/fire/agencies/${f.b.id}/people`, { token: f.regulator.token, body: { kind: 'engineer', name: '李明华', level: 1, registrationNo: 'ZS1-20150007' } });
  assert.deepEqual([r.status, r.json.error], [409, 'engineer_registered_elsewhere']);
  assert.match(r.json.message, /已在“中山安信消防技术服务有限公司”执业/);
  const after = await agency(f.b.id);
  assert.deepEqual([after.people.length, after.qualified, after.version], [before.people.length, false, before.version], '粤消 unchanged');
  const p = await sys.db.collection('fire_people').findOne({ 'engineer.registrationNo': 'ZS1-20150007' });
  assert.equal(p!.agencyId, f.a.id, 'still with 安信');
  const told = await inbox(f.aLead.userId);
  assert.ok(told.some((m) => m.title === '本机构人员被重复注册' && /中山粤消消防检测有限公司/.test(m.body)), JSON.stringify(told));
});

test('the 一级 engineer leaves: 安信 is suspended the same day, the agency and the regulator are told; a new plan is refused; back → reinstated', async () => {
  const left = await sys.call('POST', `/api/fire/people/${f.aTech.id}/leave`, { token: f.aLead.token });
  assert.equal(left.status, 200, JSON.stringify(left.json));
  const a = await agency(f.a.id);
  assert.deepEqual([a.qualified, a.reasons], [false, ['注册消防工程师不足 2 人', '没有一级注册消防工程师']]);
  for (const who of [f.aLead.userId, f.regulator.id, f.townRegulator.id]) {
    assert.ok((await inbox(who)).some((m) => m.title === '机构暂停承接新业务' && /李明华已离开本机构/.test(m.body)), who);
  }
  const refused = await sys.call('POST', '/api/fire/projects', { token: f.aLead.token, body: projectBody(f, { testDate: '2026-12-08' }) });
  assert.equal(refused.json.error, 'agency_not_qualified');

  const back = await sys.call('POST', `/api/fire/agencies/${f.a.id}/people`, { token: f.aLead.token, body: { kind: 'engineer', name: '李明华', level: 1, registrationNo: 'ZS1-20150007' } });
  assert.equal(back.status, 201, JSON.stringify(back.json));
  assert.equal(back.json.data.id, f.aTech.id, 'the same registry entry');
  assert.equal((await agency(f.a.id)).qualified, true);
  assert.ok((await inbox(f.regulator.id)).some((m) => m.title === '机构恢复承接业务'));
  const events = (await sys.db.collection('fire_agencies').findOne({ _id: f.a.id }))!.history.map((e: { action: string }) => e.action);
  assert.deepEqual(events.filter((x: string) => x !== 'agency.requalify'), ['agency.register', 'agency.reinstate', 'agency.suspend', 'agency.reinstate']);
});

test('a plan that passes every gate is written: team with registration numbers, instruments with calibration', async () => {
  const r = await sys.call('POST', '/api/fire/projects', { token: f.aLead.token, body: projectBody(f, { testDate: '2026-12-08' }) });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const p = r.json.data;
  assert.equal(p.state, 'planned');
  assert.deepEqual(p.team.map((m: { siteRole: string; registrationNo: string | null }) => [m.siteRole, m.registrationNo]).slice(0, 2), [['项目负责人', 'ZS2-20190001'], ['技术负责人', 'ZS1-20150007']]);
  assert.equal(p.instruments[0].calibrationNo, 'JD-YL-2024-001');
  assert.equal(p.client.phone, '137****0001');
  // the regulator of the town sees it; the other agency does not
  assert.equal((await sys.call('GET', `/api/fire/projects/${p.id}`, { token: f.townRegulator.token })).status, 200);
  assert.equal((await sys.call('GET', `/api/fire/projects/${p.id}`, { token: f.bLead.token })).status, 404);
  const list = await sys.call('GET', '/api/fire/projects', { token: f.bLead.token });
  assert.deepEqual(list.json.data, []);
});

test('the same new engineer registered 40 times at once, at two agencies: one registration, 39 refused', async () => {
  const body = { kind: 'engineer', name: '赵并发', level: 2, registrationNo: 'ZS2-20260040' };
  const rs = await Promise.all(Array.from({ length: 40 }, (_, i) => sys.call('POST', `/api/fire/agencies/${i % 2 ? f.a.id : f.b.id}/people`, { token: f.regulator.token, body })));
  assert.equal(rs.filter((r) => r.status < 300).length, 1, rs.map((r) => r.status).join(','));
  for (const r of rs.filter((x) => x.status >= 300)) assert.ok(r.status === 409, `${r.status} ${JSON.stringify(r.json)}`);
  assert.equal(await sys.db.collection('fire_people').countDocuments({ 'engineer.registrationNo': 'ZS2-20260040' }), 1);
});
