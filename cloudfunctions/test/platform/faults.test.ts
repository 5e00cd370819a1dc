import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { loadConfig } from '../../src/platform/config';
import { buildDeps } from '../../src/platform/build-deps';
import { createApiApp } from '../../src/apps/api-app';
import { handleHttpEvent } from '../../src/platform/http/scf-handler';
import { issueToken } from '../../src/platform/auth/jwt';
import { IDEMPOTENCY } from '../../src/platform/http/idempotency';
import { superviseFerretDb } from '../../dev/db/ferretdb-watchdog';
import { freePort } from '../../dev/db/ferretdb-server';

// Issue 13 §2/§4. Before: with the database gone each request waited 5 s and answered 500 internal_error and
// /api/health 500; an accept that answered 500 but was applied gave `stale_version` on retry; the launcher never
// restarted a killed FerretDB; no request could be safely retried.

let sys: TestSystem;
let city: CityFixture;
before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
});
after(() => sys.close());

const post = (p: string, token: string, body: unknown, key?: string) => fetch(sys.url + p, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }, body: JSON.stringify(body) });

test('a retried report with the same Idempotency-Key answers the first result and files nothing twice', async () => {
  const pic = await photo(sys, city.citizen.token, 'idem');
  const body = { location: { lng: 113.745, lat: 23.005 }, kind: 'event', classCode: '0104', description: '重复提交测试：路面油污', photos: [pic] };
  const first = await post('/api/cases', city.citizen.token, body, 'report-key-0001');
  assert.equal(first.status, 201);
  const a = (await first.json()) as { data: { id: string } };
  const again = await post('/api/cases', city.citizen.token, body, 'report-key-0001');
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replay'), 'true');
  assert.equal(((await again.json()) as { data: { id: string } }).data.id, a.data.id);
  assert.equal(await sys.db.collection('cases').countDocuments({ description: body.description }), 1);
  // the same key on another request is refused; another person's same key is theirs
  const other = await post('/api/cases', city.citizen.token, { ...body, description: '另一个问题：井盖丢失' }, 'report-key-0001');
  assert.equal(other.status, 422);
  const bad = await post('/api/cases', city.citizen.token, body, 'x');
  assert.equal(bad.status, 400);
});

test('ten concurrent retries of one key: exactly one report filed, the rest replay it or wait', async () => {
  const pic = await photo(sys, city.citizen2.token, 'idem2');
  const body = { location: { lng: 113.745, lat: 23.005 }, kind: 'event', classCode: '0104', description: '并发重试：路边堆放杂物', photos: [pic] };
  const all = await Promise.all(Array.from({ length: 10 }, () => post('/api/cases', city.citizen2.token, body, 'burst-key-000001')));
  const statuses = all.map((r) => r.status);
  assert.ok(statuses.every((s) => s === 201 || s === 409), statuses.join(','));
  assert.equal(await sys.db.collection('cases').countDocuments({ description: body.description }), 1);
});

test('a command applied but never answered: the retry with the same key answers the result, not stale_version', async () => {
  const pic = await photo(sys, city.citizen.token, 'idem3');
  const created = await post('/api/cases', city.citizen.token, { location: { lng: 113.745, lat: 23.005 }, kind: 'event', classCode: '0104', description: '应答丢失测试：道路积水', photos: [pic] });
  const id = ((await created.json()) as { data: { id: string } }).data.id;
  const v = (await sys.call('GET', `/api/cases/${id}`, { token: city.chiefA.token })).json.data.version;
  const accept = await post(`/api/cases/${id}/actions`, city.chiefA.token, { action: 'accept', version: v }, 'accept-key-00001');
  assert.equal(accept.status, 200);
  // the function died after the write, before its answer was kept
  await sys.db.collection(IDEMPOTENCY).deleteMany({});
  const retry = await post(`/api/cases/${id}/actions`, city.chiefA.token, { action: 'accept', version: v }, 'accept-key-00001');
  const j = (await retry.json()) as { data: { state: string }; error?: string };
  assert.equal(retry.status, 200, JSON.stringify(j));
  assert.equal(j.data.state, 'accepted');
  const doc = await sys.db.collection('cases').findOne({ _id: id as never });
  assert.equal(doc?.history.filter((e: { action: string }) => e.action === 'case.accept').length, 1, 'applied once');
  // without the key the same stale request is still a clear 409
  const plain = await post(`/api/cases/${id}/actions`, city.chiefA.token, { action: 'accept', version: v });
  assert.equal(plain.status, 409);
});

test('database down: /api/health and every request answer 503 in Chinese as soon as server selection gives up (0.8 s), not a 5 s 500', async () => {
  const port = await freePort(); // nothing listens there
  const config = loadConfig({ ...process.env, ...{ MONGODB_URI: `mongodb://127.0.0.1:${port}/`, MONGODB_DB: 'down', CITYLOOP_ENV: 'test', MONGODB_MAX_POOL: '1' } });
  const app = createApiApp(buildDeps(config));
  const event = (p: string, headers: Record<string, string> = {}) => ({ httpMethod: 'GET', path: p, headers: { host: 'x', ...headers }, queryString: {}, body: '' });
  for (const [p, headers] of [['/api/health', {}], ['/api/me', { authorization: `Bearer ${await issueToken(config.jwtSecret, 'u_someone', 3600)}` }]] as const) {
    const t0 = Date.now();
    const r = await handleHttpEvent(app, event(p, headers));
    const ms = Date.now() - t0;
    assert.equal(r.statusCode, 503, r.body);
    assert.ok(ms < 2500, `${p} answered in ${ms} ms`); // the 0.8 s selection timeout plus a loaded machine's slack
    const body = JSON.parse(r.body);
    assert.equal(body.error, 'database_unavailable');
    assert.match(body.message, /数据库/);
    assert.equal(r.headers['retry-after'], '5');
  }
});

test('the launcher restarts a killed FerretDB on the same port (the URI stays valid), and gives up loudly on a crash loop', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cityloop-watchdog-'));
  const lines: string[] = [];
  let gaveUp = '';
  const db = await superviseFerretDb(path.join(dir, 'fdb'), { log: (l) => lines.push(l), maxRestarts: 1, windowMs: 60_000, onGiveUp: (why) => { gaveUp = why; } });
  const client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 1000 });
  try {
    await client.db('w').collection('x').insertOne({ _id: 'kept' as never });
    process.kill(db.pid!, 'SIGKILL');
    const deadline = Date.now() + 20_000;
    let back = false;
    while (!back && Date.now() < deadline) {
      back = await client.db('w').collection('x').findOne({ _id: 'kept' as never }).then((d) => !!d, () => false);
      if (!back) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(back, `FerretDB came back with the acknowledged write; log: ${lines.join(' | ')}`);
    assert.equal(db.restarts(), 1);
    assert.ok(lines.some((l) => l.includes('正在重启')));
    // a second death within the window is one too many: told, not restarted forever
    process.kill(db.pid!, 'SIGKILL');
    const until = Date.now() + 10_000;
    while (!gaveUp && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.match(gaveUp, /退出了 2 次，系统停止/);
  } finally {
    await client.close();
    await db.stop();
  }
});
