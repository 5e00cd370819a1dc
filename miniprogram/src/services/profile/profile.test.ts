import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDevPhone, checkName, phoneText } from './form-rules';
import { devPhoneCode, phoneCodeOf } from '../adapters/phone-code';

test('checkName: the server’s rules — 2 to 20 letters, no digits (a phone cannot hide in a name)', () => {
  assert.equal(checkName('陈小明'), null);
  assert.equal(checkName(' 欧阳·娜娜 '), null);
  assert.equal(checkName('李四（市民）'), null);
  assert.equal(checkName('陈'), '姓名至少2个字');
  assert.equal(checkName('陈13655550001'), '姓名只能包含文字，不能含数字或符号');
  assert.equal(checkName('张三<script>'), '姓名只能包含文字，不能含数字或符号');
  assert.equal(checkName('张'.repeat(21)), '姓名不能超过20个字');
});

test('checkDevPhone and phoneText', () => {
  assert.equal(checkDevPhone('136 5555 0001'), null);
  assert.equal(checkDevPhone('1365555'), '请输入11位手机号');
  assert.equal(checkDevPhone('23655550001'), '请输入11位手机号');
  assert.equal(phoneText('136****0001'), '136****0001');
  assert.equal(phoneText(undefined), '未绑定');
});

test('phone codes: the button’s detail.code, null when declined; dev codes name the phone and the minute', () => {
  assert.equal(phoneCodeOf({ detail: { code: 'abc' } }), 'abc');
  assert.equal(phoneCodeOf({ detail: { errMsg: 'getPhoneNumber:fail user deny' } }), null);
  assert.equal(phoneCodeOf({}), null);
  const before = Date.now();
  const [phone, at, nonce] = devPhoneCode('13655550001').split('.');
  assert.equal(phone, '13655550001');
  assert.ok(Number(at) >= before && Number(at) <= Date.now());
  assert.match(nonce, /^h5[a-z0-9]+$/);
});
