import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charCount, fieldType, fitTemplateData, validateTemplateData } from './wechat-fields';

const v = (value: string) => ({ value });
const check = (key: string, value: string) => validateTemplateData({ [key]: v(value) }).ok;

test('fieldType reads the prefix of the key', () => {
  assert.equal(fieldType('thing1'), 'thing');
  assert.equal(fieldType('character_string12'), 'character_string');
  assert.equal(fieldType('phone_number3'), 'phone_number');
  assert.equal(fieldType('thing'), undefined);
  assert.equal(fieldType('Thing1'), undefined);
});

const table: Array<[key: string, value: string, ok: boolean]> = [
  ['thing1', '工地夜间施工噪声扰民', true],
  ['thing1', 'a'.repeat(20), true],
  ['thing1', 'a'.repeat(21), false],
  ['thing1', '一二三四五六七八九十一二三四五六七八九十', true],
  ['thing1', '一二三四五六七八九十一二三四五六七八九十一', false],
  ['thing1', '😀'.repeat(20), true], // counted per code point, not UTF-16 unit
  ['number2', '12.5', true],
  ['number2', '1'.repeat(33), false],
  ['number2', '12a', false],
  ['letter3', 'ABCdef', true],
  ['letter3', 'AB1', false],
  ['symbol4', '!?#', true],
  ['symbol4', '!!!!!!', false],
  ['character_string5', 'CL-2026-000123', true],
  ['character_string5', '案件CL-1', false],
  ['character_string5', 'x'.repeat(33), false],
  ['time6', '15:01', true],
  ['time6', '2019年10月1日 15:01', true],
  ['time6', '2019年10月1日 15:01 ~ 2019年10月1日 17:00', true],
  ['time6', '下午三点', false],
  ['date7', '2019年10月1日', true],
  ['date7', '2019-10-01 15:01', true],
  ['date7', '10月1日', false],
  ['amount8', '¥100.50', true],
  ['amount8', '100元', true],
  ['amount8', '12345678901元', false],
  ['amount8', '一百元', false],
  ['phone_number9', '+86-137-1111-2222', true],
  ['phone_number9', '1'.repeat(18), false],
  ['phone_number9', '电话13711112222', false],
  ['car_number10', '粤B12345', true],
  ['car_number10', '粤B1234学', true],
  ['car_number10', '粤B123456789', false],
  ['car_number10', 'B粤1234', false],
  ['name11', '张三', true],
  ['name11', '一二三四五六七八九十一', false],
  ['name11', 'Zhang San', true],
  ['phrase12', '已处理', true],
  ['phrase12', '已处理完毕了', false],
  ['phrase12', 'OK', false],
  ['phrase12', '已处理!', false],
  ['thing13', '   ', false],
];

for (const [key, value, ok] of table) {
  test(`${key}=${JSON.stringify(value)} is ${ok ? 'valid' : 'invalid'}`, () => {
    assert.equal(check(key, value), ok);
  });
}

test('validateTemplateData names the first bad field and why', () => {
  const r = validateTemplateData({ thing1: v('ok'), phrase2: v('处理完毕了吗') });
  assert.deepEqual(r.ok ? null : r.field, 'phrase2');
  assert.match(r.ok ? '' : r.reason, /phrase/);
});

test('data must be an object of {value: string}', () => {
  assert.equal(validateTemplateData('{"thing1":{"value":"x"}}').ok, false);
  assert.equal(validateTemplateData(null).ok, false);
  assert.equal(validateTemplateData({ thing1: 'x' }).ok, false);
  assert.equal(validateTemplateData({ thing1: { value: 3 } }).ok, false);
  assert.equal(validateTemplateData({ unknown1: v('x') }).ok, false);
  assert.equal(validateTemplateData({}).ok, true);
});

test('fitTemplateData truncates a thing to 20 characters ending with …', () => {
  const long = '关于某某街道某某工地夜间施工噪声扰民的投诉';
  const fitted = fitTemplateData({ thing1: long }).thing1.value;
  assert.equal(charCount(fitted), 20);
  assert.equal(fitted, '关于某某街道某某工地夜间施工噪声扰民的…');
  assert.equal(validateTemplateData({ thing1: { value: fitted } }).ok, true);
  assert.equal(fitTemplateData({ thing1: '短标题' }).thing1.value, '短标题');
});

test('fitTemplateData sanitises the other types without changing meaning', () => {
  const fitted = fitTemplateData({
    thing1: { value: '第一行\n第二行' },
    character_string2: '案件编号CL-2026-0001',
    phrase3: '已经处理完毕了',
    amount4: '¥1,000.00',
    number5: 42,
    car_number6: '粤b·12345',
    time7: '2026年1月2日 08：30～2026年1月2日 09:00',
  });
  assert.deepEqual(fitted, {
    thing1: { value: '第一行 第二行' },
    character_string2: { value: 'CL-2026-0001' },
    phrase3: { value: '已经处理完' },
    amount4: { value: '¥1000.00' },
    number5: { value: '42' },
    car_number6: { value: '粤B12345' },
    time7: { value: '2026年1月2日 08:30~2026年1月2日 09:00' },
  });
  assert.deepEqual(validateTemplateData(fitted), { ok: true });
});

test('fitTemplateData never cuts numbers or dates, so validation still catches them', () => {
  const fitted = fitTemplateData({ number1: '1'.repeat(40), date2: '明天' });
  assert.equal(fitted.number1.value, '1'.repeat(40));
  assert.equal(validateTemplateData(fitted).ok, false);
});
