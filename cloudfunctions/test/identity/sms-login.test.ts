import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { SMS_CODES } from '../../src/contexts/identity/sms-code.collection';
import type { User } from '../../src/platform/auth/users';

let sys: TestSystem;
let clock = new Date('2026-03-02T02:00:00Z').getTime();
const tick = (ms: number) => void (clock += ms);
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
});
after(async () => sys.close());

/** The codes the SMS stand-in delivered to a number, oldest first. */
const codesSentTo = (phone: string) =>
  sys.standins.log.filter((e) => e.kind === 'SendSms' && e.ok && e.to === `+86${phone}`).map((e) => (e.payload as { params: string[] }).params[0]);
const lastCode = (phone: string) => codesSentTo(phone).at(-1)!;
const send = (phone: string, purpose = 'login', token?: string) => sys.call('POST', '/api/auth/sms-code', { body: { phone, purpose }, token });
const login = (phone: string, code: string, token?: string) => sys.call('POST', '/api/auth/sms-login', { body: { phone, code }, token });
const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const users = () => sys.db.collection<User>('users');

test('a code goes out through SendSms with the verification template; only its keyed hash is stored', async () => {
  const r = await send('138 0013 0001');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual(r.json.data, { phone: '138****0001', resendAfterSec: 60, expiresInSec: 300 });
  const sent = sys.standins.log.filter((e) => e.kind === 'SendSms' && e.to === '+8613800130001');
  assert.equal(sent.length, 1);
  const p = sent[0].payload as { templateId: string; params: string[]; text: string };
  assert.equal(p.templateId, '100006');
  assert.match(p.params[0], /^\d{6}$/);
  assert.match(p.text, new RegExp(`您的验证码为${p.params[0]}，5分钟内有效`));
  const slot = await sys.db.collection(SMS_CODES).findOne({ _id: '13800130001' as never });
  assert.ok(slot?.codeHash && slot.codeHash.length === 64);
  assert.ok(!JSON.stringify(slot).includes(`"${p.params[0]}"`), 'the code itself is not stored');
});

test('a malformed phone or purpose is refused with a Chinese message, nothing sent', async () => {
  const before = sys.standins.log.length;
  for (const phone of ['1380013000', '23800130001', '138001300011', 'abc']) {
    const r = await send(phone);
    assert.equal(r.status, 400);
    assert.match(r.json.message, /请输入正确的 11 位手机号/);
  }
  assert.equal((await send('13800130009', 'steal')).status, 400);
  assert.equal((await send('13800130009', 'bind')).status, 401, 'binding needs a session');
  assert.equal(sys.standins.log.length, before);
});

test('a second code within 60 s is refused with the seconds to wait; after 60 s it goes', async () => {
  const phone = '13800130002';
  assert.equal((await send(phone)).status, 200);
  tick(20_000);
  const again = await send(phone);
  assert.equal(again.status, 429);
  assert.equal(again.json.message, '发送过于频繁，请40秒后再试');
  tick(40_000);
  assert.equal((await send(phone)).status, 200);
  assert.equal(codesSentTo(phone).length, 2);
});

test('40 concurrent send requests for one phone send exactly 1 SMS', async () => {
  const phone = '13800130003';
  const rs = await Promise.all(Array.from({ length: 40 }, () => send(phone)));
  assert.equal(rs.filter((r) => r.status === 200).length, 1);
  assert.equal(rs.filter((r) => r.status === 429).length, 39, JSON.stringify(rs.filter((r) => r.status !== 200 && r.status !== 429).map((r) => r.json)));
  assert.equal(codesSentTo(phone).length, 1);
});

test('SMS login: a new number gets a new account; the code works once', async () => {
  const phone = '13800130004';
  await send(phone);
  const code = lastCode(phone);
  const r = await login(phone, code);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.data.user.phone, '138****0004');
  const me = await sys.call('GET', '/api/me', { token: r.json.data.token });
  assert.equal(me.json.data.id, r.json.data.user.id);
  const u = (await users().findOne({ phone }))!;
  assert.equal(u._id, r.json.data.user.id);
  assert.ok(u.phoneVerifiedAt);
  const twice = await login(phone, code);
  assert.equal(twice.status, 400);
  assert.equal(twice.json.message, '验证码已过期，请重新获取');
  assert.equal(await users().countDocuments({ phone }), 1);
});

test('an existing contact account (an imported shop owner) is signed into, not duplicated', async () => {
  const phone = '13800130005';
  await sys.user('王五', [{ role: 'shopOwner', cityId: 'dongguan', townId: 'nancheng', gridIds: ['g-a'] }], { phone });
  const contact = (await users().findOne({ phone }))!;
  await send(phone);
  const r = await login(phone, lastCode(phone));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.data.user.id, contact._id);
  assert.equal(r.json.data.user.name, '王五');
  assert.deepEqual(r.json.data.user.roles.map((x: { role: string }) => x.role), ['shopOwner']);
});

test('an expired code (deps clock + 5 min) is refused as expired and counts no wrong try', async () => {
  const phone = '13800130006';
  await send(phone);
  const code = lastCode(phone);
  tick(5 * 60_000 + 1);
  const r = await login(phone, code);
  assert.equal(r.status, 400);
  assert.equal(r.json.message, '验证码已过期，请重新获取');
  assert.equal((await sys.db.collection(SMS_CODES).findOne({ _id: phone as never }))?.failures, 0);
  const never = await login('13800130099', '123456');
  assert.equal(never.json.message, '请先获取验证码');
});

test('wrong codes count down; the 5th locks the phone for 15 minutes, the 6th and the right code are refused', async () => {
  const phone = '13800130007';
  await send(phone);
  const code = lastCode(phone);
  for (let left = 4; left >= 1; left--) {
    const r = await login(phone, wrongOf(code));
    assert.equal(r.status, 400);
    assert.equal(r.json.message, `验证码错误（还可尝试${left}次）`);
  }
  const fifth = await login(phone, wrongOf(code));
  assert.equal(fifth.status, 429);
  assert.equal(fifth.json.message, '尝试次数过多，请15分钟后再试');
  const sixth = await login(phone, code);
  assert.equal(sixth.status, 429, 'the right code is refused while locked');
  tick(61_000);
  assert.equal((await send(phone)).status, 429, 'no new code while locked');
  tick(15 * 60_000);
  assert.equal((await send(phone)).status, 200, 'the lock runs out');
  const r = await login(phone, lastCode(phone));
  assert.equal(r.status, 200, JSON.stringify(r.json));
});

test('a resend does not give back wrong tries: 3 wrong, new code, the 2nd wrong locks', async () => {
  const phone = '13800130008';
  await send(phone);
  for (let i = 0; i < 3; i++) assert.equal((await login(phone, wrongOf(lastCode(phone)))).status, 400);
  tick(61_000);
  await send(phone);
  assert.equal((await login(phone, wrongOf(lastCode(phone)))).json.message, '验证码错误（还可尝试1次）');
  assert.equal((await login(phone, wrongOf(lastCode(phone)))).status, 429);
});

test('40 concurrent wrong verifications: the lock engages after exactly 5', async () => {
  const phone = '13800130010';
  await send(phone);
  const code = lastCode(phone);
  const rs = await Promise.all(Array.from({ length: 40 }, () => login(phone, wrongOf(code))));
  assert.equal(rs.filter((r) => r.status === 400).length, 4, JSON.stringify(rs.map((r) => r.json.message)));
  assert.equal(rs.filter((r) => r.status === 429).length, 36);
  assert.equal((await sys.db.collection(SMS_CODES).findOne({ _id: phone as never }))?.failures, 5);
  assert.equal((await login(phone, code)).status, 429);
});

test('a code sent to another phone, or for another purpose, is a wrong code', async () => {
  const a = '13800130011';
  const b = '13800130012';
  await send(a);
  await send(b);
  const r = await login(b, lastCode(a) === lastCode(b) ? wrongOf(lastCode(b)) : lastCode(a));
  assert.equal(r.status, 400);
  assert.equal(r.json.message, '验证码错误（还可尝试4次）');
  // a login code does not bind
  const someone = await sys.user('某人');
  const bind = await sys.call('POST', '/api/me/phone/sms', { token: someone.token, body: { phone: a, code: lastCode(a) } });
  assert.equal(bind.status, 400);
  assert.equal(bind.json.message, '验证码错误（还可尝试4次）');
});

test('binding a phone: a free number lands on the account; a WeChat-less contact is claimed and the fresh account retired', async () => {
  const me = await sys.user('微信用户', [], { openid: 'o_bind_free' });
  const free = '13800130013';
  await send(free, 'bind', me.token);
  const r = await sys.call('POST', '/api/me/phone/sms', { token: me.token, body: { phone: free, code: lastCode(free) } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.data.user.id, me.id);
  assert.equal((await users().findOne({ _id: me.id }))?.phone, free);

  const fresh = await sys.user('微信用户', [], { openid: 'o_fresh_claim' });
  const contactPhone = '13800130014';
  await sys.user('李四（监理）', [{ role: 'supervisor', cityId: 'dongguan', projectIds: ['p1'] }], { phone: contactPhone });
  const contact = (await users().findOne({ phone: contactPhone }))!;
  await send(contactPhone, 'bind', fresh.token);
  const claimed = await sys.call('POST', '/api/me/phone/sms', { token: fresh.token, body: { phone: contactPhone, code: lastCode(contactPhone) } });
  assert.equal(claimed.status, 200, JSON.stringify(claimed.json));
  assert.equal(claimed.json.data.user.id, contact._id, 'the contact account is kept');
  assert.equal((await users().findOne({ _id: contact._id }))?.openid, 'o_fresh_claim');
  assert.equal((await users().findOne({ _id: fresh.id }))?.mergedInto, contact._id);
  const old = await sys.call('GET', '/api/me', { token: fresh.token });
  assert.equal(old.status, 401);
  assert.equal(old.json.message, '账号已合并，请重新登录');
  assert.equal((await sys.call('GET', '/api/me', { token: claimed.json.data.token })).json.data.id, contact._id);
});

test('a phone already on another WeChat account cannot be bound: 409', async () => {
  const phone = '13800130015';
  await sys.user('已有微信', [], { openid: 'o_owner_of_phone', phone });
  const me = await sys.user('微信用户', [], { openid: 'o_intruder' });
  await send(phone, 'bind', me.token);
  const r = await sys.call('POST', '/api/me/phone/sms', { token: me.token, body: { phone, code: lastCode(phone) } });
  assert.equal(r.status, 409);
  assert.equal(r.json.message, '该手机号已绑定其他微信账号');
  assert.equal((await users().findOne({ _id: me.id }))?.openid, 'o_intruder');
});
