/**
 * Issue 13 §9, cold start: each function file stays within its budget and carries only what a cold start needs; what
 * a rare path needs (SDK clients, PDF, QR, spreadsheets) ships beside it and is loaded on first use — and works from
 * the uploaded folder alone. The timing itself is measured by `npm run bench` (cold_start), not here.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { MongoClient } from 'mongodb';
import { repoRoot } from '../../dev/paths';
import { BUNDLE_BUDGET_BYTES, BUNDLE_PATHS, FUNCTIONS, buildFunctions } from '../../../scripts/build-functions';
import { LAZY_PACKAGES } from '../../../scripts/functions/lazy-packages';
import { startFerretDb } from '../../dev/db/ferretdb-server';
import { startStandins, type Standins } from '../../dev/standins/start-standins';
import { functionUrlHealth } from '../fixtures/scf-events';
import { copyBundleFolder, filesLoadedByRequire, invokeBundle } from '../helpers/invoke-bundle';

const dist = path.join(repoRoot, 'cloudfunctions', 'dist');
const JWT_SECRET = 'prod-like-secret-0123456789abcdef';

let uri = process.env.MONGODB_URI ?? '';
let stopDb = async () => {};
let standins: Standins;
before(async () => {
  if (!existsSync(path.join(dist, BUNDLE_PATHS.api))) await buildFunctions();
  if (!uri) {
    const db = await startFerretDb(mkdtempSync(path.join(tmpdir(), 'cl-size-')), { unref: true });
    uri = db.uri;
    stopDb = db.stop;
  }
  standins = await startStandins({ secretId: 'AKIDbundle0123456789abcdef', secretKey: 'bundle-key-0123456789abcdef0123' });
});
after(async () => {
  await standins?.close();
  await stopDb();
});

/** The packages (or our own code) taking the most bytes of a bundle, from its esbuild metafile. */
function topInputs(fn: string): string {
  const meta = JSON.parse(readFileSync(path.join(dist, `${fn}.meta.json`), 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const by = new Map<string, number>();
  for (const out of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      const key = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 3).join('/');
      by.set(key, (by.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${Math.round(v / 1024)} KB`).join(', ');
}

test('each function file is within its budget (1 MB)', () => {
  for (const fn of FUNCTIONS) {
    const bytes = statSync(path.join(dist, BUNDLE_PATHS[fn])).size;
    assert.ok(bytes <= BUNDLE_BUDGET_BYTES, `${fn}: ${Math.round(bytes / 1024)} KB > ${BUNDLE_BUDGET_BYTES / 1024} KB; largest inputs: ${topInputs(fn)}`);
  }
});

test('loading a function file loads none of the packages shipped beside it', async () => {
  for (const fn of FUNCTIONS) {
    const bundle = copyBundleFolder(path.join(dist, BUNDLE_PATHS[fn]));
    assert.ok(existsSync(path.join(path.dirname(bundle), 'node_modules')), `${fn} ships its lazily loaded packages`);
    assert.deepEqual(await filesLoadedByRequire(bundle), [], `${fn} parses shipped packages at cold start`);
  }
});

test('every shipped package loads from the uploaded folder alone', async () => {
  const folder = path.dirname(copyBundleFolder(path.join(dist, BUNDLE_PATHS.api)));
  for (const spec of Object.keys(LAZY_PACKAGES)) {
    const script = `const m = require(${JSON.stringify(spec)}); process.stdout.write(typeof (m.default ?? m))`;
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['-e', script], { cwd: folder, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    assert.match(out, /^(function|object)$/, spec);
    // our code loads them with import(): Node must reach the same file that way (no ESM-only exports map)
    const viaImport = execFileSync(process.execPath, ['--input-type=commonjs', '-e', `import(${JSON.stringify(spec)}).then((m) => process.stdout.write(typeof m.default))`], { cwd: folder, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    assert.match(viaImport, /^(function|object)$/, `import(${spec})`);
    // resolved inside the folder, not from the repository
    const where = execFileSync(process.execPath, ['-p', `require.resolve(${JSON.stringify(spec)})`], { cwd: folder, encoding: 'utf8' }).trim();
    assert.ok(where.startsWith(folder), `${spec} resolved to ${where}`);
  }
});

const prodEnv = (dbName: string): Record<string, string> => ({
  MONGODB_URI: uri,
  MONGODB_DB: dbName,
  JWT_SECRET,
  CODE_SECRET: 'prod-like-code-secret-0123456789',
  WECHAT_APPID: 'wx1234567890abcdef',
  WECHAT_SECRET: 'secret',
  TENCENTCLOUD_SECRET_ID: standins.credentials.secretId,
  TENCENTCLOUD_SECRET_KEY: standins.credentials.secretKey,
  CHECKIN_IDCARD_KEY: '5f1e3c0a9b7d4e2f8a6c1b3d5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f',
  TENCENTCLOUD_SMS_ENDPOINT: standins.tencentEndpoint,
  TENCENTCLOUD_SMS_PROTOCOL: 'http://',
  SMS_SDK_APP_ID: standins.credentials.smsSdkAppId,
  SMS_SIGN_NAME: standins.credentials.smsSignName,
  BLOB_DRIVER: 'cos',
  COS_BUCKET: standins.credentials.cosBucket,
  COS_REGION: standins.credentials.cosRegion,
  COS_DOMAIN: standins.cosDomain,
  COS_PROTOCOL: 'http:',
  CITYLOOP_LOG: 'silent',
});

test('the api bundle sends an SMS through the SMS client shipped beside it (on first use)', async () => {
  const bundle = copyBundleFolder(path.join(dist, BUNDLE_PATHS.api));
  const phone = `139${String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, '0')}`;
  const r = await invokeBundle(bundle, { ...functionUrlHealth, httpMethod: 'POST', path: '/api/auth/sms-code', headers: { ...functionUrlHealth.headers, 'content-type': 'application/json' }, body: JSON.stringify({ phone, purpose: 'login' }) }, prodEnv(`size_sms_${randomBytes(4).toString('hex')}`));
  assert.equal(r.statusCode, 200, JSON.stringify(r));
  const sent = standins.log.filter((e) => e.service === 'sms' && e.kind === 'SendSms' && e.to === `+86${phone}`);
  assert.equal(sent.length, 1, JSON.stringify(standins.log.slice(-3)));
  assert.equal(sent[0].ok, true);
});

test('the api bundle stores evidence on COS through the SDK shipped beside it (presign, upload, complete)', async () => {
  const dbName = `size_cos_${randomBytes(4).toString('hex')}`;
  const client = new MongoClient(uri);
  await client.db(dbName).collection('users').insertOne({ _id: 'u_cos' as never, name: '上传者', roles: [], createdAt: new Date(), version: 1 });
  await client.close();
  const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u_cos').setIssuer('cityloop').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(JWT_SECRET));
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
  const sha256 = createHash('sha256').update(jpeg).digest('hex');
  const bundle = copyBundleFolder(path.join(dist, BUNDLE_PATHS.api));
  const post = (p: string, body: unknown) => invokeBundle(bundle, { ...functionUrlHealth, httpMethod: 'POST', path: p, headers: { ...functionUrlHealth.headers, 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }, prodEnv(dbName));

  const start = await post('/api/uploads', { sha256, size: jpeg.length, contentType: 'image/jpeg', purpose: 'photo' });
  assert.equal(start.statusCode, 200, JSON.stringify(start));
  const { uploadUrl } = JSON.parse(start.body).data;
  assert.ok(uploadUrl.startsWith(`http://${standins.cosDomain}/`), uploadUrl);
  const put = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: jpeg });
  assert.equal(put.status, 200);
  const done = await post('/api/uploads/complete', { sha256, purpose: 'photo' });
  assert.equal(done.statusCode, 201, done.body);
  assert.equal(JSON.parse(done.body).data.contentType, 'image/jpeg');
  assert.ok([...standins.cosObjects.keys()].some((k) => k.includes(sha256)), 'the blob is on the COS stand-in');
});
