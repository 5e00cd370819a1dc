import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chipUidHex, nfcErrorMessage } from './chip-uid';

test('chipUidHex: the tag id bytes in upper-case hex, two digits a byte', () => {
  assert.equal(chipUidHex(new Uint8Array([0x04, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0x06]).buffer), '04A1B2C3D4E506');
  assert.equal(chipUidHex(new Uint8Array([0, 1, 2, 255])), '000102FF', 'leading zeros kept');
  assert.match(chipUidHex(new Uint8Array(10).fill(0xab))!, /^(AB){10}$/);
});

test('chipUidHex: no id, or a length no chip has, is no UID', () => {
  assert.equal(chipUidHex(undefined), null);
  assert.equal(chipUidHex(new ArrayBuffer(0)), null);
  assert.equal(chipUidHex(new Uint8Array(3)), null);
  assert.equal(chipUidHex(new Uint8Array(17)), null);
});

test('nfcErrorMessage names what the witness can do', () => {
  assert.match(nfcErrorMessage(13000), /不支持 NFC/);
  assert.match(nfcErrorMessage(13001), /打开 NFC/);
  assert.match(nfcErrorMessage(undefined), /手工输入/);
});
