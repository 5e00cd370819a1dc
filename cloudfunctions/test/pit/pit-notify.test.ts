/**
 * Alarm notifications that mean something: SMS only for a new alarm, a raised level, a danger alarm and an
 * overdue escalation (a phone takes 10 a day); everything else on WeChat and inbox. An SMS that cannot be
 * delivered is not retried and is shown in the alarm's trail and the town regulator's inbox. A held upload
 * tells its monitoring unit why, in Chinese; 升级督办 once per level, up to the city regulator; 销警 needs a note.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SMS_TEMPLATES, WECHAT_TEMPLATES } from '@cityloop/shared/notify/templates';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, loopFile, sitePhoto, type PitFixture } from '../helpers/pit-factory';
import { issueToken } from '../../src/platform/auth/jwt';
import { drainOutbox } from '../../src/platform/outbox/drain';
import { escalateOverdueAlarms } from '../../src/jobs/pit.jobs';
import { pointsChanged } from '../../src/contexts/pit/ingest-heads';
import { reportAlarmLine } from '../../src/contexts/pit/daily-report';
import { PIT_POINTS, type PitAlarm, type PitPoint } from '../../src/contexts/pit/pit.collections';
import type { OutboxEntry } from '../../src/platform/outbox/outbox.collections';
import type { User } from '../../src/platform/auth/users';

let sys: TestSystem;
let pit: PitFixture;
let clock = Date.now();
type Who = keyof PitFixture['people'];
const PARTIES = ['owner', 'contractor', 'supervisor', 'monitor', 'designer'] as const;
const DEPTHS = [0.5, 1, 1.5, 2, 2.5, 3];
const A0 = [1, 1.2, 0.8, 1.1, 0.9, 1];

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  pit = await buildPit(sys);
  // an inclinometer hole, for a held (suspect) epoch
  const scope = { cityId: 'dongguan', townId: 'nancheng', projectId: pit.projectId };
  const initialProfile = { time: '2026-01-01T09:00:00+08:00', depths_m: DEPTHS, A0: A0, A180: A0.map((a) => -a + 0.2) };
  const hole: PitPoint = { _id: `${pit.projectId}/CX1`, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false, projectId: pit.projectId, scope, code: 'CX1', item: 'deepHorizontal', initialProfile, control: { cumulative: 40, rate: 3 }, controlSource: 'standard' };
  await sys.db.collection<PitPoint>(PIT_POINTS).insertOne(hole);
  await pointsChanged(sys.db, pit.projectId);
});
after(async () => sys.close());

/** A token valid at the test clock (the clock moves for deadlines). */
const tok = (who: Who) => issueToken(sys.deps.config.jwtSecret, pit.people[who].id, 3600, new Date(clock));
const hoursAgo = (h: number) => new Date(clock - h * 3600_000).toISOString();
const upload = async (body: Record<string, unknown>) => sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: await tok('monitor'), body });
const level = (s1: number, seed: number, h: number) => upload({ format: 'gsi', text: loopFile(s1, 1.5, 0, seed), observedAt: hoursAgo(h) });
const act = async (who: Who, id: string, body: Record<string, unknown>) => {
  const cur = await sys.call('GET', `/api/pit/alarms/${id}`, { token: await tok(who) });
  return sys.call('POST', `/api/pit/alarms/${id}/actions`, { token: await tok(who), body: { version: cur.json.data.version, ...body } });
};
const detail = async (who: Who, id: string) => (await sys.call('GET', `/api/pit/alarms/${id}`, { token: await tok(who) })).json;

const smsTo = (who: Who, templateId?: string) =>
  sys.standins.log.filter((e) => e.kind === 'SendSms' && e.to === `+86${pit.people[who].phone}` && (!templateId || (e.payload as { templateId: string }).templateId === templateId));
const wxTo = (who: Who, templateId?: string) =>
  sys.standins.log.filter((e) => e.kind === 'subscribeMessage.send' && e.to === pit.people[who].openid && (!templateId || (e.payload as { template_id: string }).template_id === templateId));
const allSms = () => sys.standins.log.filter((e) => e.kind === 'SendSms').length;
const inboxOf = (who: Who) => sys.db.collection<{ _id: string; title: string; body: string }>('inbox').find({ userId: pit.people[who].id }).toArray();

let alarmId: string;

test('a new alarm and a raised level go by SMS; the same level again, a reopening and the regulators’ steps do not', async () => {
  await level(6, 7, 120);
  const r = await level(8.8, 8, 6);
  assert.equal(r.json.data.alarms.length, 1, JSON.stringify(r.json));
  alarmId = r.json.data.alarms[0];
  for (const who of [...PARTIES, 'townRegulator'] as const) assert.equal(smsTo(who, SMS_TEMPLATES.pitAlarm.id).length, 1, `new orange alarm: one SMS to ${who}`);
  assert.equal(smsTo('cityRegulator').length, 0, 'orange: the city regulator is not paged');

  const sms0 = allSms();
  const wx0 = sys.standins.log.filter((e) => e.kind === 'subscribeMessage.send').length;
  const same = await level(8.9, 9, 5);
  assert.deepEqual(same.json.data.alarms, [], 'an open alarm exceeding again at its level is only linked');
  assert.equal(allSms(), sms0);
  assert.equal(sys.standins.log.filter((e) => e.kind === 'subscribeMessage.send').length, wx0, 'and not even a WeChat message');

  assert.equal((await act('townRegulator', alarmId, { action: 'comment', note: '请加密观测' })).status, 200);
  assert.equal((await act('townRegulator', alarmId, { action: 'require_action', note: '请于今日内完成坑边卸载' })).status, 200);
  const sha = await sitePhoto(sys, await tok('supervisor'), 'notify-1');
  assert.equal((await act('supervisor', alarmId, { action: 'handle', note: '已卸载坑边堆土', evidence: [sha] })).json.data.status, 'handled');
  const reopened = await level(9.0, 10, 4);
  assert.deepEqual(reopened.json.data.alarms, [alarmId], 'a handled alarm exceeding again is reopened and told');
  assert.equal(allSms(), sms0, 'comment, 责令整改, handling and a reopening at the same level send no SMS');
  assert.ok(wxTo('owner', WECHAT_TEMPLATES.progress.id).length >= 2, 'the steps reach the parties on WeChat');
  assert.ok(wxTo('owner', WECHAT_TEMPLATES.pitAlarm.id).length >= 2, '再次超限 reaches them on WeChat');

  const red = await level(10.5, 11, 3);
  assert.deepEqual(red.json.data.alarms, [alarmId]);
  for (const who of [...PARTIES, 'townRegulator', 'cityRegulator'] as const) {
    const got = smsTo(who, SMS_TEMPLATES.pitAlarm.id);
    assert.equal(got.length, who === 'cityRegulator' ? 1 : 2, `level raised to red: SMS to ${who}`);
    assert.match((got.at(-1)!.payload as { text: string }).text, /测试基坑测点ZQS1累计-10\.\d\dmm，控制值10\.00mm，红色报警/);
  }
  const doc = (await sys.db.collection<PitAlarm>('pit_alarms').findOne({ _id: alarmId }))!;
  assert.match(reportAlarmLine(doc), /^· 测点 ZQS1 红色报警：累计 -10\.\d\d mm \/ 控制值 10\.00 mm，状态 待处置$/, 'the daily report line has units');
});

test('an overdue alarm escalates once with an SMS that says it is overdue, to the late party and both regulators', async () => {
  clock += 3 * 3600_000; // red: 2 h to handle
  assert.deepEqual(await escalateOverdueAlarms(sys.deps), { escalated: 1 });
  for (const who of ['supervisor', 'townRegulator', 'cityRegulator'] as const) {
    const [sms, ...more] = smsTo(who, SMS_TEMPLATES.pitOverdue.id);
    assert.equal(more.length, 0, who);
    assert.equal((sms.payload as { text: string }).text.replace(/^【[^】]+】/, ''), '测试基坑测点ZQS1（红色报警）监理单位逾期未处置，已升级督办，请立即处置。');
  }
  for (const who of ['owner', 'contractor', 'monitor', 'designer'] as const) {
    assert.equal(smsTo(who, SMS_TEMPLATES.pitOverdue.id).length, 0, `${who} is not paged for someone else’s lateness`);
    assert.ok((await inboxOf(who)).some((m) => m.title.startsWith('逾期督办') && m.body.includes('监理单位逾期未处置')), `${who} reads it in the inbox`);
  }
  assert.deepEqual(await escalateOverdueAlarms(sys.deps), { escalated: 0 }, 'once');
  const d = await detail('townRegulator', alarmId);
  assert.equal(d.policies.escalate, false, 'already escalated at red: no 升级督办 button');
  const again = await act('townRegulator', alarmId, { action: 'escalate' });
  assert.equal(again.status, 409);
  assert.equal(again.json.error, 'already_escalated');
  assert.match(again.json.message, /红色报警级别升级督办/);
});

test('销警 needs a note: an empty one is refused, nothing written', async () => {
  const sha = await sitePhoto(sys, await tok('supervisor'), 'notify-2');
  assert.equal((await act('supervisor', alarmId, { action: 'handle', note: '已回填反压并加设支撑', evidence: [sha] })).status, 200);
  const before = (await detail('owner', alarmId)).data.history.length;
  for (const note of ['', '  ', '同意']) {
    const r = await act('owner', alarmId, { action: 'archive', note });
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.equal(r.json.error, 'note_required');
    assert.match(r.json.message, /销警说明/);
  }
  assert.equal((await detail('owner', alarmId)).data.history.length, before);
  const ok = await act('owner', alarmId, { action: 'archive', note: '复测已回落，同意销警', acknowledgeOverLimit: true });
  assert.equal(ok.json.data.status, 'archived');
});

let dangerId: string;
test('a danger alarm SMS and WeChat say what was found; 升级督办 reaches the city regulator once, with no SMS and no "：。"', async () => {
  const r = await sys.call('POST', `/api/pit/projects/${pit.projectId}/danger-alarms`, { token: await tok('contractor'), body: { description: '东侧围护桩出现渗漏涌砂' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  dangerId = r.json.data.id;
  const [sms] = smsTo('designer', SMS_TEMPLATES.pitDanger.id);
  assert.equal((sms.payload as { text: string }).text.replace(/^【[^】]+】/, ''), '测试基坑危险报警：东侧围护桩出现渗漏涌砂。请各方立即赶赴现场处置。');
  assert.equal(smsTo('contractor', SMS_TEMPLATES.pitDanger.id).length, 0, 'not back to whoever raised it');
  const wx = wxTo('cityRegulator', WECHAT_TEMPLATES.pitAlarm.id).at(-1)!.payload as { data: Record<string, { value: string }> };
  assert.equal(wx.data.thing2.value, '东侧围护桩出现渗漏涌砂');
  assert.equal(wx.data.phrase4.value, '危险报警');

  const sms0 = allSms();
  const cityInbox0 = (await inboxOf('cityRegulator')).length;
  const esc = await act('townRegulator', dangerId, { action: 'escalate', note: '' });
  assert.equal(esc.status, 200, JSON.stringify(esc.json));
  assert.equal(esc.json.policies.escalate, false);
  assert.equal(allSms(), sms0, 'a regulator’s 升级督办 is not an SMS');
  const cityInbox = await inboxOf('cityRegulator');
  assert.equal(cityInbox.length, cityInbox0 + 1, 'the city regulator hears of the escalation');
  const told = cityInbox.find((m) => m.title.startsWith('升级督办'))!;
  assert.equal(told.body, '测试基坑 危险报警：升级督办（待处置）。');
  const wxEsc = wxTo('cityRegulator', WECHAT_TEMPLATES.progress.id).at(-1)!.payload as { data: Record<string, { value: string }> };
  assert.deepEqual([wxEsc.data.phrase2.value, wxEsc.data.thing3.value], ['待处置', '升级督办']);

  const twice = await act('townRegulator', dangerId, { action: 'escalate', note: '再次督办' });
  assert.equal(twice.status, 409);
  assert.equal((await inboxOf('cityRegulator')).length, cityInbox0 + 1, 'no second entry');
  const trail = (await detail('cityRegulator', dangerId)).data.history.map((e: { action: string }) => e.action);
  assert.deepEqual(trail, ['alarm.raise_danger', 'alarm.escalate']);
});

test('a handled alarm’s WeChat status is a whole phrase (待复核), a long 责令整改 note ends with …', async () => {
  const sha = await sitePhoto(sys, await tok('supervisor'), 'notify-3');
  assert.equal((await act('supervisor', dangerId, { action: 'handle', note: '已设置警戒并注浆封堵', evidence: [sha] })).status, 200);
  const handled = wxTo('owner', WECHAT_TEMPLATES.progress.id).at(-1)!.payload as { data: Record<string, { value: string }> };
  assert.equal(handled.data.phrase2.value, '待复核');
  const note = '请于明日上午十点前完成坑边卸载，并提交第三方复测成果和整改报告';
  assert.equal((await act('townRegulator', dangerId, { action: 'require_action', note })).status, 200);
  const req = wxTo('supervisor', WECHAT_TEMPLATES.progress.id).at(-1)!.payload as { data: Record<string, { value: string }> };
  assert.equal(Array.from(req.data.thing3.value).length, 20);
  assert.ok(req.data.thing3.value.endsWith('…'), req.data.thing3.value);
  assert.ok(`监管责令整改：${note}`.startsWith(req.data.thing3.value.slice(0, -1)));
});

test('an SMS refused for the daily limit is given up at once and shown in the trail and the town regulator’s inbox', async () => {
  // The designer's phone takes its 10 SMS of the day elsewhere (critical ones: routine SMS stop at 5, below).
  const designer = (await sys.db.collection<User>('users').findOne({ _id: pit.people.designer.id }))!;
  for (let i = 0; smsTo('designer').filter((e) => e.ok).length < 10 && i < 12; i++) {
    const entry = { _id: `fill${i}`, messageId: `fill${i}`, channel: 'sms', userId: designer._id, title: '', body: '', sms: { templateId: SMS_TEMPLATES.notice.id, params: ['其他通知', `第${i}条`], critical: true }, source: { collection: 'notices', id: 'x' }, status: 'pending', attempts: 0, nextAttemptAt: new Date(), createdAt: new Date() } as OutboxEntry;
    await sys.deps.senders.sms(entry, designer);
  }
  assert.equal(smsTo('designer').filter((e) => e.ok).length, 10);

  const r = await sys.call('POST', `/api/pit/projects/${pit.projectId}/danger-alarms`, { token: await tok('monitor'), body: { description: '基坑北侧地面出现贯通裂缝' } });
  assert.equal(r.status, 201);
  const id = r.json.data.id;
  const refused = smsTo('designer', SMS_TEMPLATES.pitDanger.id).filter((e) => !e.ok);
  assert.equal(refused.length, 1);
  assert.match(refused[0].error ?? '', /PhoneNumberDailyLimit/);

  const entry = (await sys.db.collection<OutboxEntry>('outbox').findOne({ userId: pit.people.designer.id, channel: 'sms', 'source.id': id }))!;
  assert.equal(entry.status, 'failed', 'given up: a limit does not clear by retrying');
  assert.equal(entry.attempts, 1);
  assert.equal(entry.lastErrorCode, 'LimitExceeded.PhoneNumberDailyLimit');

  const d = (await detail('townRegulator', id)).data;
  const event = d.history.find((e: { action: string }) => e.action === 'alarm.sms_failed');
  assert.equal(event.note, '发给designer（设计单位）的短信未送达：已达当日发送上限');
  assert.equal(event.actor, '系统');
  assert.deepEqual(d.undelivered.map((u: { to: string; why: string }) => [u.to, u.why]), [['designer（设计单位）', '已达当日发送上限']]);
  const told = (await inboxOf('townRegulator')).filter((m) => m.title.startsWith('短信未送达'));
  assert.equal(told.length, 1);
  assert.match(told[0].body, /^测试基坑 危险报警（红色报警）的短信未送达designer（设计单位）：已达当日发送上限。/);

  // The timer, later: nothing is sent again and nothing is reported twice.
  clock += 3600_000;
  await drainOutbox(sys.db, sys.deps.senders, { now: () => new Date(clock) });
  assert.equal(smsTo('designer', SMS_TEMPLATES.pitDanger.id).filter((e) => !e.ok).length, 1, 'not retried');
  assert.equal(await sys.db.collection('deliveries').countDocuments({ entryId: entry._id }), 1);
  const trail = (await sys.db.collection<PitAlarm>('pit_alarms').findOne({ _id: id }))!.history;
  assert.equal(trail.filter((e) => e.action === 'alarm.sms_failed').length, 1);
});

test('a held upload: the monitoring unit hears why in Chinese; the regulator gets a suspect-data event, never by SMS; the supervisor handles it with a note', async () => {
  // one depth whose faces no longer add up (checksum 2.9 mm against 0.2 mm everywhere else and at the initial survey)
  const rows = DEPTHS.map((d, i) => `${d},${(A0[i] + 0.1).toFixed(2)},${(-(A0[i] + 0.1) + (i === 3 ? 2.9 : 0.2)).toFixed(2)},0.00,0.10`);
  const text = [`# hole=CX1; probe=SN1; L=0.5; unit=mm_per_interval; time=${hoursAgo(8).replace(/\.\d+Z$/, 'Z')}; bottom_fixed=true`, 'depth_m,A0,A180,B0,B180', ...rows].join('\n') + '\n';
  const sms0 = allSms();
  const monitorInbox0 = (await inboxOf('monitor')).length;
  const held = await upload({ format: 'inclinometer_csv', text });
  assert.equal(held.json.data.status, 'held', JSON.stringify(held.json));
  assert.equal(held.json.data.alarms.length, 1);
  const id = held.json.data.alarms[0];
  assert.equal(allSms(), sms0, 'suspect data is never an SMS');
  const why = '测斜校验和异常（深度 2 m：2.90 mm，中位数 0.20 mm）；测斜校验和突变（深度 2 m：2.90 mm，初测 0.20 mm）';

  const mine = (await inboxOf('monitor')).slice(monitorInbox0);
  assert.equal(mine.length, 1, 'the monitoring unit is told about its held file');
  assert.equal(mine[0].title, '数据暂存待核｜测试基坑');
  assert.ok(mine[0].body.startsWith('您上传的测斜孔 CX1数据（第 '), mine[0].body);
  assert.ok(mine[0].body.includes(`已暂存，未参与预警判定：${why}。请核查仪器和原始文件`), mine[0].body);
  const wx = wxTo('monitor', WECHAT_TEMPLATES.progress.id).at(-1)!.payload as { page: string; data: Record<string, { value: string }> };
  assert.deepEqual([wx.data.phrase2.value, wx.data.thing3.value], ['暂存待核', '测斜校验和异常、测斜校验和突变']);
  assert.match(wx.page, /pages\/uploads\/index\?projectId=/);

  const regulator = (await inboxOf('townRegulator')).find((m) => m.title.startsWith('疑似数据异常'))!;
  assert.ok(regulator.body.startsWith(`测试基坑：测斜孔 CX1数据疑似异常——${why}。`), regulator.body);
  const regWx = wxTo('townRegulator', WECHAT_TEMPLATES.pitAlarm.id).at(-1)!.payload as { data: Record<string, { value: string }> };
  assert.deepEqual([regWx.data.thing2.value, regWx.data.character_string3.value, regWx.data.phrase4.value], ['测斜孔 CX1 测斜校验和异常、测斜校…', '-', '数据可疑']);
  assert.equal(wxTo('supervisor', WECHAT_TEMPLATES.pitAlarm.id).filter((e) => JSON.stringify(e.payload).includes('数据可疑')).length, 1, 'the supervisor, who handles it, hears too');
  assert.doesNotMatch(JSON.stringify([mine, regulator, regWx]), /checksum_|inclinometer:|黄色预警/);

  const list = (await sys.call('GET', `/api/pit/alarms?projectId=${pit.projectId}`, { token: await tok('townRegulator') })).json.data;
  const suspect = list.find((a: { id: string }) => a.id === id);
  assert.deepEqual([suspect.point, suspect.itemLabel, suspect.levelLabel, suspect.description], ['测斜孔 CX1', '数据可疑', '数据可疑', `疑似数据异常：${why}`]);
  const uploads = (await sys.call('GET', `/api/pit/projects/${pit.projectId}/uploads`, { token: await tok('monitor') })).json.data;
  const listed = uploads.find((u: { id: string }) => u.id === held.json.data.id);
  assert.equal(listed.reason, `疑似数据异常：${why}`);
  assert.deepEqual(listed.flagTexts, why.split('；'));

  const doc = (await sys.db.collection<PitAlarm>('pit_alarms').findOne({ _id: id }))!;
  assert.equal(reportAlarmLine(doc), `· 测斜孔 CX1 数据可疑：${why}，状态 待处置`, 'the daily report line');

  const handled = await act('supervisor', id, { action: 'handle', note: '已核对原始记录，测斜探头故障，已更换并复测' });
  assert.equal(handled.status, 200, JSON.stringify(handled.json));
  assert.equal(handled.json.data.status, 'handled');
});

// Issue 13 §1/§2/§8: before, 11 manual danger alarms in under a minute spent every party's and regulator's SMS for
// the day, and a danger alarm at lng 1e308 was stored.
test('danger alarms: at most 3 an hour per person and project, even when sent at once; positions must be in China', async () => {
  const token = await tok('owner');
  const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => sys.call('POST', `/api/pit/projects/${pit.projectId}/danger-alarms`, { token, body: { description: `北侧地面出现裂缝第${i}处` } })));
  const statuses = burst.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 3, statuses.join(','));
  assert.equal(statuses.filter((s) => s === 429).length, 3);
  assert.match(burst.find((r) => r.status === 429)!.json.message, /每人每个项目每小时最多 3 次/);
  const far = await sys.call('POST', `/api/pit/projects/${pit.projectId}/danger-alarms`, { token: await tok('monitor'), body: { description: '坐标异常测试', location: { lng: 1e308, lat: 23 } } });
  assert.equal(far.status, 400);
});

// Issue 13 §1: before, routine SMS could use up a phone's daily quota so that a real alarm that day went without SMS.
test('routine SMS yield: 5 a day per phone, then WeChat and inbox only; a critical SMS always goes', async () => {
  const phone = '13977770001';
  const person = await sys.user('短信预算', [], { phone });
  const u = (await sys.db.collection<User>('users').findOne({ _id: person.id }))!;
  const entry = (i: number, critical = false) => ({ _id: `budget${i}`, messageId: `budget${i}`, channel: 'sms', userId: u._id, title: '', body: '', sms: { templateId: SMS_TEMPLATES.notice.id, params: ['通知', `第${i}条`], ...(critical ? { critical: true } : {}) }, source: { collection: 'notices', id: 'x' }, status: 'pending', attempts: 0, nextAttemptAt: new Date(), createdAt: new Date() }) as OutboxEntry;
  const routine = await Promise.all(Array.from({ length: 7 }, (_, i) => sys.deps.senders.sms(entry(i), u)));
  assert.equal(routine.filter((r) => r.ok).length, 5);
  const skipped = routine.filter((r) => !r.ok);
  assert.equal(skipped.length, 2);
  assert.ok(skipped.every((r) => !r.ok && r.permanent && r.code === 'RoutineSmsBudget'));
  const red = await sys.deps.senders.sms(entry(99, true), u);
  assert.equal(red.ok, true, 'a red or danger alarm is never the one refused by our budget');
  assert.equal(sys.standins.log.filter((e) => e.kind === 'SendSms' && e.to === `+86${phone}`).length, 6);
});
