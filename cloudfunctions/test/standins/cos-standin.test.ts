import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCosStore, type CosStoreOptions } from '../../src/platform/blob/cos-store';
import { startStandins, type Standins } from '../../dev/standins/start-standins';

let s: Standins;
let skewMs = 0;
before(async () => {
  s = await startStandins({ now: () => Date.now() + skewMs });
});
after(() => s.close());

const store = (over: Partial<CosStoreOptions> = {}) =>
  createCosStore({
    secretId: s.credentials.secretId,
    secretKey: s.credentials.secretKey,
    bucket: s.credentials.cosBucket,
    region: s.credentials.cosRegion,
    domain: s.cosDomain,
    protocol: 'http:',
    ...over,
  });

test('put, exists, get round trip through the real cos-nodejs-sdk-v5', async () => {
  const blobs = store();
  const key = 'evidence/ab/cd/测试 photo (1).jpg';
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01, 0x02, 0x7f, 0x80]);
  assert.equal(await blobs.exists(key), false);
  assert.equal(await blobs.get(key), null);
  await blobs.put(key, bytes, 'image/jpeg');
  assert.equal(await blobs.exists(key), true);
  assert.deepEqual(await blobs.get(key), bytes);
  assert.equal(s.cosObjects.get(key)?.contentType, 'image/jpeg');
  assert.deepEqual(s.log.filter((e) => e.service === 'cos' && e.to === key).map((e) => [e.kind, e.ok]), [
    ['HeadObject', false],
    ['GetObject', false],
    ['PutObject', true],
    ['HeadObject', true],
    ['GetObject', true],
  ]);
});

test('a wrong secret key is refused with SignatureDoesNotMatch and nothing is stored', async () => {
  const key = 'evidence/wrong-key.bin';
  await assert.rejects(store({ secretKey: 'not-the-key' }).put(key, Buffer.from('x'), 'application/octet-stream'), { code: 'SignatureDoesNotMatch', statusCode: 403 });
  await assert.rejects(store({ secretKey: 'not-the-key' }).get('evidence/ab/cd/测试 photo (1).jpg'), { code: 'SignatureDoesNotMatch' });
  assert.equal(s.cosObjects.has(key), false);
});

test('an unknown SecretId is refused with InvalidAccessKeyId', async () => {
  await assert.rejects(store({ secretId: 'AKIDnobody' }).put('evidence/x.bin', Buffer.from('x'), 'text/plain'), { code: 'InvalidAccessKeyId' });
});

test('a presigned PUT URL works with plain fetch, only for its key and content type', async () => {
  const blobs = store();
  const key = 'uploads/2026/photo.png';
  const url = await blobs.presignPut(key, 'image/png', 600);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/uploads\/2026\/photo\.png\?q-sign-algorithm=sha1&/);

  const wrongType = await fetch(url, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: Buffer.from('png?') });
  assert.equal(wrongType.status, 403);
  assert.match(await wrongType.text(), /<Code>SignatureDoesNotMatch<\/Code>/);

  const otherKey = await fetch(url.replace('photo.png', 'other.png'), { method: 'PUT', headers: { 'content-type': 'image/png' }, body: Buffer.from('x') });
  assert.equal(otherKey.status, 403);

  const ok = await fetch(url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: Buffer.from('\x89PNG bytes') });
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/);
  assert.deepEqual(await blobs.get(key), Buffer.from('\x89PNG bytes'));
  assert.equal(s.log.filter((e) => e.kind === 'PutObject' && e.to === key && e.ok).length, 1);
});

test('an expired presigned URL is refused with AccessDenied "Request has expired"', async () => {
  const url = await store().presignPut('uploads/late.png', 'image/png', 60);
  skewMs = 120_000;
  try {
    const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: Buffer.from('late') });
    assert.equal(res.status, 403);
    const xml = await res.text();
    assert.match(xml, /<Code>AccessDenied<\/Code>/);
    assert.match(xml, /Request has expired/);
  } finally {
    skewMs = 0;
  }
  assert.equal(s.cosObjects.has('uploads/late.png'), false);
});

test('an unsigned request is refused', async () => {
  const res = await fetch(`http://${s.cosDomain}/evidence/ab/cd/x.jpg`);
  assert.equal(res.status, 403);
  assert.match(await res.text(), /<Code>AccessDenied<\/Code>/);
});
