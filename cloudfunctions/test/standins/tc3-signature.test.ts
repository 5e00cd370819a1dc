import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signTc3, verifyTc3 } from '../../dev/standins/tencent/tc3-signature';

// docs/domain/platform.md §3.3: the official example request, with the signature computed from the example key.
const vector = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  timestampSec: 1551113065,
  headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com', 'x-tc-action': 'DescribeInstances' },
  body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
};

test('signing reproduces the docs/domain/platform.md §3.3 test vector', () => {
  const s = signTc3(vector);
  assert.equal(s.bodyHash, '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
  assert.equal(s.canonicalRequestHash, '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84');
  assert.equal(s.signature, '644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26');
  assert.equal(
    s.authorization,
    'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26',
  );
  // The canonical request has the empty line after the headers and lowercased header values.
  assert.match(s.canonicalRequest, /\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n/);
});

const request = (over: { body?: string; headers?: Record<string, string> } = {}) => ({
  method: 'POST',
  path: '/',
  query: '',
  headers: {
    ...vector.headers,
    'x-tc-timestamp': String(vector.timestampSec),
    authorization: signTc3(vector).authorization,
    ...over.headers,
  },
  body: Buffer.from(over.body ?? vector.body),
});
const keys = (id: string) => (id === vector.secretId ? vector.secretKey : undefined);

test('verify accepts the test-vector request at its own timestamp', () => {
  const r = verifyTc3(request(), keys, vector.timestampSec + 10);
  assert.deepEqual(r, { ok: true, secretId: vector.secretId, service: 'cvm', timestampSec: vector.timestampSec });
});

test('verify uses the real Host header, with or without its port', () => {
  assert.equal(verifyTc3(request({ headers: { host: 'cvm.tencentcloudapi.com:443' } }), keys, vector.timestampSec).ok, true);
  assert.equal(verifyTc3(request({ headers: { host: 'evil.example.com' } }), keys, vector.timestampSec).ok, false);
});

test('verify rejects a tampered body, a wrong key, an unknown id, a stale timestamp and garbage', () => {
  const code = (r: ReturnType<typeof verifyTc3>) => (r.ok ? 'ok' : r.code);
  assert.equal(code(verifyTc3(request({ body: vector.body.replace('1', '2') }), keys, vector.timestampSec)), 'AuthFailure.SignatureFailure');
  assert.equal(code(verifyTc3(request(), () => 'another-key', vector.timestampSec)), 'AuthFailure.SignatureFailure');
  assert.equal(code(verifyTc3(request(), () => undefined, vector.timestampSec)), 'AuthFailure.SecretIdNotFound');
  assert.equal(code(verifyTc3(request(), keys, vector.timestampSec + 301)), 'AuthFailure.SignatureExpire');
  assert.equal(code(verifyTc3(request(), keys, vector.timestampSec - 301)), 'AuthFailure.SignatureExpire');
  assert.equal(code(verifyTc3(request({ headers: { 'x-tc-action': 'RunInstances' } }), keys, vector.timestampSec)), 'AuthFailure.SignatureFailure');
  assert.equal(code(verifyTc3(request({ headers: { authorization: 'Bearer x' } }), keys, vector.timestampSec)), 'AuthFailure.InvalidAuthorization');
});
