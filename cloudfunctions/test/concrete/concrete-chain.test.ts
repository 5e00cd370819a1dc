/**
 * The whole chain (issue 16): tickets issued and accepted on site, witnessed sampling with chips, the lab's receipt,
 * press loads → strengths by groupStrength → the inspection batch by evaluateBatch; a failing batch whose self-test
 * passed → divergence case, blocked certificates, credit lowered with history, in-situ testing to its end; the trace
 * from the member, a chip and the ticket's code; the analysis; concrete without a ticket → a 黑站 alert.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { groupStrength } from '@cityloop/shared/concrete/group-strength';
import { evaluateBatch } from '@cityloop/shared/concrete/evaluate-batch';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { photo } from '../helpers/city-factory';
import { rebuildTraces } from '../../src/contexts/concrete/public';
import { TRACES, type TraceDoc } from '../../src/contexts/concrete/concrete.collections';
import { findDocs, putDoc } from '../../src/contexts/concrete/concrete-docs.repository';
import { packTrace, unpackTrace } from '../../src/contexts/concrete/trace-entries';
import { buildConcrete, chipSet, deliveredTicket, devicePost, loadFor, sampledGroup, type ConcreteFixture } from '../helpers/concrete-factory';

let sys: TestSystem;
let f: ConcreteFixture;
const MEMBER = '3F 板 B2';
const tickets: string[] = [];
const groups: { groupId: string; chips: string[] }[] = [];
let pourId = '';

before(async () => {
  sys = await startTestSystem();
  f = await buildConcrete(sys);
});
after(async () => sys.close());

test('a pour needs the groups GB 50204 §7.4.1 requires; the shortfall shows until they are sampled', async () => {
  const r = await sys.call('POST', '/api/concrete/pours', { token: f.people.contractor.token, body: { projectId: f.projectId, member: MEMBER, grade: 'C30', volumeM3: 260, batches: 65, date: new Date().toISOString() } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.deepEqual([r.json.data.requiredGroups, r.json.data.shortfall], [3, 3]);
  pourId = r.json.data.id;
  for (let i = 0; i < 3; i++) tickets.push(await deliveredTicket(sys, f, MEMBER));
  const t = await sys.call('GET', `/api/concrete/tickets/${tickets[0]}`, { token: f.people.owner.token });
  assert.deepEqual([t.json.data.state, t.json.data.acceptance], ['accepted', { contractor: true, supervisor: true }]);
  for (let i = 0; i < 3; i++) {
    const chips = chipSet(`G${i}`);
    const g = await sampledGroup(sys, f, MEMBER, tickets[i], chips, pourId);
    groups.push({ groupId: g.groupId, chips });
    const p = await sys.call('GET', `/api/concrete/pours/${pourId}`, { token: f.people.supervisor.token });
    assert.equal(p.json.data.shortfall, 2 - i);
  }
});

test('the lab receives, the press posts loads, the platform computes strengths with groupStrength and evaluates with evaluateBatch', async () => {
  // the plant's retained-sample self-test of the third truck passes
  const st = await sys.call('POST', `/api/concrete/tickets/${tickets[2]}/self-test`, { token: f.people.plant.token, body: { strengthMPa: 33.0 } });
  assert.equal(st.status, 200, JSON.stringify(st.json));
  const strengths = [[36.2, 35.8, 36.0], [35.1, 34.9, 35.0], [25.3, 24.8, 25.0]];
  let last: any;
  for (let i = 0; i < 3; i++) {
    const { groupId, chips } = groups[i];
    assert.equal((await sys.call('POST', `/api/concrete/groups/${groupId}/receipt`, { token: f.people.lab.token, body: { chipsRead: [...chips].reverse() } })).status, 200);
    for (let j = 0; j < 3; j++) {
      last = await devicePost(sys, 'loads', f.press.id, f.press.key, { chip: chips[j], loadKN: loadFor(strengths[i][j]), testedAt: new Date().toISOString() });
      assert.equal(last.status, 201, JSON.stringify(last.json));
      assert.equal(last.json.data.complete, j === 2);
    }
    const want = groupStrength({ grade: 'C30', failureLoadsKN: strengths[i].map(loadFor) });
    assert.deepEqual([last.json.data.cubeStrengthsMPa, last.json.data.representativeMPa], [want.cubeStrengthsMPa, want.representativeMPa]);
  }
  assert.equal(last.json.data.passed, false);
  const ib = await sys.db.collection('concrete_inspection_batches').findOne({ projectId: f.projectId });
  const want = evaluateBatch({ grade: 'C30', groupStrengthsMPa: [36.0, 35.0, 25.0] });
  assert.deepEqual(ib!.evaluation, want);
  assert.equal(ib!.passed, false);
});

test('the failing batch: alerts to everyone, certificates blocked, divergence case, credit lowered with history, in-situ testing opened', async () => {
  const alerts = (await sys.call('GET', '/api/concrete/alerts', { token: f.people.townRegulator.token })).json.data.map((a: any) => a.kind);
  for (const k of ['group_failed', 'batch_failed', 'divergence']) assert.ok(alerts.includes(k), `${k} in ${alerts}`);
  const contractorAlerts = (await sys.call('GET', '/api/concrete/alerts', { token: f.people.contractor.token })).json.data.map((a: any) => a.kind);
  assert.ok(contractorAlerts.includes('batch_failed'), 'the contractor sees it too');
  const batchAlert = await sys.db.collection('concrete_alerts').findOne({ kind: 'batch_failed' });
  const told = new Set((batchAlert!.outbox as any[]).map((m) => m.userId));
  for (const who of ['townRegulator', 'contractor', 'supervisor', 'plant'] as const) assert.ok(told.has(f.people[who].id), `${who} is told`);
  for (const t of tickets) {
    const c = await sys.call('GET', `/api/concrete/tickets/${t}/certificate`, { token: f.people.plant.token });
    assert.deepEqual([c.status, c.json.error], [403, 'certificate_blocked']);
  }
  const plant = (await sys.call('GET', '/api/concrete/plants', { token: f.people.townRegulator.token })).json.data.find((p: any) => p.id === f.plantId);
  assert.equal(plant.credit, 100 - 5 - 15 - 10);
  const doc = await sys.db.collection('concrete_plants').findOne({ _id: f.plantId as never });
  assert.deepEqual((doc!.credit.history as any[]).map((h) => [h.event, h.delta]), [['group_failed', -5], ['divergence', -15], ['batch_failed', -10]]);
  const cases = (await sys.call('GET', '/api/concrete/cases', { token: f.people.owner.token })).json.data;
  const div = cases.find((c: any) => c.kind === 'divergence');
  assert.match(div.detail, /检测 25 MPa（不合格），留样自检 33 MPa/);
  const insitu = cases.find((c: any) => c.kind === 'insitu');
  assert.deepEqual([insitu.member, insitu.state], [MEMBER, 'required']);

  // the in-situ workflow through the command runner, each step by its party
  const act = (who: keyof ConcreteFixture['people'], body: Record<string, unknown>) => sys.call('POST', `/api/concrete/cases/${insitu.id}/actions`, { token: f.people[who].token, body });
  assert.equal((await act('contractor', { action: 'commission', version: insitu.version, agency: '某检测站' })).status, 403);
  let r = await act('owner', { action: 'commission', version: insitu.version, agency: '中山市建设工程检测中心' });
  assert.equal(r.json.data.state, 'commissioned', JSON.stringify(r.json));
  assert.equal((await act('owner', { action: 'commission', version: r.json.data.version, agency: 'x2' })).json.error, 'insitu_already_commissioned');
  assert.equal((await act('lab', { action: 'record', version: 1, result: '钻芯法推定强度 31.5 MPa', outcome: 'pass' })).json.error, 'stale_version');
  r = await act('lab', { action: 'record', version: r.json.data.version, result: '钻芯法推定强度 31.5 MPa', outcome: 'pass' });
  assert.equal(r.json.data.state, 'passed', JSON.stringify(r.json));
  r = await act('townRegulator', { action: 'close', version: r.json.data.version, note: '实体检测合格，同意验收' });
  assert.equal(r.json.data.state, 'closed');
});

test('the trace: from the member, a chip or the ticket’s code, the whole chain down to the material lots', async () => {
  const byMember = await sys.call('GET', `/api/concrete/trace?projectId=${f.projectId}&member=${encodeURIComponent(MEMBER)}`, { token: f.people.cityRegulator.token });
  assert.equal(byMember.status, 200, JSON.stringify(byMember.json));
  const d = byMember.json.data;
  assert.deepEqual([d.pours.length, d.tickets.length, d.batches.length, d.groups.length], [1, 3, 3, 3]);
  assert.deepEqual(d.lots.map((l: any) => l.lotNo).sort(), ['C-2612-01', 'G-01', 'S-01', 'W-01']);
  assert.ok(d.groups.every((g: any) => g.loadsKN.length === 3 && g.representativeMPa > 0));
  assert.equal(d.evaluations[0].result, '不合格');
  const byChip = await sys.call('GET', `/api/concrete/trace?chip=${groups[1].chips[0]}`, { token: f.people.owner.token });
  assert.deepEqual([byChip.json.data.member, byChip.json.data.groups.length], [MEMBER, 3]);
  const code = (await sys.call('GET', `/api/concrete/tickets/${tickets[0]}`, { token: f.people.owner.token })).json.data.codeUrl;
  const byCode = await sys.call('GET', `/api/concrete/trace?ticket=${encodeURIComponent(code)}`, { token: f.people.owner.token });
  assert.equal(byCode.json.data.tickets.length, 3);
  const forged = await sys.call('GET', `/api/concrete/trace?ticket=${encodeURIComponent(code.slice(0, -3) + 'AAA')}`, { token: f.people.owner.token });
  assert.equal(forged.json.error, 'code_forged');
  const outsider = await sys.call('GET', `/api/concrete/trace?projectId=${f.projectId}&member=${encodeURIComponent(MEMBER)}`, { token: f.people.otherTownRegulator.token });
  assert.equal(outsider.status, 404);
  // the public scans the ticket's code: plant, grade, state, certificate; no people
  const scan = await sys.call('GET', `/api/codes/${encodeURIComponent(code.split('/c/')[1])}`);
  assert.equal(scan.status, 200, JSON.stringify(scan.json));
  assert.equal(scan.json.data.kind, 'concrete_ticket');
  assert.equal(scan.json.data.data.certificateBlocked, true);
});

test('concrete without an online ticket → a 黑站 alert; the analysis ranks plants by risk', async () => {
  const ph = await photo(sys, f.people.supervisor.token, 'black');
  const r = await sys.call('POST', `/api/concrete/projects/${f.projectId}/unticketed`, { token: f.people.supervisor.token, body: { plantName: '无名搅拌站', member: '1F 垫层', volumeM3: 8, photo: ph } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.kind, 'unticketed');
  assert.equal((await sys.call('POST', `/api/concrete/projects/${f.projectId}/unticketed`, { token: f.people.owner.token, body: { plantName: 'x站', member: '1F', volumeM3: 8, photo: ph } })).status, 403);
  const a = await sys.call('GET', '/api/concrete/analysis', { token: f.people.cityRegulator.token });
  assert.equal(a.status, 200, JSON.stringify(a.json));
  const p = a.json.data.plants.find((x: any) => x.id === f.plantId);
  assert.deepEqual([p.tested, p.failed, p.failureRate, p.divergences], [3, 1, 33.3, 1]);
  assert.ok(a.json.data.suppliers[0].failedLots >= 1);
  assert.deepEqual(a.json.data.unticketed, [{ plantName: '无名搅拌站', reports: 1 }]);
  assert.equal(a.json.data.labs.find((l: any) => l.id === f.labId).tested, 3);
  assert.equal((await sys.call('GET', '/api/concrete/analysis', { token: f.people.plant.token })).status, 403);
});

test('the trace documents the commands kept equal those recomputed from the collections; a damaged one is repaired', async () => {
  const url = `/api/concrete/trace?projectId=${f.projectId}&member=${encodeURIComponent(MEMBER)}`;
  const before = (await sys.call('GET', url, { token: f.people.cityRegulator.token })).json.data;
  const kept = await findDocs<TraceDoc>(sys.db, TRACES, { projectId: f.projectId });
  assert.ok(kept.length >= 1 && kept.every((d) => d.body.length > 2));
  const first = await rebuildTraces(sys.deps, { projectId: f.projectId });
  assert.deepEqual([first.members, first.changed, first.evaluationsChanged], [kept.length, 0, 0], JSON.stringify(first));
  const doc = kept.find((d) => d.member === MEMBER)!;
  const body = unpackTrace(doc.body);
  assert.deepEqual([body.pours.length, body.tickets.length, body.groups.length, body.lots.length], [1, 3, 3, 4]);
  await putDoc(sys.db, TRACES, { ...doc, body: packTrace({ ...body, groups: body.groups.slice(1), tickets: [] }) });
  assert.equal((await sys.call('GET', url, { token: f.people.cityRegulator.token })).json.data.groups.length, 2);
  const repair = await rebuildTraces(sys.deps, { projectId: f.projectId });
  assert.equal(repair.changed, 1);
  assert.deepEqual((await sys.call('GET', url, { token: f.people.cityRegulator.token })).json.data, before);
  assert.deepEqual(await findDocs<TraceDoc>(sys.db, TRACES, { projectId: f.projectId }, { projection: { body: 1 } }), kept.map((d) => ({ _id: d._id, body: d.body })));
});
