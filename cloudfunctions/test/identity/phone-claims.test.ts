import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { USERS, type User } from '../../src/platform/auth/users';
import { ensureContact } from '../../src/platform/auth/users.repository';

/**
 * 绑定手机号 with WeChat's getPhoneNumber code (POST /api/me/phone/wechat) and the claim rules behind it
 * (contexts/identity/claim-phone.ts): contact accounts are kept, fresh WeChat accounts merge into them, a phone
 * bound to another openid is refused, and concurrent claims leave exactly one holder.
 */
let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

let seq = 0;
/** A WeChat login through the stand-in (code2Session), as the mini-program's 微信一键登录 does. */
async function wxLogin(persona: string): Promise<{ id: string; token: string }> {
  const r = await sys.call('POST', '/api/auth/wx-login', { body: { code: `${persona}.l${++seq}` } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return { id: r.json.data.user.id, token: r.json.data.token };
}
const bind = (token: string, code: string) => sys.call('POST', '/api/me/phone/wechat', { token, body: { code } });
const userDoc = (id: string) => sys.db.collection<User>(USERS).findOne({ _id: id });
const holders = (phone: string) => sys.db.collection<User>(USERS).find({ phone }).toArray();

test('a fresh WeChat account binds a verified phone nobody holds: the phone is set, shown masked, same account', async () => {
  const me = await wxLogin('claim-fresh');
  const r = await bind(me.token, sys.standins.wechat.phoneCode('13612340001'));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.data.user.id, me.id);
  assert.equal(r.json.data.user.phone, '136****0001');
  assert.equal((await userDoc(me.id))?.phone, '13612340001');
  // the old token still works (same account), and so does the new one
  assert.equal((await sys.call('GET', '/api/me', { token: me.token })).status, 200);
  assert.equal((await sys.call('GET', '/api/me', { token: r.json.data.token })).json.data.phone, '136****0001');
  // the stand-in saw a real getuserphonenumber call with an access token
  assert.ok(sys.standins.log.some((e) => e.service === 'wechat' && e.kind === 'getPhoneNumber' && e.ok && e.to === '13612340001'));
});

test('a contact account with the phone is kept: the openid moves onto it, the fresh account is merged and its token answers 401', async () => {
  const contactId = await ensureContact(sys.db, { name: '王工（监理）', phone: '13612340002' }, new Date());
  await sys.db.collection<User>(USERS).updateOne({ _id: contactId }, { $set: { roles: [{ role: 'supervisor', cityId: 'dongguan', projectIds: ['p1'] }], roleKeys: ['supervisor:dongguan', 'project:p1'] } });
  const fresh = await wxLogin('claim-contact');
  const openid = sys.standins.wechat.openidFor('claim-contact');

  const r = await bind(fresh.token, sys.standins.wechat.phoneCode('13612340002'));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.data.user.id, contactId, 'the session continues as the contact account');
  assert.equal(r.json.data.user.name, '王工（监理）');
  assert.equal(r.json.data.user.roles[0].role, 'supervisor');

  const kept = await userDoc(contactId);
  assert.equal(kept?.openid, openid);
  const merged = await userDoc(fresh.id);
  assert.equal(merged?.mergedInto, contactId);
  assert.equal(merged?.openid, undefined);
  assert.equal(merged?.movingOpenid, undefined);

  const old = await sys.call('GET', '/api/me', { token: fresh.token });
  assert.equal(old.status, 401);
  assert.equal(old.json.error, 'account_merged');
  assert.equal(old.json.message, '账号已合并，请重新登录');
  const now = await sys.call('GET', '/api/me', { token: r.json.data.token });
  assert.equal(now.json.data.id, contactId);
  // the next WeChat login lands on the contact account
  const again = await wxLogin('claim-contact');
  assert.equal(again.id, contactId);
});

test('a phone bound to another WeChat account → 409 该手机号已绑定其他微信账号, nothing changes', async () => {
  const owner = await wxLogin('claim-owner');
  assert.equal((await bind(owner.token, sys.standins.wechat.phoneCode('13612340003'))).status, 200);
  const intruder = await wxLogin('claim-intruder');
  const r = await bind(intruder.token, sys.standins.wechat.phoneCode('13612340003'));
  assert.equal(r.status, 409);
  assert.equal(r.json.error, 'phone_taken');
  assert.equal(r.json.message, '该手机号已绑定其他微信账号');
  assert.deepEqual((await holders('13612340003')).map((u) => u._id), [owner.id]);
  const i = await userDoc(intruder.id);
  assert.equal(i?.mergedInto, undefined);
  assert.equal(i?.openid, sys.standins.wechat.openidFor('claim-intruder'));
  assert.equal((await sys.call('GET', '/api/me', { token: intruder.token })).status, 200);
});

test('forged, expired, used and empty phone codes are refused with the stand-in errcode mapped to Chinese', async () => {
  const me = await wxLogin('claim-hostile');
  const cases: [string, number, string, RegExp][] = [
    ['not-a-real-code', 400, 'wx_phone_code_invalid', /手机号授权已失效/],
    [sys.standins.wechat.phoneCode('13612340004', 5 * 60_000 + 1000), 400, 'wx_phone_code_invalid', /重新点击/],
    ['   ', 400, 'invalid_input', /缺少手机号授权凭证/],
  ];
  for (const [code, status, error, message] of cases) {
    const r = await bind(me.token, code);
    assert.equal(r.status, status, `${code}: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.error, error);
    assert.match(r.json.message, message);
  }
  const code = sys.standins.wechat.phoneCode('13612340004');
  assert.equal((await bind(me.token, code)).status, 200);
  const reused = await bind(me.token, code);
  assert.equal(reused.status, 400, 'a code is single-use');
  assert.equal(reused.json.error, 'wx_phone_code_invalid');
  const errs = sys.standins.log.filter((e) => e.kind === 'getPhoneNumber' && !e.ok).map((e) => e.error?.split(' ')[0]);
  assert.deepEqual(errs, ['40029', '40029', '40029']);
  // a signed-out caller never reaches WeChat
  assert.equal((await sys.call('POST', '/api/me/phone/wechat', { body: { code: sys.standins.wechat.phoneCode('13612340009') } })).status, 401);
});

test('WeChat busy (-1) → 503, quota (45011) → 429, a rejected access token is renewed once', async () => {
  const me = await wxLogin('claim-busy');
  sys.standins.wechat.failPhoneCalls(-1);
  const busy = await bind(me.token, sys.standins.wechat.phoneCode('13612340005'));
  assert.equal(busy.status, 503);
  assert.equal(busy.json.message, '微信服务繁忙，请稍后再试');
  sys.standins.wechat.failPhoneCalls(45011);
  const quota = await bind(me.token, sys.standins.wechat.phoneCode('13612340005'));
  assert.equal(quota.status, 429);
  sys.standins.wechat.revokeTokens();
  const renewed = await bind(me.token, sys.standins.wechat.phoneCode('13612340005'));
  assert.equal(renewed.status, 200, JSON.stringify(renewed.json));
  assert.equal((await userDoc(me.id))?.phone, '13612340005');
});

test('20 concurrent claims of one contact account’s phone: exactly one account holds it, the others get 409, no half state', async () => {
  const contactId = await ensureContact(sys.db, { name: '并发联系人', phone: '13612340006' }, new Date());
  const racers = await Promise.all(Array.from({ length: 20 }, (_, i) => wxLogin(`claim-race-${i}`)));
  const results = await Promise.all(racers.map((r) => bind(r.token, sys.standins.wechat.phoneCode('13612340006'))));
  const won = results.filter((r) => r.status === 200);
  assert.equal(won.length, 1, JSON.stringify(results.map((r) => [r.status, r.json.error])));
  assert.ok(results.every((r) => r.status === 200 || (r.status === 409 && ['phone_taken', 'phone_busy'].includes(r.json.error))));
  assert.equal(won[0].json.data.user.id, contactId);
  const all = await sys.db.collection<User>(USERS).find({ _id: { $in: [contactId, ...racers.map((r) => r.id)] } }).toArray();
  assert.deepEqual((await holders('13612340006')).map((u) => u._id), [contactId]);
  assert.equal(all.filter((u) => u.mergedInto).length, 1, 'only the winner’s fresh account is merged');
  assert.equal(all.filter((u) => u.movingOpenid).length, 0, 'no openid left parked');
  assert.equal(all.filter((u) => u.openid).length, 20, 'every openid has exactly one account');
});

test('20 concurrent claims of a phone nobody holds: one fresh account gets it, the rest 409', async () => {
  const racers = await Promise.all(Array.from({ length: 20 }, (_, i) => wxLogin(`claim-free-${i}`)));
  const results = await Promise.all(racers.map((r) => bind(r.token, sys.standins.wechat.phoneCode('13612340007'))));
  assert.equal(results.filter((r) => r.status === 200).length, 1, JSON.stringify(results.map((r) => [r.status, r.json.error])));
  assert.ok(results.every((r) => r.status === 200 || r.status === 409));
  assert.equal((await holders('13612340007')).length, 1);
});

test('a signed-in account with roles cannot swallow a contact account: 409, both unchanged', async () => {
  const contactId = await ensureContact(sys.db, { name: '另一人', phone: '13612340008' }, new Date());
  const staff = await wxLogin('claim-staff');
  await sys.db.collection<User>(USERS).updateOne({ _id: staff.id }, { $set: { roles: [{ role: 'patroller', cityId: 'dongguan' }] } });
  const r = await bind(staff.token, sys.standins.wechat.phoneCode('13612340008'));
  assert.equal(r.status, 409);
  assert.equal(r.json.error, 'account_has_roles');
  assert.equal((await userDoc(contactId))?.openid, undefined);
  assert.equal((await userDoc(staff.id))?.mergedInto, undefined);
});

test('ensureContact: one account per phone, normalised, race-safe; bad phones refused', async () => {
  const ids = await Promise.all(Array.from({ length: 10 }, () => ensureContact(sys.db, { name: '张工', phone: '+86 137 0000 1111' }, new Date())));
  assert.equal(new Set(ids).size, 1);
  assert.equal((await holders('13700001111')).length, 1);
  assert.equal(await ensureContact(sys.db, { name: '别名', phone: '13700001111' }, new Date()), ids[0]);
  assert.equal((await userDoc(ids[0]))?.name, '张工', 'an existing person keeps their name');
  await assert.rejects(ensureContact(sys.db, { name: '张工', phone: '0769-12345678' }, new Date()), /手机号格式不正确/);
});

test('PATCH /api/me changes the name; bad names are refused with a Chinese reason', async () => {
  const me = await wxLogin('profile-name');
  for (const [name, message] of [['a', /至少2个字/], ['张三13812345678', /不能含数字/], ['x'.repeat(21), /不能超过20个字/]] as const) {
    const r = await sys.call('PATCH', '/api/me', { token: me.token, body: { name } });
    assert.equal(r.status, 400, name);
    assert.match(r.json.message, message);
  }
  const r = await sys.call('PATCH', '/api/me', { token: me.token, body: { name: '  欧阳·娜娜 ' } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.data.name, '欧阳·娜娜');
  assert.equal((await userDoc(me.id))?.name, '欧阳·娜娜');
  const profile = await sys.call('GET', '/api/me/profile', { token: me.token });
  assert.deepEqual(profile.json.data, { id: me.id, name: '欧阳·娜娜', organisations: [], roles: [] });
});
