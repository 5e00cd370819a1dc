/**
 * 我的 (profile) in the H5 app: a citizen signed in with WeChat (code2Session through the local WeChat stand-in)
 * binds a phone — on H5 the dev build mints the stand-in's getPhoneNumber code, which the server exchanges at the
 * stand-in's getuserphonenumber like the real one — and sees it masked; changes their name; and a second citizen
 * binding the phone an invitation was issued to continues as that invited account, with its role.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { blockedRequests, fillTaroInput, launchBrowser, openRoute, phoneContext, shot, visible, watchErrors, withFailureShot } from './helpers/browser';
import { sessionToken, waitUntil } from './helpers/app';

const T = 'profile';

let sys: E2eSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

/** A phone whose app is signed in with WeChat: the login code goes through the stand-in's code2Session. */
async function wechatPhone(persona: string): Promise<{ page: Page; userId: string; token: string }> {
  const r = await sys.api('POST', '/api/auth/wx-login', { body: { code: `${persona}.e2e` } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const context = await phoneContext(browser, sys.url);
  contexts.push(context);
  // the app's own storage format (Taro keeps `{ data }` JSON), as if 微信一键登录 had just run
  await context.addInitScript(
    ([token, user]) => {
      if (!localStorage.getItem('cl.token')) {
        localStorage.setItem('cl.token', JSON.stringify({ data: token }));
        localStorage.setItem('cl.user', JSON.stringify({ data: user }));
      }
    },
    [r.json.data.token, r.json.data.user],
  );
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('close', () => pageErrors.push(...errors.filter((e) => e.startsWith('pageerror')).map((e) => `${persona}: ${e}`)));
  return { page, userId: r.json.data.user.id, token: r.json.data.token };
}

async function openProfile(page: Page): Promise<void> {
  await openRoute(page, sys.url, '/pages/index/index');
  await visible(page, '#home-profile').click();
  await visible(page, '#profile-name').waitFor();
}

const text = async (page: Page, selector: string) => ((await visible(page, selector).textContent()) ?? '').trim();

test('a WeChat citizen binds a phone through the stand-in and sees it masked; the name can be changed', async () => {
  const { page, userId } = await wechatPhone('e2e-wx-citizen');
  await withFailureShot(page, `${T}-bind`, async () => {
    await openProfile(page);
    assert.equal(await text(page, '#profile-name'), '微信用户');
    assert.equal(await text(page, '#profile-phone'), '未绑定');
    assert.match(await text(page, '#profile-roles'), /市民/);
    await shot(page, T, '01-unbound');

    // a malformed number never leaves the page
    await fillTaroInput(page, '#profile-dev-phone', '1365555');
    await visible(page, '#profile-phone-bind').click();
    await page.getByText('请输入11位手机号').first().waitFor();

    await fillTaroInput(page, '#profile-dev-phone', '13655550001');
    await visible(page, '#profile-phone-bind').click();
    await waitUntil('the masked phone shows', async () => (await text(page, '#profile-phone')) === '136****0001');
    assert.doesNotMatch(await page.locator('body').innerText(), /13655550001/, 'the whole number is nowhere on the page');
    await shot(page, T, '02-bound-masked');

    // the server agrees: the phone is on this WeChat account, shown masked
    const me = await sys.api('GET', '/api/me', { token: await sessionToken(page) });
    assert.equal(me.json.data.id, userId);
    assert.equal(me.json.data.phone, '136****0001');
    const stored = await sys.db.collection<{ _id: string; phone?: string; openid?: string }>('users').findOne({ _id: userId });
    assert.equal(stored?.phone, '13655550001');
    assert.ok(stored?.openid, 'still the WeChat account');

    // name: a bad one is refused on the page, a good one saved
    await visible(page, '#profile-name-edit').click();
    await fillTaroInput(page, '#profile-name-input', '陈');
    await visible(page, '#profile-name-save').click();
    await page.getByText('姓名至少2个字').first().waitFor();
    await fillTaroInput(page, '#profile-name-input', '陈13655550001');
    await visible(page, '#profile-name-save').click();
    await page.getByText('姓名只能包含文字，不能含数字或符号').first().waitFor();
    await fillTaroInput(page, '#profile-name-input', '陈小明');
    await visible(page, '#profile-name-save').click();
    await waitUntil('the new name shows', async () => (await visible(page, '#profile-name').count()) === 1 && (await text(page, '#profile-name')) === '陈小明');
    await shot(page, T, '03-name-changed');
  });
  await page.close();
});

test('binding the phone of an invited person continues as that account: its name, role and scope', async () => {
  const { token: adminToken } = await sys.login('admin');
  const issued = await sys.api('POST', '/api/invitations', {
    token: adminToken,
    body: { name: '林巡查', phone: '13655550002', binding: { role: 'patroller', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01'] } },
  });
  assert.equal(issued.status, 201, JSON.stringify(issued.json));
  const { page, token: oldToken } = await wechatPhone('e2e-wx-invitee');
  await withFailureShot(page, `${T}-merge`, async () => {
    await openProfile(page);
    await fillTaroInput(page, '#profile-dev-phone', '13655550002');
    await visible(page, '#profile-phone-bind').click();
    await waitUntil('the invited account shows', async () => (await text(page, '#profile-name')) === '林巡查');
    assert.equal(await text(page, '#profile-phone'), '136****0002');
    const roles = await text(page, '#profile-roles');
    assert.match(roles, /巡查员/);
    assert.match(roles, /南城/);
    await shot(page, T, '04-merged-into-invited');

    const me = await sys.api('GET', '/api/me', { token: await sessionToken(page) });
    assert.equal(me.json.data.id, issued.json.data.contactId, 'the session continues as the invited account');
    const old = await sys.api('GET', '/api/me', { token: oldToken });
    assert.equal(old.status, 401);
    assert.equal(old.json.message, '账号已合并，请重新登录');

    // 退出登录 from the profile page
    await visible(page, '#profile-logout').click();
    await waitUntil('home offers 登录 again', async () => (await text(page, '#home-login')) === '登录');
  });
  await page.close();
});

test('no page crashed and nothing left the local system', async () => {
  for (const c of contexts) await c.close();
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blockedRequests, []);
});
