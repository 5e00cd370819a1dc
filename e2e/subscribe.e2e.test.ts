/**
 * Subscription-message consent on H5: the browser has no wx.requestSubscribeMessage, so the new buttons
 * (接收投诉提醒 for the shop owner, 订阅预警通知 on a pit project) say so, nothing crashes, nothing is recorded.
 * (On weapp the same tap opens WeChat's dialog; the server side is cloudfunctions/test/platform/subscriptions.test.ts.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { blockedRequests, launchBrowser, openRoute, phoneContext, shot, visible, watchErrors, withFailureShot } from './helpers/browser';
import { sessionToken, waitUntil } from './helpers/app';

const T = 'subscribe';
const PIT = 'pj_demo0nc0pit0b';
const UNSUPPORTED = '请在微信小程序中开启消息提醒';

let sys: E2eSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
const consentCalls: string[] = [];

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  context = await phoneContext(browser, sys.url);
  page = await context.newPage();
  errors = watchErrors(page);
  page.on('request', (r) => {
    if (r.url().includes('/api/me/subscriptions')) consentCalls.push(`${r.method()} ${r.url()}`);
  });
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

async function signInAs(persona: string, name: string): Promise<void> {
  await openRoute(page, sys.url, '/pages/login/index');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await visible(page, `#login-persona-${persona}`).waitFor();
  if (await visible(page, '#login-logout').count()) {
    await visible(page, '#login-logout').click();
    await waitUntil('nobody signed in', async () => (await visible(page, '#login-current-user').count()) === 0);
  }
  await visible(page, `#login-persona-${persona}`).click();
  const user = visible(page, '#home-user');
  await user.waitFor();
  await waitUntil(`home shows ${name}`, async () => (await user.textContent())?.trim() === name);
}

async function tapAndExpectUnsupported(button: string): Promise<void> {
  await visible(page, button).click();
  await page.getByText(UNSUPPORTED).first().waitFor({ state: 'visible' });
}

test('the shop owner taps 接收投诉提醒: on H5 told to use the mini-program, nothing recorded', () =>
  withFailureShot(page, T, async () => {
    const owner = await sys.persona('shop-owner');
    await signInAs('shop-owner', owner.name);
    await openRoute(page, sys.url, '/packages/shop/pages/mine/index');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await visible(page, '#shop-name').waitFor();
    assert.equal((await visible(page, '#shop-subscribe').textContent())?.trim(), '接收投诉提醒');
    await tapAndExpectUnsupported('#shop-subscribe');
    await shot(page, T, 'shop-unsupported');
    // the page still works: the complaints list is there and the session is intact
    await visible(page, '#shop-complaints').waitFor();
    const me = await sys.api('GET', '/api/me/subscriptions', { token: await sessionToken(page) });
    assert.equal(me.status, 200);
    assert.ok(me.json.data.templates.every((t: { choice: unknown }) => t.choice === null), 'nothing recorded');
  }));

test('a pit party taps 订阅预警通知 on the project page: the same, and the page keeps working', () =>
  withFailureShot(page, T, async () => {
    const supervisor = await sys.persona('pit-supervisor');
    await signInAs('pit-supervisor', supervisor.name);
    await openRoute(page, sys.url, `/packages/pit/pages/project/index?id=${PIT}`);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await visible(page, '#pit-project-name').waitFor();
    await tapAndExpectUnsupported('#pit-subscribe');
    await visible(page, '#pit-alarms-open').click();
    await waitUntil('the alarm list opens', async () => /#\/packages\/pit\/pages\/alarms\/index/.test(page.url()));
  }));

test('no consent call from H5, no uncaught errors, no requests outside the local system', () => {
  assert.deepEqual(consentCalls, []);
  assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  assert.deepEqual(blockedRequests, []);
});
