import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { collectOutbox } from '../../src/platform/outbox/collect';
import { drainOutbox } from '../../src/platform/outbox/drain';
import { createdAggregate } from '../../src/platform/aggregate';
import { messagesFor } from '@cityloop/shared/notify/message';
import { NOTICES } from '../../src/contexts/notices/notice.collection';

let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

const sent = (kind: string, to: string) => sys.standins.log.filter((e) => e.kind === kind && e.to === to && e.ok).length;

test('the process dies after the state change, before the send → after restart the message is delivered, once', async () => {
  const admin = await sys.user('管理员', [{ role: 'admin', cityId: 'dongguan' }]);
  const openid = await sys.standins.wechat.issueOpenid('crash-citizen');
  const citizen = await sys.user('市民', [], { openid, phone: '13900000001' });

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
  const citizen = await sys.user('市民2', [], { openid });
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
  const users = await Promise.all([1, 2, 3, 4, 5].map((i) => sys.user(`收件人${i}`, [], { openid: i === 1 ? openid : undefined })));
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
    TENCENTCLOUD_SMS_ENDPOINT: c.tencent.smsEndpoint ?? '',
    TENCENTCLOUD_SMS_PROTOCOL: 'http://',
    CITYLOOP_LOG: 'silent',
  };
}
