import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { SMS_TEMPLATES } from '@cityloop/shared/notify/templates';
import { USERS, type User } from '../../src/platform/auth/users';

/**
 * Invitations name a person (name + phone): their contact account holds the binding from the start and gets the code
 * by SMS; redeeming proves the phone, so the redeemer's WeChat account claims that contact account.
 */
let sys: TestSystem;
let admin: { id: string; token: string };
before(async () => {
  sys = await startTestSystem();
  admin = await sys.user('管理员', [{ role: 'admin', cityId: 'dongguan' }]);
});
after(async () => sys.close());

let seq = 0;
async function wxLogin(persona: string): Promise<{ id: string; token: string }> {
  const r = await sys.call('POST', '/api/auth/wx-login', { body: { code: `${persona}.i${++seq}` } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return { id: r.json.data.user.id, token: r.json.data.token };
}
const issue = (body: Record<string, unknown>) => sys.call('POST', '/api/invitations', { token: admin.token, body });
const redeem = (token: string, code: string) => sys.call('POST', '/api/auth/redeem-invitation', { token, body: { code } });
const userDoc = (id: string) => sys.db.collection<User>(USERS).findOne({ _id: id });
const PATROLLER = { role: 'patroller', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01'] };

test('issuing creates the contact account with the binding at once and texts the code to the phone', async () => {
  const r = await issue({ name: '赵巡查', phone: '137-2222-0001', binding: PATROLLER });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const { code, contactId } = r.json.data;
  const contact = await userDoc(contactId);
  assert.equal(contact?.name, '赵巡查');
  assert.equal(contact?.phone, '13722220001', 'stored as 11 digits');
  assert.equal(contact?.openid, undefined);
  assert.deepEqual(contact?.roles.map((b) => [b.role, b.invitationId]), [['patroller', code]]);
  assert.ok(contact?.roleKeys?.includes('patroller:grid:nc-01'), 'reachable by role queries from day one');
  const sms = sys.standins.log.filter((e) => e.service === 'sms' && e.ok && e.to === '+8613722220001');
  assert.equal(sms.length, 1, 'the SMS left within the request');
  const payload = sms[0].payload as { templateId: string; params: string[]; text: string };
  assert.equal(payload.templateId, SMS_TEMPLATES.invitation.id);
  assert.deepEqual(payload.params, ['赵巡查', '巡查员', code]);
  assert.match(payload.text, new RegExp(`邀请码${code}`));
  // the issue is audited (projected from the invitation's pending audit)
  const audit = await sys.db.collection('audit_log').findOne({ action: 'invitation.issue', 'target.id': code });
  assert.equal(audit?.actorId, admin.id);
});

test('issuing to a phone someone already holds grants to that account; bad input is refused, nothing written', async () => {
  const existing = await wxLogin('inv-existing');
  await sys.db.collection<User>(USERS).updateOne({ _id: existing.id }, { $set: { phone: '13722220002' } });
  const r = await issue({ name: '随便写的名字', phone: '13722220002', binding: PATROLLER });
  assert.equal(r.status, 201);
  assert.equal(r.json.data.contactId, existing.id);
  assert.equal((await userDoc(existing.id))?.name, '微信用户', 'the name the person chose is not overwritten');

  const before = await sys.db.collection(USERS).countDocuments();
  for (const [body, message] of [
    [{ name: '张三', phone: '12345', binding: PATROLLER }, /手机号格式不正确/],
    [{ name: '张3', phone: '13722220003', binding: PATROLLER }, /不能含数字/],
    [{ phone: '13722220003', binding: PATROLLER }, /name/],
  ] as const) {
    const bad = await issue(body);
    assert.equal(bad.status, 400, JSON.stringify(body));
    assert.match(bad.json.message, message);
  }
  assert.equal(await sys.db.collection(USERS).countDocuments(), before);
});

test('redeeming as a fresh WeChat user claims the invited account: same id, role kept, old token 401', async () => {
  const issued = await issue({ name: '钱片长', phone: '13722220004', binding: { role: 'areaChief', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-02'] } });
  const { code, contactId } = issued.json.data;
  const me = await wxLogin('inv-redeemer');
  const r = await redeem(me.token, code.toLowerCase());
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.data.user.id, contactId);
  assert.equal(r.json.data.user.name, '钱片长');
  assert.equal(r.json.data.user.phone, '137****0004');
  assert.deepEqual(r.json.data.user.roles.map((b: { role: string }) => b.role), ['areaChief']);
  assert.equal((await userDoc(contactId))?.openid, sys.standins.wechat.openidFor('inv-redeemer'));
  assert.equal((await userDoc(me.id))?.mergedInto, contactId);
  assert.equal((await sys.call('GET', '/api/me', { token: me.token })).status, 401);
  const again = await redeem(r.json.data.token, code);
  assert.equal(again.status, 200, 'the same person retrying is idempotent');
  assert.equal(again.json.data.user.roles.length, 1);
});

test('a code whose phone belongs to another WeChat account: 409 before the code is used up', async () => {
  const owner = await wxLogin('inv-phone-owner');
  await sys.db.collection<User>(USERS).updateOne({ _id: owner.id }, { $set: { phone: '13722220005' } });
  const { code } = (await issue({ name: '孙某', phone: '13722220005', binding: PATROLLER })).json.data;
  const thief = await wxLogin('inv-thief');
  const r = await redeem(thief.token, code);
  assert.equal(r.status, 409);
  assert.equal(r.json.message, '该手机号已绑定其他微信账号');
  const inv = await sys.db.collection('invitations').findOne({ _id: code as never });
  assert.equal(inv?.usedBy, undefined, 'the code is still usable by its owner');
  assert.equal((await redeem(owner.token, code)).status, 200);
});

test('two people racing for one code: one wins, the other 410; expired codes 410', async () => {
  const { code, contactId } = (await issue({ name: '周某', phone: '13722220006', binding: PATROLLER })).json.data;
  const [a, b] = await Promise.all([wxLogin('inv-race-a'), wxLogin('inv-race-b')]);
  const results = await Promise.all([redeem(a.token, code), redeem(b.token, code)]);
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 410], JSON.stringify(results.map((r) => r.json)));
  const holder = await userDoc(contactId);
  assert.ok([sys.standins.wechat.openidFor('inv-race-a'), sys.standins.wechat.openidFor('inv-race-b')].includes(holder!.openid!));

  const old = await issue({ name: '吴某', phone: '13722220007', binding: PATROLLER, expiresInDays: 1 });
  await sys.db.collection('invitations').updateOne({ _id: old.json.data.code }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  const late = await redeem((await wxLogin('inv-late')).token, old.json.data.code);
  assert.equal(late.status, 410);
  assert.equal(late.json.error, 'invitation_expired');
});

// Issue 13 §8: before, invitation redemption was not throttled (codes could be guessed at full speed).
test('redeeming is throttled per account: 12 guesses at once → 10 answered, 2 refused with 429', async () => {
  const guesser = await sys.user('猜码者', [], { openid: `guess-${Date.now()}` });
  const all = await Promise.all(Array.from({ length: 12 }, (_, i) => redeem(guesser.token, `ZZZZZZZZ${String(i).padStart(2, '0').replace(/\d/g, (d) => 'ABCDEFGHJK'[Number(d)])}`)));
  const statuses = all.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 429).length, 2, statuses.join(','));
  assert.ok(statuses.filter((s) => s !== 429).every((s) => s === 400 || s === 404), statuses.join(','));
  assert.match(all.find((r) => r.status === 429)!.json.message, /邀请码尝试次数过多/);
});
