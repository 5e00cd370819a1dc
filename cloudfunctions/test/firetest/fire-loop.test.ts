/**
 * The loop of one test: start (gates again), instrument scans (expired → refused, logged, raised; forged label →
 * refused, logged), records only while on site, the report built from the records and signed (report_formal_check),
 * its number, PDF and public check (forged QR, altered number → refused and logged), a correction voiding the
 * original; the alerts it raises; the regulator's notice → reply → close, and the overdue escalation.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildFire, checkIn, projectBody, tryCheckIn, type FireFixture } from '../helpers/fire-factory';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { escalateOverdueNotices } from '../../src/contexts/firetest/event-actions';

let sys: TestSystem;
let f: FireFixture;
let now = new Date('2026-12-07T02:00:00Z');
let projectId = '';
let windMeter = '';
const D8 = (h: number, m = 0) => new Date(Date.UTC(2026, 11, 8, h - 8, m));

before(async () => {
  sys = await startTestSystem({ now: () => now });
  f = await buildFire(sys, now);
  windMeter = (await sys.call('POST', `/api/fire/agencies/${f.a.id}/instruments`, { token: f.aLead.token, body: { type: '风速计', serial: 'FS-2025-010', calibrationNo: 'JD-FS-2025-010', validUntil: '2026-12-08' } })).json.data.id;
  const body = projectBody(f, { testDate: '2026-12-08', instruments: [f.meter.id, windMeter] });
  const r = await sys.call('POST', '/api/fire/projects', { token: f.aLead.token, body });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  projectId = r.json.data.id;
});
after(async () => sys.close());

const post = (path: string, who: { token: string }, body: unknown = {}) => sys.call('POST', path, { token: who.token, body });
const project = async () => (await sys.call('GET', `/api/fire/projects/${projectId}`, { token: f.aLead.token })).json.data;
const raw = () => sys.db.collection('fire_projects').findOne({ _id: projectId as never });
const inbox = (userId: string) => sys.db.collection('inbox').find({ userId }).toArray();
const code = (id: string) => signCodeUrl(sys.deps.config.codeSecret, sys.deps.config.codeBaseUrl, id);
const record = (system: string, item: string, verdict: '合格' | '不合格', extra: Record<string, unknown> = {}) => ({ system, item, value: verdict === '合格' ? '0.25 MPa' : '0.05 MPa', limit: '≥0.10 MPa', verdict, ...extra });

test('starting: only the project lead, on the test day', async () => {
  now = D8(8, 30);
  const v = (await project()).version;
  const byOperator = await post(`/api/fire/projects/${projectId}/start`, f.aOps[0], { version: v });
  assert.deepEqual([byOperator.status, byOperator.json.error], [403, 'fire_project_action_forbidden']);
  const started = await post(`/api/fire/projects/${projectId}/start`, f.aLead, { version: v });
  assert.equal(started.status, 200, JSON.stringify(started.json));
  assert.equal(started.json.data.state, 'testing');
});

test('a record before check-in is refused, nothing written; after a valid check-in it is kept', async () => {
  const before = JSON.stringify(await raw());
  const early = await post(`/api/fire/projects/${projectId}/records`, f.aOps[0], record('消火栓系统', '栓口静压', '合格'));
  assert.deepEqual([early.status, early.json.error], [400, 'not_on_site']);
  assert.match(early.json.message, /AX操作员1此刻没有有效的到场签到/);
  assert.equal(JSON.stringify(await raw()), before);
  // a check-in outside the geofence is refused by the check-in route: no presence
  now = D8(8, 40);
  const outside = await tryCheckIn(sys, projectId, f.aOps[0], { m: 300 });
  assert.deepEqual([outside.status, outside.json.error], [400, 'outside_geofence']);
  now = D8(8, 45);
  assert.equal((await post(`/api/fire/projects/${projectId}/records`, f.aOps[0], record('消火栓系统', '栓口静压', '合格'))).json.error, 'not_on_site');
  now = D8(8, 50);
  assert.equal((await checkIn(sys, projectId, f.aLead)).role, '项目负责人');
  now = D8(8, 52);
  assert.equal((await checkIn(sys, projectId, f.aOps[0])).role, '消防设施操作员');
  now = D8(9);
  const ok = await post(`/api/fire/projects/${projectId}/records`, f.aOps[0], record('消火栓系统', '栓口静压', '合格'));
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  assert.equal(ok.json.data.records[0].byName, 'AX操作员1');
});

test('instruments: scanned before use; a forged label and an expired one are refused and logged', async () => {
  const unscanned = await post(`/api/fire/projects/${projectId}/records`, f.aOps[0], record('自动喷水灭火系统', '末端试水压力', '合格', { instrumentId: f.meter.id }));
  assert.deepEqual([unscanned.status, unscanned.json.error], [400, 'instrument_not_scanned']);
  assert.match(unscanned.json.message, /数字压力表.*YL-2024-001/);
  const forged = await post(`/api/fire/projects/${projectId}/scans`, f.aOps[0], { code: code(f.meter.id).slice(0, -3) + 'AAA' });
  assert.deepEqual([forged.status, forged.json.error], [400, 'code_forged']);
  assert.equal(await sys.db.collection('fire_forgeries').countDocuments({ kind: 'instrument_code' }), 1);
  const scanned = await post(`/api/fire/projects/${projectId}/scans`, f.aOps[0], { code: code(f.meter.id) });
  assert.equal(scanned.status, 200, JSON.stringify(scanned.json));
  for (const [sys_, item, v] of [['自动喷水灭火系统', '末端试水压力', '合格'], ['火灾自动报警系统', '感烟探测器报警功能', '合格'], ['消火栓系统', '最不利点栓口动压', '不合格']] as const) {
    const r = await post(`/api/fire/projects/${projectId}/records`, f.aOps[0], record(sys_, item, v, { instrumentId: f.meter.id }));
    assert.equal(r.status, 201, JSON.stringify(r.json));
  }
  // the next day the wind meter's calibration has lapsed: refused, logged as an event to the regulator
  now = new Date(Date.UTC(2026, 11, 9, 1));
  const expired = await post(`/api/fire/projects/${projectId}/scans`, f.aOps[0], { code: code(windMeter) });
  assert.deepEqual([expired.status, expired.json.error], [400, 'instrument_expired']);
  assert.match(expired.json.message, /风速计.*FS-2025-010.*2026-12-08，已超期/);
  const ev = await sys.db.collection('fire_events').findOne({ kind: 'expired_instrument' });
  assert.ok(ev, 'an event was raised');
  assert.ok((await inbox(f.regulator.id)).some((m) => m.title === '使用超期未检定仪器'));
  assert.equal(((await raw())!.scans as unknown[]).length, 1, 'the refused scan is not kept');
});

let reportId = '';
let number = '';
test('the report is built from the records; a missing agency seal refuses it with nothing written; signed → issued with its number', async () => {
  const byOperator = await post(`/api/fire/projects/${projectId}/report`, f.aOps[0]);
  assert.equal(byOperator.status, 403);
  const d = await post(`/api/fire/projects/${projectId}/report`, f.aLead);
  assert.equal(d.status, 201, JSON.stringify(d.json));
  reportId = d.json.data.id;
  assert.deepEqual(d.json.data.verdicts, { 消火栓系统: '不合格', 自动喷水灭火系统: '合格', 火灾自动报警系统: '合格' });
  assert.equal(d.json.data.conclusion, '不合格');
  assert.equal(d.json.data.items.length, 4);
  const before = JSON.stringify(await sys.db.collection('fire_reports').findOne({ _id: reportId as never }));
  const noSeal = await post(`/api/fire/reports/${reportId}/issue`, f.aTech, { practiceSeals: true, agencySeal: false, version: d.json.data.version });
  assert.deepEqual([noSeal.status, noSeal.json.error, noSeal.json.message], [400, 'missing_agency_seal', '报告不能签发：缺少机构印章']);
  assert.equal(JSON.stringify(await sys.db.collection('fire_reports').findOne({ _id: reportId as never })), before);
  const byLead = await post(`/api/fire/reports/${reportId}/issue`, f.aLead, { practiceSeals: true, agencySeal: true, version: d.json.data.version });
  assert.equal(byLead.status, 403);
  const issued = await post(`/api/fire/reports/${reportId}/issue`, f.aTech, { practiceSeals: true, agencySeal: true, version: d.json.data.version });
  assert.equal(issued.status, 200, JSON.stringify(issued.json));
  number = issued.json.data.number;
  assert.equal(number, 'ZHXJ-2026-0001');
  assert.deepEqual(issued.json.data.signatures, { projectLead: '陈建国', techLead: '李明华' });
  assert.equal((await project()).state, 'reported');
  const failed = await sys.db.collection('fire_events').findOne({ kind: 'failed_items' });
  assert.match(failed!.detail, /消火栓系统/);
  // the technical lead checked in nowhere, but the project lead and an operator did: presence complies
  assert.equal(await sys.db.collection('fire_events').countDocuments({ kind: 'no_valid_presence' }), 0);
});

test('the PDF and the public check: a good QR shows the record; a forged QR and an altered number are refused and logged', async () => {
  const pdf = await fetch(`${sys.url}/api/fire/reports/${reportId}/pdf`, { headers: { authorization: `Bearer ${f.regulator.token}` } });
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString(), '%PDF');
  const token = code(reportId).split('/c/')[1];
  const good = await sys.call('GET', `/api/fire/report-check/${token}`);
  assert.deepEqual([good.json.data.number, good.json.data.statusLabel, good.json.data.conclusion, good.json.data.agencyName], [number, '有效', '不合格', '中山安信消防技术服务有限公司']);
  const forged = await sys.call('GET', `/api/fire/report-check/${token.slice(0, -2)}xx`);
  assert.deepEqual([forged.status, forged.json.error], [400, 'code_forged']);
  const checkCode = (await sys.db.collection('fire_reports').findOne({ _id: reportId as never }))!.checkCode;
  const byNumber = await sys.call('GET', `/api/fire/report-check?number=${number}&check=${checkCode}`);
  assert.equal(byNumber.json.data.number, number);
  const altered = await sys.call('GET', `/api/fire/report-check?number=${number.replace('0001', '0002')}&check=${checkCode}`);
  assert.deepEqual([altered.status, altered.json.error], [400, 'report_number_forged']);
  assert.deepEqual((await sys.db.collection('fire_forgeries').find({}).toArray()).map((x) => x.kind).sort(), ['instrument_code', 'report_code', 'report_number']);
});

test('a correction gets -1 and the original is kept, marked 作废', async () => {
  const d = await post(`/api/fire/projects/${projectId}/report`, f.aLead);
  assert.equal(d.status, 201, JSON.stringify(d.json));
  assert.equal(d.json.data.number, `${number}-1`);
  const again = await post(`/api/fire/projects/${projectId}/report`, f.aLead);
  assert.equal(again.json.error, 'draft_exists');
  const issued = await post(`/api/fire/reports/${d.json.data.id}/issue`, f.aTech, { practiceSeals: true, agencySeal: true, version: d.json.data.version });
  assert.equal(issued.status, 200, JSON.stringify(issued.json));
  const original = await sys.call('GET', `/api/fire/report-check/${code(reportId).split('/c/')[1]}`);
  assert.deepEqual([original.json.data.status, original.json.data.statusLabel, original.json.data.supersededBy], ['voided', '作废', `${number}-1`]);
  const reports = (await project()).reports;
  assert.deepEqual(reports.map((r: { number: string; stateLabel: string }) => [r.number, r.stateLabel]), [[number, '作废'], [`${number}-1`, '有效']]);
});

test('the regulator drills down, sends a notice, the agency replies, the regulator closes; an overdue notice escalates once', async () => {
  const list = await sys.call('GET', '/api/fire/events', { token: f.townRegulator.token });
  const failed = list.json.data.find((e: { kind: string }) => e.kind === 'failed_items');
  assert.ok(failed, JSON.stringify(list.json));
  const drill = await sys.call('GET', `/api/fire/events/${failed.id}`, { token: f.regulator.token });
  assert.equal(drill.json.data.project.records.length, 4);
  assert.equal(drill.json.data.report.number, number);
  assert.equal((await sys.call('GET', `/api/fire/events/${failed.id}`, { token: f.bLead.token })).status, 404);
  const early = await post(`/api/fire/events/${failed.id}/reply`, f.aLead, { text: '已整改完毕', version: failed.version });
  assert.deepEqual([early.status, early.json.error], [409, 'invalid_transition']);
  const deadline = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  const byAgency = await post(`/api/fire/events/${failed.id}/notice`, f.aLead, { text: '请整改消火栓系统并复检', deadline, version: failed.version });
  assert.equal(byAgency.status, 403);
  const n = await post(`/api/fire/events/${failed.id}/notice`, f.regulator, { text: '请整改消火栓系统并复检', deadline, version: failed.version });
  assert.equal(n.status, 200, JSON.stringify(n.json));
  assert.ok((await inbox(f.aOps[1].userId)).some((m) => m.title === '消防检测处置通知'), 'agency staff told');
  const owner = (await sys.db.collection('users').findOne({ phone: '13700000001' }))!;
  assert.ok((await inbox(owner._id as unknown as string)).some((m) => m.title === '消防检测处置通知'), 'the building owner told');
  const reply = await post(`/api/fire/events/${failed.id}/reply`, f.aLead, { text: '已更换减压阀并复检合格', version: n.json.data.version });
  assert.equal(reply.json.data.state, 'replied');
  const closed = await post(`/api/fire/events/${failed.id}/close`, f.regulator, { text: '经复核整改到位，办结', version: reply.json.data.version });
  assert.deepEqual([closed.json.data.state, closed.json.data.conclusion], ['closed', '经复核整改到位，办结']);

  const other = (await sys.call('GET', '/api/fire/events', { token: f.regulator.token })).json.data.find((e: { kind: string }) => e.kind === 'expired_instrument');
  await post(`/api/fire/events/${other.id}/notice`, f.regulator, { text: '说明超期仪器的使用情况', deadline: new Date(now.getTime() + 86_400_000).toISOString(), version: other.version });
  now = new Date(now.getTime() + 2 * 86_400_000);
  assert.deepEqual(await escalateOverdueNotices(sys.deps, { budgetMs: 5000, trigger: 'test' }), { escalated: 1 });
  assert.deepEqual(await escalateOverdueNotices(sys.deps, { budgetMs: 5000, trigger: 'test' }), { escalated: 0 });
  const ev = await sys.db.collection('fire_events').findOne({ _id: other.id });
  assert.equal(ev!.notice.escalated, true);
  const sms = ((ev!.outbox ?? []) as { channels: string[]; title: string }[]).filter((m) => m.channels.includes('sms'));
  assert.deepEqual([...new Set(sms.map((m) => m.title))], ['处置通知逾期未回复'], 'the escalation texts (queued for the notify timer)');
});
