import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  extractCodeToken,
  readScanOptions,
  resolveLink,
  routeScanResult,
  scanPageUrl,
} from './links';

test('extractCodeToken: accepts our code links', () => {
  const cases: [string, string | null][] = [
    ['https://cityloop.example.cn/c/AbC123.sig-_~', 'AbC123.sig-_~'],
    ['https://cityloop.example.cn/c/tok/', 'tok'],
    ['https://cityloop.example.cn/c/tok?x=1#frag', 'tok'],
    ['http://127.0.0.1:8080/c/tok', 'tok'],
    ['https://h.cn/qr/c/tok', 'tok'],
    ['HTTPS://H.CN/c/tok', 'tok'],
    ['  https://h.cn/c/tok  ', 'tok'],
    ['/c/tok', 'tok'],
    ['https://h.cn/c/a%2Eb', 'a.b'],
  ];
  for (const [link, token] of cases) assert.equal(extractCodeToken(link), token, link);
});

test('extractCodeToken: rejects everything else', () => {
  const cases = [
    '',
    null,
    undefined,
    'hello',
    'https://h.cn/',
    'https://h.cn/c/',
    'https://h.cn/c/tok/extra',
    'https://h.cn/x/tok',
    'https://h.cn/c/to k',
    'https://h.cn/c/%E4%B8%AD',
    'https://h.cn/c/%zz',
    'ftp://h.cn/c/tok',
    'javascript:alert(1)//c/tok',
    'https://h.cn/c/..',
    `https://h.cn/c/${'a'.repeat(257)}`,
  ];
  for (const link of cases) assert.equal(extractCodeToken(link), null, String(link));
});

test('readScanOptions: q is the link URL-encoded once (WeChat plain-link QR)', () => {
  const link = 'https://cityloop.example.cn/c/S1.abc';
  assert.deepEqual(readScanOptions({ q: encodeURIComponent(link), scancode_time: '1700000000' }), {
    token: 'S1.abc',
    link,
  });
});

test('readScanOptions: tolerates a q that was already decoded', () => {
  const link = 'https://cityloop.example.cn/c/S1.abc';
  assert.deepEqual(readScanOptions({ q: link }), { token: 'S1.abc', link });
});

test('readScanOptions: a q that is not a code link keeps the link, no token', () => {
  const link = 'https://example.com/other';
  assert.deepEqual(readScanOptions({ q: encodeURIComponent(link) }), { token: null, link });
});

test('readScanOptions: c and scene carry the token directly', () => {
  assert.deepEqual(readScanOptions({ c: 'tok1' }), { token: 'tok1', link: null });
  assert.deepEqual(readScanOptions({ scene: encodeURIComponent('tok.2') }), { token: 'tok.2', link: null });
  assert.deepEqual(readScanOptions({ c: 'bad token' }), { token: null, link: null });
  assert.deepEqual(readScanOptions({}), { token: null, link: null });
  assert.deepEqual(readScanOptions(undefined), { token: null, link: null });
});

test('scanPageUrl round-trips through readScanOptions', () => {
  const link = 'https://cityloop.example.cn/c/S1.abc?v=2';
  const url = scanPageUrl(link);
  assert.equal(url, `/pages/scan/index?q=${encodeURIComponent(link)}`);
  const q = url.split('?q=')[1];
  assert.deepEqual(readScanOptions({ q }), { token: 'S1.abc', link });
});

test('routeScanResult', () => {
  const link = 'https://cityloop.example.cn/c/S1.abc';
  assert.deepEqual(routeScanResult({ result: link }), { type: 'page', url: scanPageUrl(link) });
  assert.deepEqual(routeScanResult({ result: '', path: 'pages/scan/index?c=x' }), {
    type: 'page',
    url: '/pages/scan/index?c=x',
  });
  assert.equal(routeScanResult({ result: '6901234567890' }).type, 'unknown');
  assert.equal(routeScanResult({ result: 'https://example.com/' }).type, 'unknown');
});

test('resolveLink', () => {
  assert.deepEqual(resolveLink(undefined), { type: 'none' });
  assert.deepEqual(resolveLink('/pages/inbox/index'), { type: 'page', url: '/pages/inbox/index' });
  assert.deepEqual(resolveLink('packages/patrol/pages/task/index?id=1'), {
    type: 'page',
    url: '/packages/patrol/pages/task/index?id=1',
  });
  const code = 'https://cityloop.example.cn/c/S1';
  assert.deepEqual(resolveLink(code), { type: 'page', url: scanPageUrl(code) });
  assert.deepEqual(resolveLink('https://example.com/report.pdf'), {
    type: 'external',
    url: 'https://example.com/report.pdf',
  });
  assert.deepEqual(resolveLink('/etc/passwd'), { type: 'none' });
});
