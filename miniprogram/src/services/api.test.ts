import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '@cityloop/shared/errors';
import { ApiError, createApi, errorMessage, isConflict, joinUrl, type HttpRequest, type HttpResponse } from './api';
import { apiBaseFor } from './config';

function fakeTransport(respond: (req: HttpRequest) => HttpResponse | Promise<HttpResponse>) {
  const calls: HttpRequest[] = [];
  const transport = async (req: HttpRequest) => {
    calls.push(req);
    return respond(req);
  };
  return { calls, transport };
}

const ok = (data: unknown, status = 200): HttpResponse => ({ status, body: { ok: true, data, requestId: 'r1' } });

test('apiBaseFor: H5 is same-origin, weapp uses the configured origin', () => {
  assert.equal(apiBaseFor('h5', 'https://api.example.cn'), '');
  assert.equal(apiBaseFor('weapp', 'https://api.example.cn/'), 'https://api.example.cn');
  assert.equal(apiBaseFor('weapp', undefined), 'http://127.0.0.1:8080');
  assert.equal(joinUrl('', '/api/x'), '/api/x');
  assert.equal(joinUrl('http://h/', 'api/x'), 'http://h/api/x');
});

test('unwraps the ok envelope and sends the bearer token', async () => {
  const { calls, transport } = fakeTransport(() => ok({ kind: 'site', name: '一号工地' }));
  const api = createApi({ baseUrl: 'http://h', transport, getToken: () => 'T' });
  assert.deepEqual(await api.code('a.b'), { kind: 'site', name: '一号工地' });
  assert.equal(calls[0].url, 'http://h/api/codes/a.b');
  assert.equal(calls[0].method, 'GET');
  assert.equal(calls[0].headers.Authorization, 'Bearer T');
  assert.equal(calls[0].body, undefined);
});

test('no token, no Authorization header; POST bodies are JSON objects', async () => {
  const { calls, transport } = fakeTransport(() => ok({ token: 't', user: { id: 'u', name: '张三' } }));
  const api = createApi({ baseUrl: '', transport, getToken: () => null });
  await api.devLogin('citizen');
  assert.equal(calls[0].url, '/api/auth/dev-login');
  assert.equal(calls[0].headers.Authorization, undefined);
  assert.equal(calls[0].headers['Content-Type'], 'application/json');
  assert.deepEqual(calls[0].body, { persona: 'citizen' });
});

test('paths encode their segments', async () => {
  const { calls, transport } = fakeTransport(() => ok({ items: [], nextCursor: null }));
  const api = createApi({ baseUrl: '', transport, getToken: () => null });
  await api.inbox('c/1 2');
  await api.markRead('a/b');
  assert.equal(calls[0].url, '/api/inbox?cursor=c%2F1%202');
  assert.equal(calls[1].url, '/api/inbox/a%2Fb/read');
});

test('a not-ok envelope becomes an ApiError carrying the Chinese message', async () => {
  const { transport } = fakeTransport(() => ({
    status: 400,
    body: { ok: false, error: 'code_forged', message: '二维码无效或已被篡改', requestId: 'r9' },
  }));
  const api = createApi({ baseUrl: '', transport, getToken: () => null });
  await assert.rejects(api.code('x'), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.ok(e instanceof DomainError, 'ApiError is a shared DomainError');
    assert.equal(e.code, 'code_forged');
    assert.equal(e.status, 400);
    assert.equal(e.message, '二维码无效或已被篡改');
    assert.equal(e.requestId, 'r9');
    assert.equal(errorMessage(e), '二维码无效或已被篡改');
    return true;
  });
});

test('401 calls onUnauthorized once and still throws', async () => {
  const { transport } = fakeTransport(() => ({
    status: 401,
    body: { ok: false, error: 'unauthenticated', message: '请先登录', requestId: 'r' },
  }));
  const seen: ApiError[] = [];
  const api = createApi({ baseUrl: '', transport, getToken: () => 'old', onUnauthorized: (e) => seen.push(e) });
  await assert.rejects(api.inbox(), /请先登录/);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].status, 401);
});

test('401 without an envelope still counts as logged out', async () => {
  const { transport } = fakeTransport(() => ({ status: 401, body: null }));
  let called = 0;
  const api = createApi({ baseUrl: '', transport, getToken: () => 'old', onUnauthorized: () => called++ });
  await assert.rejects(api.inbox(), (e: unknown) => e instanceof ApiError && e.code === 'unauthenticated');
  assert.equal(called, 1);
});

test('other non-envelope responses are a clear "service unavailable" error', async () => {
  const { transport } = fakeTransport(() => ({ status: 404, body: '<html>Not Found</html>' }));
  const api = createApi({ baseUrl: '', transport, getToken: () => null });
  await assert.rejects(api.config(), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'bad_response');
    assert.match(e.message, /服务暂不可用（HTTP 404）/);
    return true;
  });
});

test('a transport failure is a network error', async () => {
  const { transport } = fakeTransport(() => Promise.reject(new Error('ECONNREFUSED')));
  let called = 0;
  const api = createApi({ baseUrl: '', transport, getToken: () => null, onUnauthorized: () => called++ });
  await assert.rejects(api.config(), (e: unknown) => e instanceof ApiError && e.code === 'network_error' && /网络/.test(e.message));
  assert.equal(called, 0);
});

test('errorMessage falls back for unknown errors', () => {
  assert.equal(errorMessage(new Error('boom')), '操作失败，请稍后重试');
  assert.equal(errorMessage('x'), '操作失败，请稍后重试');
});

test('isConflict: a stale version or a transition that no longer applies; any 409 only when asked', () => {
  assert.equal(isConflict(new ApiError('stale_version', 409, '已被他人处理')), true);
  assert.equal(isConflict(new ApiError('invalid_transition', 409, '当前状态不能这样操作')), true);
  assert.equal(isConflict(new ApiError('already_answered', 409, '已处理')), false);
  assert.equal(isConflict(new ApiError('already_answered', 409, '已处理'), { anyConflict: true }), true);
  assert.equal(isConflict(new ApiError('validation_failed', 400, '请填写原因'), { anyConflict: true }), false);
  assert.equal(isConflict(new Error('stale_version')), false);
});

test('me() reports a 401 to the caller without redirecting', async () => {
  const { calls, transport } = fakeTransport(() => ({
    status: 401,
    body: { ok: false, error: 'unauthenticated', message: '登录已过期', requestId: 'r' },
  }));
  let called = 0;
  const api = createApi({ baseUrl: '', transport, getToken: () => 'old', onUnauthorized: () => called++ });
  await assert.rejects(api.me(), (e: unknown) => e instanceof ApiError && e.status === 401);
  assert.equal(calls[0].url, '/api/me');
  assert.equal(called, 0);
});

test('a write carries an Idempotency-Key and is sent once more with the same key when its answer is lost', async () => {
  let n = 0;
  const { calls, transport } = fakeTransport(() => {
    n++;
    if (n === 1) throw new Error('socket hang up');
    return ok({ read: true });
  });
  const api = createApi({ baseUrl: '', transport, getToken: () => 'T', retryDelayMs: 0 });
  assert.deepEqual(await api.markRead('m1'), { read: true });
  assert.equal(calls.length, 2);
  assert.match(calls[0].headers['Idempotency-Key'], /^rk-[0-9a-z]{20}$/);
  assert.equal(calls[1].headers['Idempotency-Key'], calls[0].headers['Idempotency-Key']);
  // a 503 (database restarting) is retried once too; a second failure reaches the page
  const busy = fakeTransport(() => ({ status: 503, body: { ok: false, error: 'database_unavailable', message: '系统暂时无法访问数据库，请稍后重试', requestId: 'r' } }));
  const api2 = createApi({ baseUrl: '', transport: busy.transport, getToken: () => 'T', retryDelayMs: 0 });
  await assert.rejects(api2.markRead('m2'), (e: ApiError) => e.status === 503 && /数据库/.test(e.message));
  assert.equal(busy.calls.length, 2);
  // each user action has its own key; reads carry none and are not retried
  await api.markRead('m3');
  assert.notEqual(calls[2].headers['Idempotency-Key'], calls[0].headers['Idempotency-Key']);
  const down = fakeTransport(() => {
    throw new Error('offline');
  });
  const api3 = createApi({ baseUrl: '', transport: down.transport, getToken: () => null, retryDelayMs: 0 });
  await assert.rejects(api3.code('a.b'), (e: ApiError) => e.status === 0);
  assert.equal(down.calls.length, 1);
  assert.equal(down.calls[0].headers['Idempotency-Key'], undefined);
});
