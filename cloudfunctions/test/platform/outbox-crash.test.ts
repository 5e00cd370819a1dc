import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { collectOutbox } from '../../src/platform/outbox/collect';
import { drainOutbox } from '../../src/platform/outbox/drain';
import { deliverNow } from '../../src/platform/outbox/deliver-now';
import { createdAggregate } from '../../src/platform/aggregate';
import { messagesFor } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES, WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { NOTICES } from '../../src/contexts/notices/notice.collection';

let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

const sent = (kind: string, to: string) => sys.standins.log.filter((e) => e.kind === kind && e.to === to && e.ok).length;

test('the process dies after the state change, before the send → after restart the message is delivered, once', async () => {
  const admin = await sys.user('管理员', [{ role: 'admin', cityId: 'dongguan' }]);
  const openid = await sys.standins.wechat.issueOpenid('crash-citizen');
  const citizen = await sys.user('市民', [{ role: 'unit', cityId: 'dongguan', townId: 'nancheng', orgId: 'org-test' }], { openid, phone: '13900000001' });

  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../fixtures/crash-during-send.ts')], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...envOf(sys), ADMIN_ID: admin.id, RECIPIENT_ID: citizen.id },
  });
  assert.equal(child.signal, 'SIGKILL', `child should die mid-send: ${child.stdout}${child.stderr}`);

  // The state change is committed, with its messages; nothing reached anyone.
  const notice = await sys.db.collection(NOTICES).findOne({ title: '停水通知' });
  assert.ok(notice, 'notice committed');
  assert.equal(sent('subscribeMessage.send', openid), 0);
  assert.equal(await sys.db.collection('inbox').countDocuments({ userId: citizen.id }), 0);

  const leased = await sys.db.collection('outbox').countDocuments({ userId: citizen.id, status: 'sending' });
  assert.ok(leased >= 1, 'the dead process had leased what it was sending');
  // "Restart": a fresh drainer (the notify timer), after the dead process's lease has expired.
  const later = () => new Date(Date.now() + 61_000);
  await collectOutbox(sys.db);
  const first = await drainOutbox(sys.db, sys.deps.senders, { now: later });
  assert.equal(first.sent, 3, JSON.stringify(first));
  // …and again: nothing is sent twice.
  await collectOutbox(sys.db);
  const second = await drainOutbox(sys.db, sys.deps.senders, { now: later });
  assert.deepEqual(second, { sent: 0, retried: 0, failed: 0 });

  assert.equal(sent('subscribeMessage.send', openid), 1);
  assert.equal(sent('SendSms', '+8613900000001'), 1);
  assert.equal(await sys.db.collection('inbox').countDocuments({ userId: citizen.id }), 1);
  // the attempt that took over the dead process's lease is recorded as such
  const taken = await sys.db.collection('deliveries').countDocuments({ userId: citizen.id, afterExpiredLease: true });
  assert.equal(taken, leased);
});

test('killed between the commit and the collection → the notify timer still delivers, once', async () => {
  const openid = await sys.standins.wechat.issueOpenid('crash-citizen-2');
  const citizen = await sys.user('市民2', [{ role: 'unit', cityId: 'dongguan', townId: 'nancheng', orgId: 'org-test' }], { openid });
  const now = new Date();
  const event = { id: 'ev_crash2', action: 'notice.send', at: now, actorId: null };
  const msgs = messagesFor(event.id, [citizen.id], now, { channels: ['inbox'], title: '测试', body: '只写入，未收集' });
  // exactly what the command commits, then "dies" (no collection, no drain)
  await sys.db.collection(NOTICES).insertOne({ ...createdAggregate(NOTICES, 'nt_crash2', event, msgs, {}), scope: { cityId: 'dongguan' }, title: '测试', body: 'x', recipients: [citizen.id], sms: false, sentBy: 'x', createdAt: now } as never);
  for (let i = 0; i < 2; i++) {
    await collectOutbox(sys.db);
    await drainOutbox(sys.db, sys.deps.senders);
  }
  assert.equal(await sys.db.collection('inbox').countDocuments({ userId: citizen.id }), 1);
  const audit = await sys.db.collection('audit_log').countDocuments({ _id: 'ev_crash2' as never });
  assert.equal(audit, 1, 'the audit row is projected too');
});

test('two drainers at once never send the same message twice', async () => {
  const openid = await sys.standins.wechat.issueOpenid('race-citizen');
  const admin = await sys.user('管理员2', [{ role: 'admin', cityId: 'dongguan' }]);
  const users = await Promise.all([1, 2, 3, 4, 5].map((i) => sys.user(`收件人${i}`, [{ role: 'unit', cityId: 'dongguan', townId: 'nancheng', orgId: 'org-test' }], { openid: i === 1 ? openid : undefined })));
  // write without draining: insert through the command, then race two drainers on what it left
  const now = new Date();
  const event = { id: 'ev_race', action: 'notice.send', at: now, actorId: admin.id };
  const msgs = messagesFor(event.id, users.map((u) => u.id), now, { channels: ['inbox'], title: '并发', body: 'x' });
  await sys.db.collection(NOTICES).insertOne({ ...createdAggregate(NOTICES, 'nt_race', event, msgs, {}), scope: { cityId: 'dongguan' }, title: '并发', body: 'x', recipients: [], sms: false, sentBy: admin.id, createdAt: now } as never);
  await collectOutbox(sys.db);
  const [a, b] = await Promise.all([drainOutbox(sys.db, sys.deps.senders), drainOutbox(sys.db, sys.deps.senders)]);
  assert.equal(a.sent + b.sent, 5);
  const attempts = await sys.db.collection('deliveries').countDocuments({ entryId: { $regex: '^ev_race:' } });
  assert.equal(attempts, 5);
});

test('deliverNow sends what it just copied (claimed at insert); out of budget, the claim is handed back untried', async () => {
  const openid = await sys.standins.wechat.issueOpenid('claim-citizen');
  const citizen = await sys.user('市民3', [{ role: 'unit', cityId: 'dongguan', townId: 'nancheng', orgId: 'org-test' }], { openid, phone: '13900000003' });
  const now = new Date();
  const write = async (id: string) => {
    const event = { id: `ev_${id}`, action: 'notice.send', at: now, actorId: null };
    const msgs = messagesFor(event.id, [citizen.id], now, { channels: ['sms', 'wechat', 'inbox'], title: '认领', body: 'x', wechat: { templateId: WECHAT_TEMPLATES.notice.id, data: { thing1: { value: '认领' }, thing2: { value: 'x' }, time3: { value: wechatTime(now) } } }, sms: { templateId: SMS_TEMPLATES.notice.id, params: ['认领', id] } }); // distinct SMS text: the same text twice in 30 s is refused
    await sys.db.collection(NOTICES).insertOne({ ...createdAggregate(NOTICES, id, event, msgs, {}), scope: { cityId: 'dongguan' }, title: '认领', body: 'x', recipients: [citizen.id], sms: true, sentBy: 'x', createdAt: now } as never);
  };
  await write('nt_claim1');
  const r = await deliverNow(sys.deps, [{ collection: NOTICES, id: 'nt_claim1' }], { budgetMs: 5000 });
  assert.equal(r.sent, 3, JSON.stringify(r));
  // sent entries leave the queue for the archive
  assert.equal(await sys.db.collection('outbox').countDocuments({ messageId: { $regex: '^ev_nt_claim1' } }), 0);
  const rows = await sys.db.collection('outbox_sent').find({ messageId: { $regex: '^ev_nt_claim1' } }).toArray();
  assert.deepEqual(rows.map((e) => [e.status, e.attempts]), [['sent', 1], ['sent', 1], ['sent', 1]]);
  // collecting the same aggregate again copies nothing (its messages were sent)
  await sys.db.collection(NOTICES).updateOne({ _id: 'nt_claim1' as never }, { $set: { outbox: (await sys.db.collection('outbox_sent').find({ messageId: { $regex: '^ev_nt_claim1' } }).toArray()).slice(0, 1).map((e) => ({ id: e.messageId, userId: e.userId, channels: ['inbox', 'wechat', 'sms'], title: e.title, body: e.body, wechat: e.wechat, sms: e.sms, createdAt: e.createdAt })), hasPending: true } });
  assert.deepEqual(await collectOutbox(sys.db, [{ collection: NOTICES, id: 'nt_claim1' }]), []);
  assert.equal(await sys.db.collection('outbox').countDocuments({ messageId: { $regex: '^ev_nt_claim1' } }), 0);
  assert.equal(await sys.db.collection('deliveries').countDocuments({ entryId: { $regex: '^ev_nt_claim1' }, afterExpiredLease: false }), 3);
  assert.equal(sent('SendSms', '+8613900000003'), 1);

  // no time left: nothing is sent and the entries are pending again, with no attempt counted
  await write('nt_claim2');
  const none = await deliverNow(sys.deps, [{ collection: NOTICES, id: 'nt_claim2' }], { budgetMs: 0 });
  assert.equal(none.sent, 0);
  const back = await sys.db.collection('outbox').find({ messageId: { $regex: '^ev_nt_claim2' } }).toArray();
  assert.equal(back.length, 3);
  assert.ok(back.every((e) => e.status === 'pending' && e.attempts === 0 && e.leaseUntil === undefined), JSON.stringify(back));
  // the timer then sends them, once, and not as a takeover of someone's lease
  const later = await drainOutbox(sys.db, sys.deps.senders);
  assert.equal(later.sent, 3, JSON.stringify(later));
  assert.equal(await sys.db.collection('deliveries').countDocuments({ entryId: { $regex: '^ev_nt_claim2' }, afterExpiredLease: true }), 0);
  assert.equal(sent('SendSms', '+8613900000003'), 2);
});

function envOf(s: TestSystem): Record<string, string> {
  const c = s.deps.config;
  return {
    CITYLOOP_ENV: 'test',
    MONGODB_URI: c.mongodbUri,
    MONGODB_DB: s.db.databaseName,
    MONGODB_MAX_POOL: '1',
    JWT_SECRET: c.jwtSecret,
    WECHAT_API_BASE: c.wechat.baseUrl,
    WECHAT_APPID: c.wechat.appId,
    WECHAT_SECRET: c.wechat.appSecret,
    TENCENTCLOUD_SECRET_ID: c.tencent.secretId,
    TENCENTCLOUD_SECRET_KEY: c.tencent.secretKey,
    CHECKIN_IDCARD_KEY: c.checkin.idCardKey,
    TENCENTCLOUD_SMS_ENDPOINT: c.tencent.smsEndpoint ?? '',
    TENCENTCLOUD_SMS_PROTOCOL: 'http://',
    CITYLOOP_LOG: 'silent',
  };
}
