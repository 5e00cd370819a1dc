/**
 * Issue 17 §10: the home page's 我的消息 gave no sign of unread messages, and `/dev/messages` named the
 * recipients only by openid or phone. Now 我的消息 carries the unread count (it drops as messages are read),
 * and the dev page names each recipient with their role. At 390×844 and in large-text mode.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from '../helpers/system';
import { blockedRequests, launchBrowser, openRoute, shot, visible, withFailureShot } from '../helpers/browser';
import { waitUntil } from '../helpers/app';
import { closedCase, personaPhone } from '../helpers/personas';

const T = 'defect-10-unread';
let sys: E2eSystem;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  await closedCase(sys, 'citizen');
  await closedCase(sys, 'citizen2');
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

const unreadOf = async (token: string) => (await sys.api('GET', '/api/inbox', { token })).json.data.unread as number;

for (const [persona, large] of [['citizen', false], ['citizen2', true]] as const) {
  test(`${large ? 'large text' : '390×844'}: 我的消息 on the home page shows the unread count, which drops after reading one`, async () => {
    const phone = await personaPhone(browser, sys, persona, { large });
    const { page } = phone;
    await withFailureShot(page, `${T}-${persona}`, async () => {
      const before = await unreadOf(phone.token);
      assert.ok(before >= 2, `the closed case left unread messages: ${before}`);
      await openRoute(page, sys.url, '/pages/index/index');
      const badge = visible(page, '#home-inbox-unread');
      await badge.waitFor();
      assert.equal((await badge.textContent())?.trim(), String(before));
      assert.match((await badge.getAttribute('aria-label')) ?? '', new RegExp(`${before} 条未读`));
      const box = await badge.boundingBox();
      assert.ok(box && box.x + box.width <= 390, 'the badge is on the screen');
      await shot(page, T, `home-${large ? 'large' : 'normal'}`);

      await visible(page, '#home-inbox').click();
      await visible(page, '.inbox-item').first().waitFor();
      await visible(page, '.inbox-item').first().click();
      await waitUntil('one message is read', async () => (await unreadOf(phone.token)) === before - 1);
      // a fresh load of home (the case page the message opened stays in Taro's stack otherwise)
      await page.goto('about:blank');
      await openRoute(page, sys.url, '/pages/index/index');
      await waitUntil('the badge shows one less', async () => (await visible(page, '#home-inbox-unread').textContent())?.trim() === String(before - 1));
    });
    pageErrors.push(...phone.errors.filter((e) => e.startsWith('pageerror')));
    await phone.context.close();
  });
}

test('/dev/messages names every recipient (name and role), not an openid or a bare phone number', async () => {
  const phone = await personaPhone(browser, sys, null);
  const { page } = phone;
  await withFailureShot(page, `${T}-dev-messages`, async () => {
    await page.goto(`${sys.url}/dev/messages`);
    const cells = (await page.locator('#messages td.who').allTextContents()).map((t) => t.trim());
    const addresses = (await page.locator('#messages td.to').allTextContents()).map((t) => t.trim());
    assert.ok(cells.length > 0, 'the stand-ins received messages');
    assert.equal(cells.length, addresses.length, 'every row names its recipient beside the address');
    const citizen = await sys.persona('citizen');
    assert.ok(cells.some((c) => c.includes('张三（市民）')), `the citizen by name: ${cells.slice(0, 5).join(' | ')}`);
    for (const c of cells) {
      assert.doesNotMatch(c, /^o[\w-]{20,}$/, `a bare openid: ${c}`);
      assert.doesNotMatch(c, /^\+?\d{11,13}$/, `a bare phone number: ${c}`);
      assert.match(c, / · |^（无对应账号）$/, `a name and a role (or plainly no account): ${c}`);
    }
    if (citizen.openid) assert.ok(cells.every((c) => c !== citizen.openid));
    await shot(page, T, 'dev-messages');
  });
  await phone.context.close();
});

test('no uncaught errors and no requests outside the local system', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blockedRequests, []);
});
