import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { handleHttpEvent } from '../../src/platform/http/scf-handler';
import { LightResponse } from '../../src/platform/http/light-response';

// The adapter builds real Requests/Responses only when a route needs more than strings: these pin the behaviour.
const app = new Hono();
app.use('*', bodyLimit({ maxSize: 1024 })); // as the real app: it must not need to re-read or re-wrap the request
app.use('*', async (c, next) => {
  c.header('x-before', '1');
  await next();
  if (c.req.path === '/after') c.header('x-after', '2'); // set on a finished response: Hono copies it
});
app.get('/json', (c) => c.json({ hello: '你好', q: c.req.query('q'), ua: c.req.header('user-agent') }, 201));
app.get('/after', (c) => c.text('plain'));
app.post('/echo', async (c) => c.json({ got: await c.req.json(), signal: c.req.raw.signal instanceof AbortSignal }));
app.post('/bytes', async (c) => c.body(new Uint8Array(await c.req.arrayBuffer()).reverse(), 200, { 'content-type': 'application/octet-stream' }));
app.get('/stream', () => new Response(new Blob(['from a blob']), { headers: { 'content-type': 'text/plain' } }));
app.onError((e, c) => (e instanceof HTTPException ? e.getResponse() : c.json({ error: e.message }, 500)));
app.get('/boom', () => { throw new Error('exploded'); });

const ev = (method: string, path: string, extra: Record<string, unknown> = {}) => ({ httpMethod: method, path, headers: { host: 'x.scf', 'user-agent': 'ua/1' }, queryString: {}, ...extra });

test('a JSON answer keeps status, headers, body and query', async () => {
  const r = await handleHttpEvent(app as never, ev('GET', '/json', { queryString: { q: '路灯' } }));
  assert.equal(r.statusCode, 201);
  assert.equal(r.headers['x-before'], '1');
  assert.match(r.headers['content-type'], /application\/json/);
  assert.deepEqual(JSON.parse(r.body), { hello: '你好', q: '路灯', ua: 'ua/1' });
  assert.equal(r.isBase64Encoded, false);
});

test('a header added after the response exists is kept', async () => {
  const r = await handleHttpEvent(app as never, ev('GET', '/after'));
  assert.equal(r.body, 'plain');
  assert.equal(r.headers['x-after'], '2');
  assert.equal(r.headers['x-before'], '1');
});

test('request bodies (text and base64) and the real Request behind them still work', async () => {
  const r = await handleHttpEvent(app as never, ev('POST', '/echo', { body: '{"a":[1,2]}', headers: { host: 'x', 'content-type': 'application/json' } }));
  assert.deepEqual(JSON.parse(r.body), { got: { a: [1, 2] }, signal: true });
  const b = await handleHttpEvent(app as never, ev('POST', '/bytes', { body: Buffer.from([1, 2, 255]).toString('base64'), isBase64Encoded: true }));
  assert.equal(b.isBase64Encoded, true);
  assert.deepEqual([...Buffer.from(b.body, 'base64')], [255, 2, 1]);
});

test('a POST event without content-length (as SCF may send it) passes the body limit; an oversized one is refused', async () => {
  const r = await handleHttpEvent(app as never, ev('POST', '/echo', { body: '{"b":1}' }));
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(JSON.parse(r.body).got, { b: 1 });
  const big = await handleHttpEvent(app as never, ev('POST', '/echo', { body: JSON.stringify({ x: 'y'.repeat(2000) }) }));
  assert.equal(big.statusCode, 413);
});

test('non-string bodies and errors go through the real Response', async () => {
  const s = await handleHttpEvent(app as never, ev('GET', '/stream'));
  assert.equal(s.body, 'from a blob');
  const e = await handleHttpEvent(app as never, ev('GET', '/boom'));
  assert.equal(e.statusCode, 500);
  assert.deepEqual(JSON.parse(e.body), { error: 'exploded' });
});

test('Response stays a Response: light ones, fetched ones, and their methods', async () => {
  const light = new Response('{"x":1}', { status: 202, headers: { 'content-type': 'application/json' } });
  assert.ok(light instanceof Response);
  assert.ok(LightResponse.parts(light), 'string bodies stay light');
  assert.equal(light.status, 202);
  assert.equal(light.ok, true);
  assert.deepEqual(await light.clone().json(), { x: 1 });
  assert.equal(LightResponse.parts(light), undefined, 'after clone() it is the real Response');
  assert.equal(await light.text(), '{"x":1}');
  assert.ok(Response.json({ a: 1 }) instanceof Response);
  const real = await fetch('data:text/plain,hi');
  assert.ok(real instanceof Response);
});
