import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { WECHAT_TEMPLATES } from '@cityloop/shared/notify/templates';
import { USERS } from '../../src/platform/auth/users';
import type { OutboxEntry } from '../../src/platform/outbox/outbox.collections';

let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

const NOTICE = WECHAT_TEMPLATES.notice.id;
const PROGRESS = WECHAT_TEMPLATES.progress.id;
const record = (token: string | undefined, body: unknown) => sys.call('POST', '/api/me/subscriptions', { token, body });
const consentOf = async (id: string) => ((await sys.db.collection(USERS).findOne({ _id: id as never })) as { subscriptionConsent?: Record<string, { choice: string; at: Date }> } | null)?.subscriptionConsent;

test('POST /api/me/subscriptions records each answer with the time; 401 without a session, 400 for what WeChat never answers', async () => {
  const u = await sys.user('市民', [], { openid: sys.standins.wechat.issueOpenid('consent-citizen') });

  const anon = await record(undefined, { results: [{ templateId: NOTICE, choice: 'accept' }] });
  assert.equal(anon.status, 401);
  assert.equal(anon.json.error, 'unauthenticated');

  const bad: Array<[unknown, RegExp]> = [
    [{ results: [{ templateId: 'TPL_NOT_OURS', choice: 'accept' }] }, /未知的订阅消息模板/],
    [{ results: [{ templateId: NOTICE, choice: 'filter' }] }, /accept、reject 或 ban/],
    [{ results: [] }, /缺少订阅结果/],
    [{ results: Array.from({ length: 6 }, () => ({ templateId: NOTICE, choice: 'accept' })) }, /最多记录 5 个模板/],
    [{}, /results/],
  ];
  for (const [body, message] of bad) {
    const r = await record(u.token, body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error, 'invalid_input');
    assert.match(r.json.message, message);
  }
  assert.equal(await consentOf(u.id), undefined, 'nothing written by a refused request');

  const before = Date.now();
  const r = await record(u.token, { results: [{ templateId: NOTICE, choice: 'reject' }, { templateId: PROGRESS, choice: 'accept' }] });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const byKey = Object.fromEntries(r.json.data.templates.map((t: { key: string }) => [t.key, t]));
  assert.equal(byKey.notice.choice, 'reject');
  assert.equal(byKey.progress.choice, 'accept');
  assert.deepEqual([byKey.pitAlarm.choice, byKey.pitAlarm.at], [null, null], 'never asked');
  assert.ok(Date.parse(byKey.notice.at) >= before - 1000);
  const stored = await consentOf(u.id);
  assert.ok(stored?.[NOTICE].at instanceof Date, 'stored as a Date');
  assert.equal(stored?.[NOTICE].choice, 'reject');

  // The user changes their mind: the latest answer wins, the others stay.
  await record(u.token, { results: [{ templateId: NOTICE, choice: 'accept' }] });
  const mine = await sys.call('GET', '/api/me/subscriptions', { token: u.token });
  assert.equal(mine.status, 200);
  const now = Object.fromEntries(mine.json.data.templates.map((t: { key: string; choice: string }) => [t.key, t.choice]));
  assert.deepEqual(now, { notice: 'accept', pitAlarm: null, progress: 'accept' });
  assert.equal((await sys.call('GET', '/api/me/subscriptions')).status, 401);
});

test('a refused template: WeChat gets nothing for that user, inbox and SMS still go, and the delivery log says why', async () => {
  const regulator = await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }]);
  const people = await Promise.all(
    (['rejects', 'bans', 'accepts', 'never-asked'] as const).map(async (who, i) => {
      const openid = sys.standins.wechat.issueOpenid(`notice-${who}`);
      const phone = `1390000010${i}`;
      return { who, openid, phone, ...(await sys.user(who, [{ role: 'unit', cityId: 'dongguan', townId: 'nancheng', orgId: 'org-test' }], { openid, phone })) }; // notices reach people with a role in the area
    }),
  );
  const [rejects, bans, accepts, neverAsked] = people;
  assert.equal((await record(rejects.token, { results: [{ templateId: NOTICE, choice: 'reject' }, { templateId: PROGRESS, choice: 'accept' }] })).status, 200);
  assert.equal((await record(bans.token, { results: [{ templateId: NOTICE, choice: 'ban' }] })).status, 200);
  assert.equal((await record(accepts.token, { results: [{ templateId: NOTICE, choice: 'accept' }] })).status, 200);

  const sent = await sys.call('POST', '/api/notices', {
    token: regulator.token,
    body: { cityId: 'dongguan', townId: 'nancheng', title: '停水通知', body: '明日 9:00–17:00 停水', recipients: people.map((p) => p.id), sms: true },
  });
  assert.equal(sent.status, 201, JSON.stringify(sent.json));

  const log = sys.standins.log;
  const wechatTo = (openid: string) => log.filter((e) => e.kind === 'subscribeMessage.send' && e.to === openid);
  const smsOkTo = (phone: string) => log.filter((e) => e.kind === 'SendSms' && e.to === `+86${phone}` && e.ok);
  for (const p of [rejects, bans]) {
    assert.equal(wechatTo(p.openid).length, 0, `${p.who}: no call to WeChat at all`);
    assert.equal(smsOkTo(p.phone).length, 1, `${p.who}: SMS still sent`);
    assert.equal(await sys.db.collection('inbox').countDocuments({ userId: p.id }), 1, `${p.who}: inbox still written`);
  }
  for (const p of [accepts, neverAsked]) {
    assert.equal(wechatTo(p.openid).filter((e) => e.ok).length, 1, `${p.who}: WeChat sent`);
    assert.equal(smsOkTo(p.phone).length, 1);
  }

  // Failed for good at the first attempt (no retries that could never succeed), with the reason.
  const failed = await sys.db.collection<OutboxEntry>('outbox').find({ channel: 'wechat', userId: { $in: [rejects.id, bans.id] } }).toArray();
  assert.deepEqual(failed.map((e) => [e.userId, e.status, e.attempts]).sort(), [[rejects.id, 'failed', 1], [bans.id, 'failed', 1]].sort());

  // The regulator's delivery log.
  const deliveries = await sys.call('GET', '/api/deliveries?status=failed', { token: regulator.token });
  assert.equal(deliveries.status, 200);
  const rows = deliveries.json.data as Array<{ channel: string; userId: string; ok: boolean; error: string }>;
  const rowOf = (id: string) => rows.find((r) => r.userId === id && r.channel === 'wechat');
  assert.match(rowOf(rejects.id)?.error ?? '', /^not sent: user rejected the subscription \(reject TPL_NOTICE at \d{4}-\d\d-\d\dT/);
  assert.match(rowOf(bans.id)?.error ?? '', /^not sent: template banned .*\(ban TPL_NOTICE at /);
  assert.equal(rows.filter((r) => r.channel !== 'wechat').length, 0, 'only the refused WeChat sends failed');

  // The refusal is per template: the same user still gets the template they accepted.
  const entry = { ...failed.find((e) => e.userId === rejects.id)!, _id: 'progress-probe:wechat', wechat: { ...failed[0].wechat!, templateId: PROGRESS, data: { thing1: { value: '井盖破损' }, phrase2: { value: '已立案' }, thing3: { value: '已派遣' }, time4: { value: '2026年1月5日 09:00' } } } };
  const user = await sys.db.collection(USERS).findOne({ _id: rejects.id as never });
  const r = await sys.deps.senders.wechat(entry, user as never);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(wechatTo(rejects.openid).length, 1);
});
