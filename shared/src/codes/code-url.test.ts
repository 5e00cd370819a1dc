import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeTokenFrom, splitToken } from './code-url';

const token = 'fc_0k3m9x2a7fq4hw2n.AbCdEfGhIjKlMn-_';

test('extracts the token from a scanned URL, an encoded q option and a bare token', () => {
  assert.equal(codeTokenFrom(`https://code.example.cn/c/${token}`), token);
  assert.equal(codeTokenFrom(encodeURIComponent(`https://code.example.cn/c/${token}?from=qr`)), token);
  assert.equal(codeTokenFrom(token), token);
});

test('rejects things that are not codes', () => {
  for (const bad of ['', 'https://evil.example/x', 'fc_short.AbCd', `${token}x`, 'https%3A%2F%2F%E0%A4%A']) assert.equal(codeTokenFrom(bad), null, bad);
});

test('splits id, signature and kind prefix', () => {
  assert.deepEqual(splitToken(token), { id: 'fc_0k3m9x2a7fq4hw2n', sig: 'AbCdEfGhIjKlMn-_', prefix: 'fc' });
});
