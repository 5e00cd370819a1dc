import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../dev/paths';
import { BUNDLE_PATHS, FUNCTIONS, buildFunctions } from '../../../scripts/build-functions';
import { functionUrlHealth, legacyApigwHealth, scfContext, timer } from '../fixtures/scf-events';
import { startFerretDb } from '../../dev/db/ferretdb-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const dist = path.join(repoRoot, 'cloudfunctions', 'dist');
const yml = (p: string) => parse(readFileSync(path.join(repoRoot, p), 'utf8'));

let uri = process.env.MONGODB_URI ?? '';
let stopDb = async () => {};
before(async () => {
  if (!existsSync(path.join(dist, BUNDLE_PATHS.api))) await buildFunctions();
  if (!uri) {
    const db = await startFerretDb(mkdtempSync(path.join(tmpdir(), 'cl-bundle-')), { unref: true });
    uri = db.uri;
    stopDb = db.stop;
  }
});
after(() => stopDb());

/**
 * Runs one bundle's main_handler in a fresh Node process, as SCF would, in production mode — from a copy
 * outside the repository, so a module the bundle forgot to include fails here as it would on SCF.
 */
function invoke(built: string, event: unknown, env: Record<string, string> = {}) {
  const alone = mkdtempSync(path.join(tmpdir(), 'cl-fn-'));
  cpSync(path.dirname(built), alone, { recursive: true }); // what serverless.yml uploads: the bundle's folder
  const bundle = path.join(alone, path.basename(built));
  const script = `require(${JSON.stringify(bundle)}).main_handler(${JSON.stringify(event)}, ${JSON.stringify(scfContext)}).then(r => process.stdout.write(JSON.stringify(r)), e => process.stdout.write(JSON.stringify({ thrown: e.message }))).finally(() => process.exit(0))`; // SCF freezes the instance; we end it
  const r = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? '',
      MONGODB_URI: uri,
      MONGODB_DB: env.MONGODB_DB ?? `bundle_${randomBytes(4).toString('hex')}`,
      JWT_SECRET: 'prod-like-secret-0123456789abcdef',
      CODE_SECRET: 'prod-like-code-secret-0123456789',
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'secret',
      TENCENTCLOUD_SECRET_ID: 'AKIDprod',
      TENCENTCLOUD_SECRET_KEY: 'key',
      CHECKIN_IDCARD_KEY: '5f1e3c0a9b7d4e2f8a6c1b3d5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f',
      CITYLOOP_LOG: process.env.BUNDLE_LOG ?? 'silent',
      ...env,
    },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('serverless descriptors name exactly the built bundles, with handlers that exist', () => {
  const timers = yml('serverless.yml');
  const api = yml('deploy/api/serverless.yml');
  const ingest = yml('deploy/ingest/serverless.yml');
  const trades = yml('deploy/trades/serverless.yml');
  const deployed: Record<string, string> = {};
  assert.equal(timers.component, 'multi-scf');
  assert.equal(timers.inputs.runtime, 'Nodejs18.15');
  for (const [key, fn] of Object.entries<{ handler: string }>(timers.inputs.functions)) {
    const [file, exported] = fn.handler.split('.');
    deployed[key] = path.relative(dist, path.join(repoRoot, timers.inputs.src.src, `${file}.js`));
    assert.equal(exported, 'main_handler');
  }
  for (const [name, doc, dir] of [['api', api, 'deploy/api'], ['trades', trades, 'deploy/trades'], ['ingest', ingest, 'deploy/ingest']] as const) {
    assert.equal(doc.component, 'scf');
    assert.equal(doc.inputs.runtime, 'Nodejs18.15');
    const [file, exported] = doc.inputs.handler.split('.');
    assert.equal(exported, 'main_handler');
    deployed[name] = path.relative(dist, path.join(repoRoot, dir, doc.inputs.src.src, `${file}.js`));
    const http = doc.inputs.events.find((e: Record<string, unknown>) => 'http' in e);
    assert.ok(http, `${name} has a Function URL (http event)`);
    assert.ok(!doc.inputs.events.some((e: Record<string, unknown>) => 'apigw' in e), 'API Gateway triggers were retired');
  }
  assert.deepEqual(Object.keys(deployed).sort(), [...FUNCTIONS].sort());
  for (const fn of FUNCTIONS) {
    assert.equal(deployed[fn], BUNDLE_PATHS[fn], `${fn} is deployed from the bundle we build`);
    assert.ok(existsSync(path.join(dist, BUNDLE_PATHS[fn])), `${fn} bundle exists`);
  }
  // timer triggers: 7-field cron, pointing at deployed functions, naming a job
  for (const t of timers.inputs.triggers) {
    assert.equal(t.type, 'timer');
    assert.ok(t.function in timers.inputs.functions);
    assert.equal(t.parameters.cronExpression.split(' ').length, 7, t.parameters.cronExpression);
  }
});

test('the api bundle answers a recorded Function URL event and the legacy API Gateway shape', () => {
  const bundle = path.join(dist, BUNDLE_PATHS.api);
  for (const event of [functionUrlHealth, legacyApigwHealth]) {
    const r = invoke(bundle, event);
    assert.equal(r.statusCode, 200, JSON.stringify(r));
    const body = JSON.parse(r.body);
    assert.equal(body.ok, true);
    assert.equal(body.data.status, 'ok');
  }
});

test('the trades bundle answers a Function URL event', () => {
  const r = invoke(path.join(dist, BUNDLE_PATHS.trades), functionUrlHealth);
  assert.equal(r.statusCode, 200, JSON.stringify(r));
});

test('the ingest bundle answers a Function URL event', () => {
  const r = invoke(path.join(dist, BUNDLE_PATHS.ingest), functionUrlHealth);
  assert.equal(r.statusCode, 200, JSON.stringify(r));
});

test('timer bundles run their job from a recorded timer event', () => {
  const n = invoke(path.join(dist, BUNDLE_PATHS.notify), timer('notify'));
  assert.deepEqual(Object.keys(n).sort(), ['collected', 'failed', 'retried', 'sent']);
  const s = invoke(path.join(dist, BUNDLE_PATHS.scheduler), timer('housekeeping'));
  assert.equal(s.job, 'housekeeping');
  const tick = invoke(path.join(dist, BUNDLE_PATHS.scheduler), timer('tick'));
  assert.ok(Array.isArray(tick.due) && tick.due.includes('housekeeping'), JSON.stringify(tick)); // 02:00Z is a multiple of 10 minutes
  assert.deepEqual(tick.failed, []);
  const bad = invoke(path.join(dist, BUNDLE_PATHS.scheduler), timer('no-such-job'));
  assert.match(bad.thrown, /unknown job "no-such-job"/);
});

test('persona login is compiled out of production and cannot be switched on', () => {
  const bundle = path.join(dist, BUNDLE_PATHS.api);
  assert.ok(!readFileSync(bundle, 'utf8').includes('dev-login'), 'no dev-login route in the production bundle');
  const r = invoke(bundle, { ...functionUrlHealth, httpMethod: 'POST', path: '/api/auth/dev-login', body: '{"persona":"admin"}' }, { CITYLOOP_DEV_LOGIN: '1' });
  assert.equal(r.statusCode, 404);
  const cfg = invoke(bundle, { ...functionUrlHealth, path: '/api/config' }, { CITYLOOP_DEV_LOGIN: '1' });
  assert.equal(JSON.parse(cfg.body).data.devLogin, false);
});

test('production refuses to start without its secrets', () => {
  const r = invoke(path.join(dist, BUNDLE_PATHS.api), functionUrlHealth, { JWT_SECRET: '' });
  assert.match(r.thrown, /JWT_SECRET/);
});

test('the api bundle renders a PDF report from its own folder (pdfkit data files shipped beside it)', async () => {
  const dbName = `bundle_pdf_${randomBytes(4).toString('hex')}`;
  const client = new MongoClient(uri);
  const db = client.db(dbName);
  const scope = { cityId: 'dongguan', townId: 'nancheng', projectId: 'pj_bundle' };
  await db.collection('users').insertOne({ _id: 'u_owner' as never, name: 'o', roles: [{ role: 'owner', cityId: 'dongguan', projectIds: ['pj_bundle'] }], createdAt: new Date(), version: 1 });
  await db.collection('pit_projects').insertOne({ _id: 'pj_bundle' as never, name: '打包测试基坑', safetyLevel: 1, depthM: 10, scope, parties: {}, config: { levels: { yellow: 0.7, orange: 0.85, red: 1 } } });
  // a report is made from the project's first day with accepted data on
  await db.collection('pit_uploads').insertOne({ _id: 'pj_bundle:first' as never, projectId: 'pj_bundle', seq: 1, status: 'accepted', observedAt: new Date('2026-11-19T02:00:00Z'), results: [], scope });
  await client.close();
  const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u_owner').setIssuer('cityloop').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode('prod-like-secret-0123456789abcdef'));
  const r = invoke(path.join(dist, BUNDLE_PATHS.api), { ...functionUrlHealth, path: '/api/pit/projects/pj_bundle/daily-report', queryString: { date: '2026-11-20' }, headers: { ...functionUrlHealth.headers, authorization: `Bearer ${token}` } }, { MONGODB_DB: dbName });
  assert.equal(r.statusCode, 200, r.body?.slice?.(0, 300));
  assert.equal(r.isBase64Encoded, true);
  assert.equal(Buffer.from(r.body, 'base64').subarray(0, 5).toString(), '%PDF-');
});
