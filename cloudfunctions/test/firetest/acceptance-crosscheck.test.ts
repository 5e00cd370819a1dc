/**
 * 消防验收 against the agency's latest report (acceptanceCrosscheck): an item failing acceptance that the report
 * passed → suspected false report: an investigation naming the signing engineer, the agency's credit lowered with
 * its history, the regulator told by SMS. Also: a report signed by someone no longer a 一级 engineer of the agency
 * is refused and raised; a test without valid presence is raised.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildFire, checkIn, projectBody, type FireFixture } from '../helpers/fire-factory';

let sys: TestSystem;
let f: FireFixture;
let now = new Date('2026-12-08T01:00:00Z');
before(async () => {
  sys = await startTestSystem({ now: () => now });
  f = await buildFire(sys, now);
});
after(async () => sys.close());

const post = (path: string, who: { token: string }, body: unknown = {}) => sys.call('POST', path, { token: who.token, body });

/** A started project with a record per system, all 合格, made while the lead and an operator were on site. */
async function testedProject(name: string, presence = true) {
  const c = await post('/api/fire/projects', f.aLead, projectBody(f, { testDate: '2026-12-08', name }));
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const id = c.json.data.id;
  await post(`/api/fire/projects/${id}/start`, f.aLead, { version: c.json.data.version });
  const op = f.aOps[0];
  if (presence) await checkIn(sys, id, f.aLead);
  await checkIn(sys, id, op);
  for (const system of ['火灾自动报警系统', '自动喷水灭火系统', '消火栓系统']) {
    const r = await post(`/api/fire/projects/${id}/records`, op, { system, item: `${system}功能试验`, value: '正常', limit: '符合 GB/T 44481', verdict: '合格' });
    assert.equal(r.status, 201, JSON.stringify(r.json));
  }
  const d = await post(`/api/fire/projects/${id}/report`, f.aLead);
  return { id, draft: d.json.data };
}

test('acceptance contradicting the report → investigation with the signing engineer, credit lowered with history, SMS to the regulator', async () => {
  const { id, draft } = await testedProject('东区综合楼');
  const issued = await post(`/api/fire/reports/${draft.id}/issue`, f.aTech, { practiceSeals: true, agencySeal: true, version: draft.version });
  assert.equal(issued.status, 200, JSON.stringify(issued.json));
  const byAgency = await post('/api/fire/acceptances', f.aLead, { projectId: id, acceptedAt: '2026-12-20', items: { 自动喷水灭火系统: '不合格' } });
  assert.equal(byAgency.status, 403);
  const clean = await post('/api/fire/acceptances', f.townRegulator, { projectId: id, acceptedAt: '2026-12-20', items: { 火灾自动报警系统: '合格', 防烟排烟系统: '不合格' } });
  assert.deepEqual([clean.status, clean.json.data.suspectedFalseReport, clean.json.data.case], [201, false, null], 'an item the report did not test is no conflict');
  const r = await post('/api/fire/acceptances', f.townRegulator, { projectId: id, acceptedAt: '2026-12-21', items: { 火灾自动报警系统: '合格', 自动喷水灭火系统: '不合格', 消火栓系统: '不合格' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.deepEqual(r.json.data.conflictingItems, ['自动喷水灭火系统', '消火栓系统']);
  assert.deepEqual(r.json.data.case.signingEngineer, { name: '李明华', registrationNo: 'ZS1-20150007' });
  const agency = (await sys.call('GET', `/api/fire/agencies/${f.a.id}`, { token: f.regulator.token })).json.data;
  assert.equal(agency.credit.score, 80);
  assert.equal(agency.credit.history.length, 1);
  assert.match(agency.credit.history[0].reason, /疑似虚假报告 ZHXJ-2026-0001/);
  assert.equal(agency.cases.length, 1);
  const ev = await sys.db.collection('fire_events').findOne({ kind: 'suspected_false_report' });
  assert.equal(ev!.severity, 3);
  assert.match(ev!.detail, /签发工程师 李明华（ZS1-20150007）/);
  const sms = await sys.db.collection('deliveries').find({ userId: f.regulator.id, channel: 'sms', ok: true, entryId: { $regex: `^${ev!.history[0].id}:` } }).toArray();
  assert.equal(sms.length, 1, 'an SMS to the regulator (through the SMS stand-in)');
  const decided = await post(`/api/fire/cases/${r.json.data.case.id}/decide`, f.regulator, { findings: '现场喷淋末端无水，检测记录不实', penalty: '依据消防法第六十九条责令改正、罚款', version: r.json.data.case.version });
  assert.equal(decided.json.data.state, 'decided');
  const twice = await post(`/api/fire/cases/${r.json.data.case.id}/decide`, f.regulator, { findings: '再次处理一次', version: decided.json.data.version });
  assert.deepEqual([twice.status, twice.json.error], [409, 'invalid_transition']);
  // a second contradiction lowers it again, keeping both entries
  await post('/api/fire/acceptances', f.regulator, { projectId: id, acceptedAt: '2026-12-22', items: { 消火栓系统: '不合格' } });
  const again = (await sys.call('GET', `/api/fire/agencies/${f.a.id}`, { token: f.regulator.token })).json.data;
  assert.deepEqual(again.credit.history.map((h: { score: number }) => h.score), [80, 60]);
});

test('a test without a valid project-lead check-in is raised to the regulator when its report is issued', async () => {
  const { draft } = await testedProject('西区仓库', false);
  assert.ok(draft?.id, 'operator on site may record');
  const issued = await post(`/api/fire/reports/${draft.id}/issue`, f.aTech, { practiceSeals: true, agencySeal: true, version: draft.version });
  assert.equal(issued.status, 200, JSON.stringify(issued.json));
  const ev = await sys.db.collection('fire_events').findOne({ kind: 'no_valid_presence' });
  assert.match(ev!.detail, /项目负责人没有有效的到场签到/);
});

test('the technical lead left the agency: signing is refused (not a 一级 engineer of the agency), nothing issued, the regulator told', async () => {
  const { draft } = await testedProject('北区酒店');
  await post(`/api/fire/people/${f.aTech.id}/leave`, f.aLead);
  const before = JSON.stringify(await sys.db.collection('fire_reports').findOne({ _id: draft.id }));
  const r = await post(`/api/fire/reports/${draft.id}/issue`, f.aTech, { practiceSeals: true, agencySeal: true, version: draft.version });
  assert.deepEqual([r.status, r.json.error, r.json.message], [400, 'report_formal_defects', '报告不能签发：技术负责人不是一级注册消防工程师']);
  assert.equal(JSON.stringify(await sys.db.collection('fire_reports').findOne({ _id: draft.id })), before);
  const ev = await sys.db.collection('fire_events').findOne({ kind: 'unqualified_signer' });
  assert.match(ev!.detail, /李明华/);
});
