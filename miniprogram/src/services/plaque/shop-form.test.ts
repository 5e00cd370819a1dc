import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_SHOP_FORM, shopFormBody } from './shop-form';

const filled = { ...EMPTY_SHOP_FORM, licenceNo: '91441900MA5X0001', name: '老王烧腊店', address: '鸿福路 12 号', lng: '113.7452', lat: '23.0041', ownerName: '王五', ownerPhone: '+86 139-1111-2222', frontageM: '8', depthM: '4' };

test('a filled form becomes the request: numbers parsed, the phone normalised, empty options left out', () => {
  assert.deepEqual(shopFormBody(filled, 'dongguan'), {
    body: { cityId: 'dongguan', licenceNo: '91441900MA5X0001', name: '老王烧腊店', address: '鸿福路 12 号', lng: 113.7452, lat: 23.0041, ownerName: '王五', ownerPhone: '13911112222', frontageM: 8, depthM: 4 },
  });
});

test('the first problem is named in Chinese', () => {
  assert.deepEqual(shopFormBody(EMPTY_SHOP_FORM, 'dongguan'), { error: '请填写营业执照号' });
  assert.deepEqual(shopFormBody({ ...filled, lng: 'east' }, 'dongguan'), { error: '经度应为数字' });
  assert.deepEqual(shopFormBody({ ...filled, ownerPhone: '1391111' }, 'dongguan'), { error: '负责人手机：请输入正确的 11 位手机号' });
});
