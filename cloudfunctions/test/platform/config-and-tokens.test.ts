import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { loadConfig } from '../../src/platform/config';
import { issueToken, verifyToken } from '../../src/platform/auth/jwt';
import { clientAddress } from '../../src/platform/http/client-address';
import { handleHttpEvent } from '../../src/platform/http/scf-handler';
import { createApiApp } from '../../src/apps/api-app';
import { functionUrlHealth, legacyApigwHealth, scfContext } from '../fixtures/scf-events';
import { startTestSystem, type TestSystem } from '../helpers/test-system';

// Issue 13 §7. Before: a production bundle started with CITYLOOP_ENV=development used the public development
// secrets; a token without `exp` never expired; `sub` was not checked to be a string; client-sent
// X-Forwarded-For and x-request-id went into the audit log as they were.

const REAL = {
  MONGODB_URI: 'mongodb://db.internal:27017/',
  JWT_SECRET: 'a-real-jwt-secret-of-forty-characters-000',
  CODE_SECRET: 'a-real-code-secret-of-forty-characters-00',
  WECHAT_APPID: 'wx1234567890abcdef',
  WECHAT_SECRET: 'real-wechat-secret',
  TENCENTCLOUD_SECRET_ID: 'AKIDrealrealreal',
  TENCENTCLOUD_SECRET_KEY: 'real-key',
  CHECKIN_IDCARD_KEY: '9c1f0e2d3b4a59687766554433221100ffeeddccbbaa99887766554433221100',
};

test('a production build refuses development, published, short or missing secrets, whatever CITYLOOP_ENV says', () => {
  assert.equal(loadConfig({ ...REAL }, false).env, 'production');
  assert.throws(() => loadConfig({ CITYLOOP_ENV: 'development' }, false), /missing required environment variable/);
  const { JWT_SECRET: _j, ...noJwt } = REAL;
  assert.throws(() => loadConfig({ ...noJwt, CITYLOOP_ENV: 'development' }, false), /JWT_SECRET/);
  assert.throws(() => loadConfig({ ...REAL, JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789' }, false), /JWT_SECRET is a development value/);
  assert.throws(() => loadConfig({ ...REAL, CODE_SECRET: 'dev-only-code-secret-change-me-0123456789', CITYLOOP_ENV: 'test' }, false), /CODE_SECRET is a development value/);
  assert.throws(() => loadConfig({ ...REAL, TENCENTCLOUD_SECRET_KEY: 'dev-key' }, false), /TENCENTCLOUD_SECRET_KEY is a development value/);
  assert.throws(() => loadConfig({ ...REAL, JWT_SECRET: 'short-secret' }, false), /at least 32 characters/);
  // the ID-number key of field check-ins: required, not the published development key, a full 32-byte AES key
  const { CHECKIN_IDCARD_KEY: _k, ...noIdKey } = REAL;
  assert.throws(() => loadConfig(noIdKey, false), /CHECKIN_IDCARD_KEY/);
  assert.throws(() => loadConfig({ ...REAL, CHECKIN_IDCARD_KEY: 'de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0de0d' }, false), /CHECKIN_IDCARD_KEY is a development value/);
  assert.throws(() => loadConfig({ ...REAL, CHECKIN_IDCARD_KEY: '9c1f0e2d3b4a5968' }, false), /CHECKIN_IDCARD_KEY must be 64 hex characters/);
  assert.throws(() => loadConfig({ ...REAL, FACE_VERIFIER: 'faceid' }, false), /FACE_VERIFIER/);
  // running from source in development mode keeps its defaults (npm start works with no configuration)
  assert.equal(loadConfig({ CITYLOOP_ENV: 'development' }, true).jwtSecret.startsWith('dev-only'), true);
  // and production mode from source is as strict as a bundle
  assert.throws(() => loadConfig({ CITYLOOP_ENV: 'production' }, true), /missing required environment variable/);
});

test('a session lifetime over 7 days cannot be configured', () => {
  assert.throws(() => loadConfig({ ...REAL, JWT_TTL_SEC: String(30 * 86400) }, false), /JWT_TTL_SEC/);
  assert.equal(loadConfig({ ...REAL, JWT_TTL_SEC: '3600' }, false).jwtTtlSec, 3600);
});

const SECRET = REAL.JWT_SECRET;
const key = new TextEncoder().encode(SECRET);
const now = new Date('2026-12-07T08:00:00Z');
const iat = Math.floor(now.getTime() / 1000);
const sign = (payload: Record<string, unknown>, claims: { exp?: number; iat?: number } = {}) => {
  const j = new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setIssuer('cityloop');
  if (claims.iat !== undefined) j.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) j.setExpirationTime(claims.exp);
  return j.sign(key);
};
const refused = async (token: Promise<string>, code = 'invalid_token') => assert.rejects(verifyToken(SECRET, await token, now), (e: { status?: number; code?: string }) => e.status === 401 && e.code === code);

test('tokens: our own verify; no exp, a far exp, an old iat or a non-string sub are refused even when signed', async () => {
  assert.equal(await verifyToken(SECRET, await issueToken(SECRET, 'u_someone', 3600, now), now), 'u_someone');
  await refused(sign({ sub: 'u_admin' }, { iat })); // no exp: before, valid forever
  await refused(sign({ sub: 'u_admin' }, { exp: iat + 3600 })); // no iat
  await refused(sign({ sub: 'u_admin' }, { iat, exp: iat + 30 * 86400 })); // 30 days
  await refused(sign({ sub: 'u_admin' }, { iat: iat - 8 * 86400, exp: iat + 3600 })); // a lifetime of 8 days and an hour
  await refused(sign({ sub: { $ne: null } }, { iat, exp: iat + 3600 })); // before: an object reached findOne
  await refused(sign({ sub: 42 }, { iat, exp: iat + 3600 }));
  await refused(sign({}, { iat, exp: iat + 3600 }));
});

test('client address: only what trusted proxies appended counts', () => {
  assert.equal(clientAddress(undefined, '6.6.6.6, 113.108.1.2', 1), '113.108.1.2');
  assert.equal(clientAddress(undefined, '113.108.1.2', 1), '113.108.1.2');
  assert.equal(clientAddress(undefined, '6.6.6.6, 10.0.0.1, 113.108.1.2', 2), '10.0.0.1');
  assert.equal(clientAddress({ sourceIp: '10.0.2.14' }, '6.6.6.6', 1), '10.0.2.14');
  assert.equal(clientAddress(undefined, '<script>', 1), '');
  assert.equal(clientAddress(undefined, '6.6.6.6', 0), '');
  assert.equal(clientAddress(undefined, undefined, 1), '');
});

let sys: TestSystem;
before(async () => {
  sys = await startTestSystem();
});
after(() => sys.close());

test('the request id and the audited address are ours, not what the client sent', async () => {
  const app = createApiApp(sys.deps);
  const forged = { ...functionUrlHealth, headers: { ...functionUrlHealth.headers, 'x-request-id': 'forged-id', 'x-forwarded-for': '6.6.6.6, 113.108.1.2' } };
  const a = await handleHttpEvent(app, forged, scfContext);
  assert.equal(a.headers['x-request-id'], scfContext.request_id); // the platform's id, not the client's
  const b = await handleHttpEvent(app, forged);
  assert.notEqual(b.headers['x-request-id'], 'forged-id');
  assert.match(b.headers['x-request-id'], /^rq_/);
  const legacy = await handleHttpEvent(app, { ...legacyApigwHealth, headers: { ...legacyApigwHealth.headers, 'x-request-id': 'forged-id' } });
  assert.equal(legacy.headers['x-request-id'], legacyApigwHealth.requestContext.requestId);

  // through the loopback gateway (a trusted proxy that appends the peer): an audited action records 127.0.0.1
  const admin = await sys.user('管理员', [{ role: 'admin', cityId: 'dongguan' }]);
  const r = await sys.call('POST', '/api/invitations', { token: admin.token, body: { name: '巡查员张', phone: '13712340001', binding: { role: 'patroller', cityId: 'dongguan', townId: 'nancheng', gridIds: ['g1'] } }, headers: { 'x-forwarded-for': '6.6.6.6', 'x-request-id': 'forged-id' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.notEqual(r.json.requestId, 'forged-id');
  const audit = await sys.db.collection('audit_log').findOne({ action: 'invitation.issue' });
  assert.ok(audit, 'the issue is audited');
  assert.match(String(audit.ip), /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  assert.notEqual(audit.requestId, 'forged-id');
});
