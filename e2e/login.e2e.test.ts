/**
 * Accounts in the H5 app: the elder-friendly large-text mode survives a reload, and a staff invitation
 * issued by the admin binds a role once — the second person to enter the code is told it is used.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { blockedRequests, fillTaroInput, launchBrowser, openRoute, phoneContext, settle, shot, visible, watchErrors, withFailureShot } from './helpers/browser';
import { sessionToken, waitUntil } from './helpers/app';

const T = 'login';

let sys: E2eSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let invitationCode: string;

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

/** A new phone (its own storage, so its own session). */
async function newPhone(name: string): Promise<Page> {
  const context = await phoneContext(browser, sys.url);
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('close', () => pageErrors.push(...errors.filter((e) => e.startsWith('pageerror')).map((e) => `${name}: ${e}`)));
  return page;
}

/** Home → 登录/账号 → persona → back on home with the name shown. */
async function personaLogin(page: Page, persona: string, name: string): Promise<void> {
  await openRoute(page, sys.url, '/pages/index/index');
  await visible(page, '#home-login').click();
  await visible(page, `#login-persona-${persona}`).click();
  const user = visible(page, '#home-user');
  await user.waitFor();
  await waitUntil(`home shows ${name}`, async () => (await user.textContent())?.trim() === name);
}

/** Home → 账号 → the invitation box on the login page. */
async function redeem(page: Page, code: string): Promise<void> {
  await visible(page, '#home-login').click();
  await visible(page, '#login-current-user').waitFor();
  await fillTaroInput(page, '#login-invite-input', code);
  await visible(page, '#login-invite-submit').click();
}

/**
 * The home label's font size in root ems. Taro sizes everything in rem and adjusts the root font size a
 * moment after load (20px → 20.8px at 390px wide), so absolute pixels would compare two different moments.
 */
const homeFontRem = async (page: Page) =>
  // (no helper functions inside: tsx would wrap them in a `__name` call the browser does not have)
  visible(page, '.home-large-label').evaluate(
    (e) => Math.round((parseFloat(getComputedStyle(e).fontSize) / parseFloat(getComputedStyle(document.documentElement).fontSize)) * 100) / 100,
  );

test('large-text mode: switching it on enlarges the text and survives a reload and page changes', async () => {
  const page = await newPhone('large-text');
  await withFailureShot(page, `${T}-large-text`, async () => {
    await openRoute(page, sys.url, '/pages/index/index');
    const toggle = visible(page, '#home-large-text');
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'false', 'off by default');
    assert.doesNotMatch((await visible(page, '.cl-page.home').getAttribute('class')) ?? '', /cl-large/);
    const normal = await homeFontRem(page);

    await toggle.click();
    await waitUntil('the switch turns on', async () => (await toggle.getAttribute('aria-checked')) === 'true');
    await waitUntil('the page gets the large-text class', async () => /cl-large/.test((await visible(page, '.cl-page.home').getAttribute('class')) ?? ''));
    const large = await homeFontRem(page);
    assert.ok(large >= normal * 1.15, `text is larger: ${normal}rem → ${large}rem`);
    await shot(page, T, '01-large-text-on');

    await page.reload({ waitUntil: 'domcontentloaded' });
    await visible(page, '#home-scan').waitFor();
    assert.equal(await visible(page, '#home-large-text').getAttribute('aria-checked'), 'true', 'still on after reload');
    assert.match((await visible(page, '.cl-page.home').getAttribute('class')) ?? '', /cl-large/);
    assert.equal(await homeFontRem(page), large);

    // Other pages follow the preference.
    await visible(page, '#home-login').click();
    await visible(page, '#login-persona-citizen').waitFor();
    assert.match((await visible(page, '.cl-page.login').getAttribute('class')) ?? '', /cl-large/);
    await shot(page, T, '02-large-text-login-page');

    // And off again, also persisted.
    await openRoute(page, sys.url, '/pages/index/index');
    await page.reload({ waitUntil: 'domcontentloaded' });
    const again = visible(page, '#home-large-text');
    await again.waitFor();
    await again.click();
    await waitUntil('the switch turns off', async () => (await again.getAttribute('aria-checked')) === 'false');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await visible(page, '#home-scan').waitFor();
    assert.equal(await visible(page, '#home-large-text').getAttribute('aria-checked'), 'false', 'off after reload');
    assert.doesNotMatch((await visible(page, '.cl-page.home').getAttribute('class')) ?? '', /cl-large/);
    assert.equal(await homeFontRem(page), normal);
  });
  await page.close();
});

test('the admin issues a patroller invitation for grid nc-01 (API)', async () => {
  const { token } = await sys.login('admin');
  const r = await sys.api('POST', '/api/invitations', {
    token,
    // the invitation names its person: 李四 gets it on a phone of their own (redeeming proves that phone)
    body: { name: '李四（市民）', phone: '13655559999', binding: { role: 'patroller', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01'] } },
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(typeof r.json.data.code, 'string');
  assert.ok(r.json.data.code.length >= 6, `a code people can type: ${r.json.data.code}`);
  assert.deepEqual(r.json.data.binding, { role: 'patroller', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01'] });
  invitationCode = r.json.data.code;
});

test('citizen2 signs in, enters the invitation code and becomes 巡查员', async () => {
  assert.ok(invitationCode, 'an invitation was issued');
  const page = await newPhone('citizen2');
  await withFailureShot(page, `${T}-redeem`, async () => {
    await personaLogin(page, 'citizen2', '李四（市民）');
    assert.equal((await visible(page, '#home-user-role').textContent())?.trim(), '市民');

    await redeem(page, invitationCode);
    const account = page.locator('.card', { has: page.locator('#login-current-user') }).locator('visible=true');
    await waitUntil('the login page shows the new role', async () => ((await account.textContent()) ?? '').includes('巡查员'));
    assert.equal((await visible(page, '#login-current-user').textContent())?.trim(), '李四（市民）');
    assert.equal(await visible(page, '#login-invite-input input').inputValue(), '', 'the code box is cleared');
    assert.equal(await visible(page, '.login .error-message').count(), 0, 'no error shown');
    await shot(page, T, '03-invitation-redeemed');

    // Home shows the role too.
    await page.goBack();
    const role = visible(page, '#home-user-role');
    await role.waitFor();
    await waitUntil('home shows 巡查员', async () => (await role.textContent())?.trim() === '巡查员');
    await shot(page, T, '04-home-patroller');

    // The server agrees: the binding from the invitation, nothing more.
    const me = await sys.api('GET', '/api/me', { token: await sessionToken(page) });
    assert.equal(me.status, 200);
    assert.equal(me.json.data.name, '李四（市民）');
    assert.deepEqual(me.json.data.roles, [{ role: 'patroller', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01'], label: '巡查员' }]);
  });
  await page.close();
});

test('the same code entered by another persona shows 邀请码已被使用 and binds nothing', async () => {
  assert.ok(invitationCode, 'an invitation was issued');
  const page = await newPhone('citizen');
  await withFailureShot(page, `${T}-reuse`, async () => {
    await personaLogin(page, 'citizen', '张三（市民）');
    await redeem(page, invitationCode);

    const error = visible(page, '.login .error-message');
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), '邀请码已被使用');
    const account = page.locator('.card', { has: page.locator('#login-current-user') }).locator('visible=true');
    assert.equal((await visible(page, '#login-current-user').textContent())?.trim(), '张三（市民）');
    assert.ok(!((await account.textContent()) ?? '').includes('巡查员'), 'no role was added on screen');
    await shot(page, T, '05-invitation-used');

    const me = await sys.api('GET', '/api/me', { token: await sessionToken(page) });
    assert.equal(me.json.data.name, '张三（市民）');
    assert.deepEqual(me.json.data.roles, [], 'no role was added on the server');
  });
  await page.close();
});

test('an invitation code entered while signed out asks to sign in first', async () => {
  const page = await newPhone('signed-out');
  await withFailureShot(page, `${T}-signed-out`, async () => {
    await openRoute(page, sys.url, '/pages/login/index');
    await visible(page, '#login-persona-citizen').waitFor();
    assert.equal(await visible(page, '#login-current-user').count(), 0);
    await fillTaroInput(page, '#login-invite-input', 'ABCDEFGHJK');
    // the button sits below a long persona list: bring it into view and let the page stop moving before the tap
    const submit = visible(page, '#login-invite-submit');
    await submit.scrollIntoViewIfNeeded();
    await settle(page);
    await submit.click();
    const error = visible(page, '.login .error-message');
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), '请先登录，再绑定邀请码');
  });
  await page.close();
});

test('no page crashed and nothing left the local system', async () => {
  for (const c of contexts) await c.close();
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blockedRequests, []);
});
