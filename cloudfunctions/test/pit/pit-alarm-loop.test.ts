import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, loopFile, sitePhoto, type PitFixture } from '../helpers/pit-factory';
import { reportDateProblem } from '../../src/contexts/pit/daily-report';
import { drainOutbox } from '../../src/platform/outbox/drain';

let sys: TestSystem;
let pit: PitFixture;
let alarmId: string;
before(async () => {
  sys = await startTestSystem();
  pit = await buildPit(sys);
  const up = (text: string, h: number) => sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, body: { format: 'gsi', text, observedAt: new Date(Date.now() - h * 3600_000).toISOString() } });
  await up(loopFile(6, 1), 120);
  const r = await up(loopFile(8.8, 1.5, 0, 8), 6);
  alarmId = r.json.data.alarms[0];
});
after(async () => sys.close());

const get = (token: string) => sys.call('GET', `/api/pit/alarms/${alarmId}`, { token });
const act = (token: string, body: Record<string, unknown>) => sys.call('POST', `/api/pit/alarms/${alarmId}/actions`, { token, body });

const photo = (token: string, seed: string) => sitePhoto(sys, token, seed);

test('each role sees exactly its buttons', async () => {
  const sup = await get(pit.people.supervisor.token);
  assert.equal(sup.json.data.status, 'raised');
  assert.deepEqual(sup.json.policies, { handle: true, archive: false, return: false, comment: false, require_action: false, escalate: false, reopen: false });
  const reg = await get(pit.people.townRegulator.token);
  assert.equal(reg.json.policies.comment, true);
  assert.equal(reg.json.policies.handle, false);
  assert.equal((await get(pit.people.otherTownRegulator.token)).status, 404);
});

test('out of order, wrong role, no evidence, stale version → clear errors, nothing written', async () => {
  const v = (await get(pit.people.supervisor.token)).json.data.version;
  const early = await act(pit.people.owner.token, { action: 'archive', version: v });
  assert.equal(early.status, 409);
  assert.equal(early.json.error, 'invalid_transition');
  assert.match(early.json.message, /待处置/);
  const wrongRole = await act(pit.people.contractor.token, { action: 'handle', note: '已加密监测', version: v });
  assert.equal(wrongRole.status, 403);
  const noEvidence = await act(pit.people.supervisor.token, { action: 'handle', note: '已加密监测频率', version: v });
  assert.equal(noEvidence.json.error, 'evidence_required');
  const fakeEvidence = await act(pit.people.supervisor.token, { action: 'handle', note: '已加密监测频率', evidence: ['f'.repeat(64)], version: v });
  assert.equal(fakeEvidence.json.error, 'evidence_missing');
  const stale = await act(pit.people.supervisor.token, { action: 'handle', note: '已加密监测频率', evidence: [], version: v + 5 });
  assert.equal(stale.json.error, 'stale_version');
  assert.equal(stale.status, 409);
  assert.equal((await get(pit.people.supervisor.token)).json.data.history.length, 1, 'only the raise event');
});

test('监理 handles with measures and evidence → 建设单位 returns → 监理 handles again → 建设单位 archives; the regulator sees the whole trail', async () => {
  let v = (await get(pit.people.supervisor.token)).json.data.version;
  const sha = await photo(pit.people.supervisor.token, 'a');
  const h1 = await act(pit.people.supervisor.token, { action: 'handle', note: '已暂停坑边堆载，加密监测至每日2次', evidence: [sha], version: v });
  assert.equal(h1.status, 200, JSON.stringify(h1.json));
  assert.equal(h1.json.data.status, 'handled');
  assert.equal(h1.json.policies.handle, false);

  const ret = await act(pit.people.owner.token, { action: 'return', note: '措施不足，请补充回填反压方案', version: h1.json.data.version });
  assert.equal(ret.json.data.status, 'raised');
  const sha2 = await photo(pit.people.supervisor.token, 'b');
  const h2 = await act(pit.people.supervisor.token, { action: 'handle', note: '已完成坑内回填反压', evidence: [sha2], version: ret.json.data.version });
  assert.equal(h2.json.data.status, 'handled');
  const comment = await act(pit.people.townRegulator.token, { action: 'comment', note: '请明日复测后报送', version: h2.json.data.version });
  assert.equal(comment.json.data.status, 'handled');
  // Issue 17 §1. Before: 销警 while the point was still at 8.8 mm (over its control value) went through silently and
  // the project read 正常 beside the over-limit row; a regulator could neither comment on nor reopen it.
  const level = async () => (await sys.db.collection('pit_projects').findOne({ _id: pit.projectId as never }))?.worstLevel;
  const blind = await act(pit.people.owner.token, { action: 'archive', note: '复测正常，同意销警', version: comment.json.data.version });
  assert.equal(blind.status, 409, JSON.stringify(blind.json));
  assert.equal(blind.json.error, 'still_over_limit');
  assert.match(blind.json.message, /当前读数仍为.*占控制值 \d+\.\d%.*监管部门将收到通知/);
  const regulatorInbox = () => sys.db.collection('inbox').countDocuments({ userId: pit.people.townRegulator.id });
  const inboxBefore = await regulatorInbox();
  const arch = await act(pit.people.owner.token, { action: 'archive', note: '已回填反压，变形趋稳，超限原因已说明，同意销警', version: comment.json.data.version, acknowledgeOverLimit: true });
  assert.equal(arch.json.data.status, 'archived', JSON.stringify(arch.json));
  assert.notEqual(await level(), 'normal', 'the project follows its readings: still over, not 正常');
  await drainOutbox(sys.db, sys.deps.senders);
  assert.ok((await regulatorInbox()) > inboxBefore, 'the regulator is told of a 销警 over the limit');
  v = arch.json.data.version;
  const regView = await get(pit.people.townRegulator.token);
  assert.equal(regView.json.data.overLimitNow?.level !== undefined, true, 'the page says the point is still over');
  assert.equal(regView.json.policies.reopen, true);
  assert.equal(regView.json.policies.comment, true);
  const after = await act(pit.people.townRegulator.token, { action: 'comment', note: '请说明超限销警依据', version: v });
  assert.equal(after.status, 200, 'a regulator may still comment on an archived alarm');
  assert.equal((await act(pit.people.owner.token, { action: 'reopen', note: '自己重开', version: after.json.data.version })).status, 403, 'only a regulator reopens');
  const reopened = await act(pit.people.townRegulator.token, { action: 'reopen', note: '测点仍超限，重新打开，请监理继续处置', version: after.json.data.version });
  assert.equal(reopened.status, 200, JSON.stringify(reopened.json));
  assert.equal(reopened.json.data.status, 'raised');

  const trail = (await get(pit.people.townRegulator.token)).json.data.history;
  assert.deepEqual(trail.map((e: { action: string }) => e.action), ['alarm.raise', 'alarm.handle', 'alarm.return', 'alarm.handle', 'alarm.comment', 'alarm.archive', 'alarm.comment', 'alarm.reopen']);
  assert.deepEqual(trail.map((e: { role?: string }) => e.role ?? null), [null, 'supervisor', 'owner', 'supervisor', 'regulator', 'owner', 'regulator', 'regulator']);
  assert.ok(trail[5].data?.overLimit, 'the 销警 event records the reading it was over');
  assert.equal(trail[1].evidence[0], sha);
  assert.ok(trail.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at))));
  // each step is in the audit log too, with who and from where
  const audit = await sys.db.collection('audit_log').countDocuments({ 'target.id': alarmId });
  assert.equal(audit, 8);

  // Closed again once the point is back under its limit: no confirmation needed, the project reads 正常.
  const back = await sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, body: { format: 'gsi', text: loopFile(6, 1, 0, 21), observedAt: new Date(Date.now() - 4 * 3600_000).toISOString() } });
  assert.equal(back.status, 201, JSON.stringify(back.json));
  const h3 = await act(pit.people.supervisor.token, { action: 'handle', note: '已回填反压，复测回落', evidence: [await photo(pit.people.supervisor.token, 'c')], version: reopened.json.data.version });
  assert.equal(h3.status, 200, JSON.stringify(h3.json));
  const closed = await act(pit.people.owner.token, { action: 'archive', note: '复测已回落到控制值以内，同意销警', version: h3.json.data.version });
  assert.equal(closed.status, 200, JSON.stringify(closed.json));
  assert.equal(await level(), 'normal');
});

test('a new exceedance on the same point after archiving opens a new alarm; on an open one it links', async () => {
  const r = await sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, body: { format: 'gsi', text: loopFile(9.0, 1.5, 0, 31), observedAt: new Date(Date.now() - 3 * 3600_000).toISOString() } });
  assert.equal(r.json.data.alarms.length, 1);
  assert.notEqual(r.json.data.alarms[0], alarmId);
  const r2 = await sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, body: { format: 'gsi', text: loopFile(10.2, 1.5, 0, 32), observedAt: new Date(Date.now() - 2 * 3600_000).toISOString() } });
  assert.deepEqual(r2.json.data.alarms, [r.json.data.alarms[0]], 'linked, and notified because it got worse');
  const linked = await sys.db.collection('pit_alarms').findOne({ _id: r.json.data.alarms[0] });
  assert.equal(linked?.level, 'red');
  assert.equal(linked?.uploads.length, 2);
  // red reaches the city regulator
  assert.ok(sys.standins.log.some((e) => e.kind === 'subscribeMessage.send' && e.to === pit.people.cityRegulator.openid));
});

test('a manual danger alarm from a patrol goes red to every party and the city regulator', async () => {
  const r = await sys.call('POST', `/api/pit/projects/${pit.projectId}/danger-alarms`, { token: pit.people.contractor.token, body: { description: '东侧围护桩出现渗漏涌砂' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.level, 'red');
  assert.equal(r.json.data.kind, 'danger');
  assert.ok(sys.standins.log.some((e) => e.kind === 'SendSms' && e.to === `+86${pit.people.cityRegulator.phone}` && JSON.stringify(e.payload).includes('危险')));
  const outsider = await sys.call('POST', `/api/pit/projects/${pit.projectId}/danger-alarms`, { token: pit.people.otherProjectMonitor.token, body: { description: '我不是本项目的' } });
  assert.equal(outsider.status, 404);
});

test('only the design party changes control values, and every change is recorded', async () => {
  const pt = await sys.db.collection('pit_points').findOne({ _id: `${pit.projectId}/ZQS2` as never });
  const body = { cumulative: 15, rate: 2.5, reason: '设计变更单 2026-017', version: pt!.version };
  const owner = await sys.call('PUT', `/api/pit/projects/${pit.projectId}/points/ZQS2/control`, { token: pit.people.owner.token, body });
  assert.equal(owner.status, 403);
  assert.match(owner.json.message, /设计单位/);
  const ok = await sys.call('PUT', `/api/pit/projects/${pit.projectId}/points/ZQS2/control`, { token: pit.people.designer.token, body });
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.deepEqual(ok.json.data.control, { cumulative: 15, rate: 2.5 });
  const after = await sys.db.collection('pit_points').findOne({ _id: `${pit.projectId}/ZQS2` as never });
  assert.deepEqual(after!.history.at(-1).data, { from: { cumulative: 10, rate: 2 }, to: { cumulative: 15, rate: 2.5 } });
  const again = await sys.call('PUT', `/api/pit/projects/${pit.projectId}/points/ZQS2/control`, { token: pit.people.designer.token, body });
  assert.equal(again.json.error, 'stale_version');
  assert.equal(again.status, 409);
  const { version: _omitted, ...noVersion } = body;
  const bare = await sys.call('PUT', `/api/pit/projects/${pit.projectId}/points/ZQS2/control`, { token: pit.people.designer.token, body: noVersion });
  assert.equal(bare.status, 400);
  assert.match(bare.json.message, /缺少记录版本号，请刷新页面后重试/, 'a hand-made request without the version hears it in Chinese');
});

test('the daily report is a PDF with the Chinese font embedded; another town cannot fetch it', async () => {
  const date = new Date(Date.now() + 8 * 3600_000 - 6 * 3600_000).toISOString().slice(0, 10);
  const res = await fetch(`${sys.url}/api/pit/projects/${pit.projectId}/daily-report?date=${date}`, { headers: { authorization: `Bearer ${pit.people.owner.token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.match(pdf.toString('latin1'), /\/FontFile2/, 'the CJK font is embedded (subset)');
  assert.ok(pdf.length > 5000);
  const other = await fetch(`${sys.url}/api/pit/projects/${pit.projectId}/daily-report?date=${date}`, { headers: { authorization: `Bearer ${pit.people.otherTownRegulator.token}` } });
  assert.equal(other.status, 404);
  const bad = await sys.call('GET', `/api/pit/projects/${pit.projectId}/daily-report?date=yesterday`, { token: pit.people.owner.token });
  assert.equal(bad.status, 400);
});

test('the daily report refuses impossible and future dates (Asia/Shanghai) with a Chinese message and no PDF', async () => {
  const shanghaiDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const cases: [string, RegExp][] = [
    ['2026-13-45', /2026-13-45 不存在/],
    ['2026-02-30', /2026-02-30 不存在/],
    ['2026-11-31', /不存在/],
    ['2026-1-5', /日期格式应为 YYYY-MM-DD/],
    [shanghaiDay(Date.now() + 86_400_000), /晚于今天（北京时间/],
    ['2999-01-01', /晚于今天/],
  ];
  for (const [date, msg] of cases) {
    const res = await fetch(`${sys.url}/api/pit/projects/${pit.projectId}/daily-report?date=${date}`, { headers: { authorization: `Bearer ${pit.people.owner.token}` } });
    assert.equal(res.status, 400, date);
    assert.match(res.headers.get('content-type') ?? '', /json/, `${date}: no PDF`);
    const body = (await res.json()) as { error: string; message: string };
    assert.equal(body.error, 'invalid_date', date);
    assert.match(body.message, msg, date);
  }
  const missing = await sys.call('GET', `/api/pit/projects/${pit.projectId}/daily-report`, { token: pit.people.owner.token });
  assert.equal(missing.status, 400);
  assert.match(missing.json.message, /日期/);
  // Today in Shanghai is fine, also right after midnight there (UTC is still on the previous day).
  const today = await fetch(`${sys.url}/api/pit/projects/${pit.projectId}/daily-report?date=${shanghaiDay(Date.now())}`, { headers: { authorization: `Bearer ${pit.people.owner.token}` } });
  assert.equal(today.status, 200);
  assert.equal(reportDateProblem('2026-11-27', new Date('2026-11-26T16:30:00Z')), null, '00:30 on the 27th in Dongguan');
  assert.match(reportDateProblem('2026-11-27', new Date('2026-11-26T15:30:00Z')) ?? '', /晚于今天（北京时间 2026-11-26）/);
  assert.equal(reportDateProblem('2024-02-29', new Date('2026-11-26T00:00:00Z')), null, 'a leap day');
});

test('a regulator’s comment does not make the supervisor’s pending handling stale; a status change does', async () => {
  const r = await sys.call('POST', `/api/pit/projects/${pit.projectId}/danger-alarms`, { token: pit.people.monitor.token, body: { description: '基坑北侧地面裂缝' } });
  const id = r.json.data.id;
  const seen = r.json.data.version;
  const trail = await sys.call('GET', `/api/pit/alarms/${id}`, { token: pit.people.townRegulator.token });
  assert.equal(trail.json.data.history[0].role, 'monitor', 'who raised it, with their role');
  await sys.call('POST', `/api/pit/alarms/${id}/actions`, { token: pit.people.townRegulator.token, body: { action: 'comment', note: '请尽快处置', version: seen } });
  const sha = await photo(pit.people.supervisor.token, 'late');
  const h = await sys.call('POST', `/api/pit/alarms/${id}/actions`, { token: pit.people.supervisor.token, body: { action: 'handle', note: '已设置警戒并注浆', evidence: [sha], version: seen } });
  assert.equal(h.status, 200, JSON.stringify(h.json));
  const stale = await sys.call('POST', `/api/pit/alarms/${id}/actions`, { token: pit.people.owner.token, body: { action: 'return', note: '措施不足请补充', version: seen } });
  assert.equal(stale.json.error, 'stale_version', 'the status changed since the owner looked');
  assert.equal(stale.status, 409);
});
