import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

const counts = async () => {
  const names = ['users', 'invitations', 'notices', 'outbox', 'audit_log', 'inbox'];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await sys.db.collection(n).countDocuments()])));
};

test('health answers 200 with the envelope and a request id', async () => {
  const r = await sys.call('GET', '/api/health');
  assert.equal(r.status, 200);
  assert.equal(r.json.ok, true);
  assert.equal(r.json.data.status, 'ok');
  assert.match(r.json.requestId, /^rq_/);
});

test('malformed JSON → 400 invalid_json, nothing written', async () => {
  const admin = await sys.user('admin', [{ role: 'admin', cityId: 'dongguan' }]);
  const before = await counts();
  const r = await sys.call('POST', '/api/notices', { raw: '{"cityId": "dongguan", "title": ', token: admin.token, headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'invalid_json');
  assert.match(r.json.message, /JSON/);
  assert.deepEqual(await counts(), before);
});

test('schema errors name the field in Chinese', async () => {
  const admin = await sys.user('admin2', [{ role: 'admin', cityId: 'dongguan' }]);
  const r = await sys.call('POST', '/api/notices', { body: { cityId: 'dongguan', title: '', body: 'x', recipients: [] }, token: admin.token });
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'invalid_input');
  assert.match(r.json.message, /title: 标题不能为空/);
  assert.match(r.json.message, /recipients: 至少选择一位接收人/);
});

test('a body over 1 MB → 413, nothing written', async () => {
  const admin = await sys.user('admin3', [{ role: 'admin', cityId: 'dongguan' }]);
  const before = await counts();
  const big = JSON.stringify({ cityId: 'dongguan', title: 't', body: 'x'.repeat(1024 * 1024 + 10), recipients: [admin.id] });
  const r = await sys.call('POST', '/api/notices', { raw: big, token: admin.token, headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413);
  assert.equal(r.json.error, 'payload_too_large');
  assert.deepEqual(await counts(), before);
});

test('unknown routes → 404 route_not_found', async () => {
  const r = await sys.call('GET', '/api/no/such/thing');
  assert.equal(r.status, 404);
  assert.equal(r.json.error, 'route_not_found');
  assert.equal(r.json.message, '接口不存在');
});

test('expired, forged and malformed tokens → 401 with a specific code', async () => {
  const u = await sys.user('someone');
  const expired = await issueToken(sys.deps.config.jwtSecret, u.id, 60, new Date(Date.now() - 3600_000));
  const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(u.id).setIssuer('cityloop').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode('not-our-secret-not-our-secret-1234'));
  const none = Buffer.from('{"alg":"none"}').toString('base64url') + '.' + Buffer.from(JSON.stringify({ sub: u.id, iss: 'cityloop' })).toString('base64url') + '.';
  for (const [token, code] of [[expired, 'token_expired'], [forged, 'invalid_token'], [none, 'invalid_token'], ['garbage', 'invalid_token']] as const) {
    const r = await sys.call('GET', '/api/me', { token });
    assert.equal(r.status, 401, token);
    assert.equal(r.json.error, code);
  }
  const ok = await sys.call('GET', '/api/me', { token: u.token });
  assert.equal(ok.status, 200);
});

test('an invitation binds a role once; reuse by someone else → 410, nothing written', async () => {
  const admin = await sys.user('admin4', [{ role: 'admin', cityId: 'dongguan' }]);
  const issued = await sys.call('POST', '/api/invitations', { token: admin.token, body: { name: '新片长', phone: '13722220004', binding: { role: 'areaChief', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01'] } } });
  assert.equal(issued.status, 201);
  const code = issued.json.data.code;

  const first = await sys.user('first', [], { openid: sys.standins.wechat.issueOpenid('api-errors-first') });
  const r1 = await sys.call('POST', '/api/auth/redeem-invitation', { token: first.token, body: { code } });
  assert.equal(r1.status, 200, JSON.stringify(r1.json));
  assert.equal(r1.json.data.user.roles[0].role, 'areaChief');
  // the same person retrying (with the session the redemption gave) is idempotent
  const again = await sys.call('POST', '/api/auth/redeem-invitation', { token: r1.json.data.token, body: { code } });
  assert.equal(again.status, 200, JSON.stringify(again.json));
  assert.equal(again.json.data.user.roles.length, 1);

  const second = await sys.user('second', [], { openid: sys.standins.wechat.issueOpenid('api-errors-second') });
  const before = await counts();
  const r2 = await sys.call('POST', '/api/auth/redeem-invitation', { token: second.token, body: { code } });
  assert.equal(r2.status, 410);
  assert.equal(r2.json.error, 'invitation_used');
  assert.deepEqual(await counts(), before);
  const me = await sys.call('GET', '/api/me', { token: second.token });
  assert.deepEqual(me.json.data.roles, []);
});

test('only admins issue invitations; unknown codes are refused', async () => {
  const citizen = await sys.user('citizen');
  const r = await sys.call('POST', '/api/invitations', { token: citizen.token, body: { name: '某人', phone: '13722220005', binding: { role: 'admin', cityId: 'dongguan' } } });
  assert.equal(r.status, 403);
  const r2 = await sys.call('POST', '/api/auth/redeem-invitation', { token: citizen.token, body: { code: 'ZZZZZZZZZZ' } });
  assert.equal(r2.status, 400);
  assert.equal(r2.json.error, 'invitation_not_found');
});
