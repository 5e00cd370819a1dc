import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { bytesToHex, sha256Hex } from './sha256';

const utf8 = (s: string) => new TextEncoder().encode(s);

test('sha256: FIPS 180-4 / NIST test vectors', () => {
  assert.equal(sha256Hex(utf8('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex(utf8('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    sha256Hex(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
  assert.equal(
    sha256Hex(utf8('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu')),
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  );
  assert.equal(sha256Hex(new Uint8Array(1_000_000).fill(0x61)), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
});

test('sha256: every length around the block and padding boundaries agrees with node:crypto', () => {
  const data = randomBytes(300);
  for (let n = 0; n <= 300; n++) {
    const part = new Uint8Array(data.subarray(0, n));
    assert.equal(sha256Hex(part), createHash('sha256').update(part).digest('hex'), `length ${n}`);
  }
});

test('sha256: a view into a larger buffer hashes only its own bytes', () => {
  const buf = new Uint8Array([0, 0, 0x61, 0x62, 0x63, 0, 0]);
  assert.equal(sha256Hex(buf.subarray(2, 5)), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('bytesToHex', () => {
  assert.equal(bytesToHex(new Uint8Array([0, 15, 255])), '000fff');
  assert.equal(bytesToHex(new Uint8Array([1, 2]).buffer), '0102');
});
