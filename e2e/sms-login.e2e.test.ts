/**
 * Issue 11, SMS verification-code login and shop owners signing in.
 * (a) A shop registered by the town regulator (one-shop form) has an owner who never signed in: a citizen's
 *     complaint goes to the area chief; the owner opens 商户绑定, types the 绑定码 printed in the plaque kit,
 *     receives an SMS code on the phone on file (read from the SMS stand-in's log), binds, lands on 我的责任牌,
 *     sees the complaint back with the shop and fixes it with an after photo.
 * (b) A town regulator on a PC signs into the H5 app with an SMS code to their phone and lands on home.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { WAIT_MS, fillTaroInput, launchBrowser, openRoute, phoneContext, shot, visible, watchErrors, withFailureShot } from './helpers/browser';
import { waitUntil } from './helpers/app';
import { bindingCodesIn } from '../cloudfunctions/test/helpers/pdf-codes';

const T = 'sms-login';
const SLOW_MS = 2 * WAIT_MS;
const OWNER_PHONE = '13800000077';
const REGULATOR_PHONE = '13800000012'; // the nancheng-regulator persona

let sys: E2eSystem;
let browser: Browser;
let ownerPage: Page;
let staffPage: Page;
const watched: string[][] = [];
let shopId = '';
let bindingCode = '';
let complaintId = '';

// A tiny real JPEG header is enough for the server's content sniffing.
const jpeg = (seed: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo ${seed} ${Math.random()}`)]);

async function uploadPhoto(token: string, bytes: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const start = await sys.api('POST', '/api/uploads', { token, body: { sha256, size: bytes.length, contentType: 'image/jpeg', purpose: 'photo' } });
  assert.equal(start.status, 200, JSON.stringify(start.json));
  const put = await fetch(start.json.data.uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(bytes) });
  assert.ok(put.ok, `PUT ${put.status}`);
  const done = await sys.api('POST', '/api/uploads/complete', { token, body: { sha256, purpose: 'photo' } });
  assert.ok(done.status === 200 || done.status === 201, JSON.stringify(done.json));
  return sha256;
}

/** The newest verification code the SMS stand-in delivered to a number. */
const smsCodeTo = (phone: string) =>
  (sys.standins.log.filter((e) => e.kind === 'SendSms' && e.ok && e.to === `+86${phone}` && (e.payload as { templateId: string }).templateId === '100006').at(-1)?.payload as { params: string[] } | undefined)?.params[0];

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  ownerPage = await (await phoneContext(browser, sys.url)).newPage();
  staffPage = await (await phoneContext(browser, sys.url)).newPage();
  watched.push(watchErrors(ownerPage), watchErrors(staffPage));
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

test('the town regulator registers a shop by form and prints its kit; the 绑定码 is on the owner page', async () => {
  const reg = await sys.login('nancheng-regulator');
  const r = await sys.api('POST', '/api/plaques/shops', {
    token: reg.token,
    body: { cityId: 'dongguan', licenceNo: '91441900MA5SMS0001', name: '阿明糖水铺', address: '南城街道鸿福路 30 号', lng: 113.7458, lat: 23.0045, gridId: 'nc-01', ownerName: '阿明', ownerPhone: OWNER_PHONE, frontageM: 6, depthM: 3, duties: '包卫生、包秩序' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  shopId = r.json.data.id;
  const pdf = await fetch(`${sys.url}/api/plaques/${shopId}/pdf?kit=1`, { headers: { authorization: `Bearer ${reg.token}` } });
  assert.equal(pdf.status, 200);
  const codes = bindingCodesIn(Buffer.from(await pdf.arrayBuffer()));
  assert.equal(codes.length, 1);
  bindingCode = codes[0];
});

test('a citizen complains before the owner has bound: it goes to the area chief (商户尚未绑定账号)', async () => {
  const citizen = await sys.login('citizen');
  const photo = await uploadPhoto(citizen.token, jpeg('before'));
  const r = await sys.api('POST', `/api/plaques/${shopId}/complaints`, { token: citizen.token, body: { classCode: '0502', description: '门口摆了两个货架占用人行道', photos: [photo] } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.state, 'referred');
  complaintId = r.json.data.id;
  const chief = await sys.login('chief-nancheng');
  await waitUntil('the area chief has it in the inbox', async () => JSON.stringify((await sys.api('GET', '/api/inbox', { token: chief.token })).json).includes('商户尚未绑定账号'), SLOW_MS);
});

test('the owner binds with the kit’s 绑定码 and the SMS code, lands on 我的责任牌 and fixes the complaint', () =>
  withFailureShot(ownerPage, T, async () => {
    await openRoute(ownerPage, sys.url, '/pages/login/index');
    await visible(ownerPage, '#login-shop-bind').click();
    await ownerPage.waitForURL((u) => u.hash.startsWith('#/packages/shop/pages/bind/index'));
    await fillTaroInput(ownerPage, '#bind-code', bindingCode.toLowerCase());
    await visible(ownerPage, '#bind-sms-send').click();
    const sentTo = visible(ownerPage, '#bind-sent-to');
    await sentTo.waitFor({ timeout: SLOW_MS });
    assert.equal((await sentTo.textContent())?.trim(), '阿明糖水铺：验证码已发送至 138****0077');
    await waitUntil('the send button counts down', async () => /秒后重发/.test((await visible(ownerPage, '#bind-sms-send').textContent()) ?? ''));
    await waitUntil('the SMS stand-in received the code', async () => !!smsCodeTo(OWNER_PHONE));
    await shot(ownerPage, T, '01-bind-code-sent');

    await fillTaroInput(ownerPage, '#bind-sms-code', '000000' === smsCodeTo(OWNER_PHONE) ? '111111' : '000000');
    await visible(ownerPage, '#bind-submit').click();
    await waitUntil('a wrong code is refused', async () => ((await visible(ownerPage, '#bind-error').textContent()) ?? '').includes('验证码错误（还可尝试4次）'));

    await fillTaroInput(ownerPage, '#bind-sms-code', smsCodeTo(OWNER_PHONE)!);
    await visible(ownerPage, '#bind-submit').click();
    await ownerPage.waitForURL((u) => u.hash.startsWith('#/packages/shop/pages/mine/index'), { timeout: SLOW_MS });
    await visible(ownerPage, '#shop-name').waitFor({ timeout: SLOW_MS });
    assert.equal((await visible(ownerPage, '#shop-name').textContent())?.trim(), '阿明糖水铺');
    const row = visible(ownerPage, `.shop-complaint[data-id="${complaintId}"]`);
    await row.waitFor({ timeout: SLOW_MS });
    assert.equal(await row.getAttribute('data-state'), 'open', 'back with the shop, with a deadline');
    await shot(ownerPage, T, '02-shop-mine');

    await row.click();
    await visible(ownerPage, '#fix-form').waitFor();
    await visible(ownerPage, '#fix-note textarea').fill('货架已收回店内');
    await ownerPage.locator('#fix-photo-input').last().setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: jpeg('after') });
    await waitUntil('the after photo is uploaded', async () => (await visible(ownerPage, '#fix-photo-count').getAttribute('data-count')) === '1');
    await visible(ownerPage, '#fix-submit').click();
    await waitUntil('the complaint shows as fixed', async () => (await visible(ownerPage, '#shop-complaint-state').getAttribute('data-state')) === 'fixed', SLOW_MS);
    await shot(ownerPage, T, '03-fixed');
    const stored = await sys.db.collection('shops').findOne({ _id: shopId as never });
    assert.ok(stored?.ownerBinding?.boundAt, 'the 绑定码 is used');
  }));

test('a town regulator on a PC signs in with an SMS code to their phone and lands on home', () =>
  withFailureShot(staffPage, T, async () => {
    await openRoute(staffPage, sys.url, '/pages/login/index');
    await fillTaroInput(staffPage, '#login-sms-phone', REGULATOR_PHONE);
    await visible(staffPage, '#login-sms-send').click();
    await waitUntil('the SMS stand-in received the code', async () => !!smsCodeTo(REGULATOR_PHONE), SLOW_MS);
    await fillTaroInput(staffPage, '#login-sms-code', smsCodeTo(REGULATOR_PHONE)!);
    await shot(staffPage, T, '04-sms-login');
    await visible(staffPage, '#login-sms-submit').click();
    await staffPage.waitForURL((u) => u.hash.startsWith('#/pages/index/index'), { timeout: SLOW_MS });
    const user = visible(staffPage, '#home-user');
    await user.waitFor({ timeout: SLOW_MS });
    assert.equal((await user.textContent())?.trim(), '陈监管（南城街道）');
    assert.match((await visible(staffPage, '#home-user-role').textContent()) ?? '', /监管部门/);
    await shot(staffPage, T, '05-home');
  }));

test('no page errors', () => {
  const errors = watched.flat().filter((e) => e.startsWith('pageerror'));
  assert.deepEqual(errors, []);
});
