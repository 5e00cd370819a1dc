import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { signCodeUrl } from '../../src/platform/codes/signed-code';

let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('fake jpeg body for the test')]);

async function upload(token: string, data: Buffer, contentType: string, purpose = 'photo') {
  const start = await sys.call('POST', '/api/uploads', { token, body: { sha256: sha(data), size: data.length, contentType, purpose } });
  if (start.status !== 200) return { start };
  const put = start.json.data.uploadUrl ? await fetch(start.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(data) }) : null;
  const complete = await sys.call('POST', '/api/uploads/complete', { token, body: { sha256: sha(data), purpose } });
  return { start, put, complete };
}

test('a photo goes straight to storage with a signed URL, is verified and recorded once', async () => {
  const u = await sys.user('巡查员');
  const r = await upload(u.token, jpeg, 'image/jpeg');
  assert.equal(r.put?.status, 200);
  assert.equal(r.complete?.status, 201);
  assert.equal(r.complete?.json.data.contentType, 'image/jpeg');
  const again = await sys.call('POST', '/api/uploads', { token: u.token, body: { sha256: sha(jpeg), size: jpeg.length, contentType: 'image/jpeg', purpose: 'photo' } });
  assert.equal(again.json.data.alreadyStored, true, 'content-addressed: the same file twice is one blob');
  assert.equal(await sys.db.collection('blobs').countDocuments(), 1);
  assert.equal(await sys.db.collection('audit_log').countDocuments({ action: 'evidence.upload' }), 1);
  const mine = await fetch(`${sys.url}/api/blobs/${sha(jpeg)}`, { headers: { authorization: `Bearer ${u.token}` } });
  assert.equal(mine.status, 200);
  assert.equal(mine.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual(Buffer.from(await mine.arrayBuffer()), jpeg);
  const stranger = await sys.user('路人');
  assert.equal((await fetch(`${sys.url}/api/blobs/${sha(jpeg)}`, { headers: { authorization: `Bearer ${stranger.token}` } })).status, 404, 'another citizen cannot fetch someone’s evidence');
});

test('not an image, over 10 MB, a tampered upload URL or wrong bytes → clear errors, nothing recorded', async () => {
  const u = await sys.user('市民');
  const before = await sys.db.collection('blobs').countDocuments();
  const text = Buffer.from('this is not a picture');
  const notImage = await upload(u.token, text, 'image/jpeg');
  assert.equal(notImage.complete?.status, 400);
  assert.equal(notImage.complete?.json.error, 'unsupported_type');

  const big = await sys.call('POST', '/api/uploads', { token: u.token, body: { sha256: 'a'.repeat(64), size: 10 * 1024 * 1024 + 1, contentType: 'image/jpeg', purpose: 'photo' } });
  assert.equal(big.status, 413);
  assert.equal(big.json.error, 'file_too_large');

  const gif = await sys.call('POST', '/api/uploads', { token: u.token, body: { sha256: 'b'.repeat(64), size: 100, contentType: 'image/gif', purpose: 'photo' } });
  assert.equal(gif.status, 400);

  const other = Buffer.concat([jpeg, Buffer.from('x')]);
  const start = await sys.call('POST', '/api/uploads', { token: u.token, body: { sha256: sha(other), size: other.length, contentType: 'image/jpeg', purpose: 'photo' } });
  const forgedSig = start.json.data.uploadUrl.replace(/sig=[0-9a-f]{4}/, 'sig=0000');
  assert.equal((await fetch(forgedSig, { method: 'PUT', body: new Uint8Array(other) })).status, 403);
  const wrongBytes = await fetch(start.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(jpeg) });
  assert.equal(wrongBytes.status, 400, 'the bytes must hash to the key');
  const incomplete = await sys.call('POST', '/api/uploads/complete', { token: u.token, body: { sha256: sha(other), purpose: 'photo' } });
  assert.equal(incomplete.json.error, 'upload_missing');
  assert.equal(await sys.db.collection('blobs').countDocuments(), before);
});

test('uploads need a signed-in user', async () => {
  const r = await sys.call('POST', '/api/uploads', { body: { sha256: sha(jpeg), size: 1, contentType: 'image/jpeg', purpose: 'photo' } });
  assert.equal(r.status, 401);
});

test('a signed code resolves; a forged code or one changed character is refused clearly', async () => {
  await sys.db.collection('facilities').insertOne({ _id: 'fc_test0000000001' as never, componentId: '4419000101999999', classCode: '0101', name: '测试井盖', location: { lng: 113.7, lat: 23 }, scope: { cityId: 'dongguan', public: true }, createdAt: new Date(), version: 1 });
  const url = signCodeUrl(sys.deps.config.codeSecret, 'https://code.example.cn', 'fc_test0000000001');
  const token = url.split('/c/')[1];
  const ok = await sys.call('GET', `/api/codes/${encodeURIComponent(token)}`);
  assert.equal(ok.status, 200);
  assert.equal(ok.json.data.title, '测试井盖');

  const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  const idChanged = token.replace('fc_test0000000001', 'fc_test0000000002');
  const otherKey = signCodeUrl('someone-elses-secret', 'https://code.example.cn', 'fc_test0000000001').split('/c/')[1];
  for (const bad of [flipped, idChanged, otherKey]) {
    const r = await sys.call('GET', `/api/codes/${encodeURIComponent(bad)}`);
    assert.equal(r.status, 400, bad);
    assert.equal(r.json.error, 'code_forged');
    assert.match(r.json.message, /二维码校验失败/);
  }
  const junk = await sys.call('GET', '/api/codes/not-a-code');
  assert.equal(junk.json.error, 'code_unrecognised');
  const gone = signCodeUrl(sys.deps.config.codeSecret, 'https://x', 'fc_test0000000009').split('/c/')[1];
  assert.equal((await sys.call('GET', `/api/codes/${gone}`)).status, 404);
});

test('WeChat login: the server gets the openid from WeChat, never from the client; codes are single-use', async () => {
  const r1 = await sys.call('POST', '/api/auth/wx-login', { body: { code: 'wanglaoshi.c1', openid: 'o-client-claims-this' } });
  assert.equal(r1.status, 200);
  const r2 = await sys.call('POST', '/api/auth/wx-login', { body: { code: 'wanglaoshi.c2' } });
  assert.equal(r2.json.data.user.id, r1.json.data.user.id, 'same WeChat user → same account');
  const stored = await sys.db.collection('users').findOne({ _id: r1.json.data.user.id });
  assert.equal(stored?.openid, sys.standins.wechat.openidFor('wanglaoshi'));
  assert.notEqual(stored?.openid, 'o-client-claims-this');
  const reused = await sys.call('POST', '/api/auth/wx-login', { body: { code: 'wanglaoshi.c1' } });
  assert.equal(reused.status, 400);
  assert.equal(reused.json.error, 'wx_login_failed');
  const me = await sys.call('GET', '/api/me', { token: r1.json.data.token });
  assert.equal(me.json.data.id, r1.json.data.user.id);
});

test('persona login is off unless enabled', async () => {
  const off = await startTestSystem({ env: { CITYLOOP_DEV_LOGIN: '0' } });
  try {
    const r = await off.call('POST', '/api/auth/dev-login', { body: { persona: 'admin' } });
    assert.equal(r.status, 404);
    assert.equal((await off.call('GET', '/api/config')).json.data.devLogin, false);
  } finally {
    await off.close();
  }
});
