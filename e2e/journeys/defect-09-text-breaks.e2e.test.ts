/**
 * Issue 17 §9: text broke in the middle of times ("05:4 / 9"), of the 16-digit facility code and of
 * quantities ("±2.45 m / m/d"); messages read "。。"; titles cut the facility name off; a unit saw the
 * area chief's 待受理 / 待核查 tabs. Checked on the pages where they were seen, as the people who read them,
 * at 390×844 and in large-text mode, with one page-wide check (e2e/helpers/text-checks.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from '../helpers/system';
import { blockedRequests, launchBrowser, openRoute, settle, shot, visible, withFailureShot } from '../helpers/browser';
import { closedCase, DEMO_WELL, personaPhone } from '../helpers/personas';
import { problemsOf } from '../helpers/text-checks';

const T = 'defect-09-text-breaks';
const PIT = 'pj_demo0nc0pit0b';
let sys: E2eSystem;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  // a report whose description ends in 。 (the citizen's messages quote it)
  await closedCase(sys, 'citizen', '井盖松动，踩上去有响声。');
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

const NOT_BROKEN = ['broken', 'cut', 'punctuation'] as const;

async function check(page: Page, route: string, ready: string, name: string) {
  if (route.startsWith('http')) await page.goto(route, { waitUntil: 'domcontentloaded' });
  else await openRoute(page, sys.url, route);
  await visible(page, ready).first().waitFor();
  await settle(page);
  await shot(page, T, name);
  return problemsOf(page, [...NOT_BROKEN]);
}

for (const large of [false, true]) {
  const tag = large ? 'large' : 'normal';

  test(`${tag}: the facility page keeps the 16-digit code whole; the citizen's messages have no 。。 and whole titles`, async () => {
    const phone = await personaPhone(browser, sys, 'citizen', { large });
    await withFailureShot(phone.page, `${T}-citizen-${tag}`, async () => {
      const facility = await check(phone.page, sys.codeUrl(DEMO_WELL.id), '#facility-name', `facility-${tag}`);
      assert.deepEqual(facility, [], 'facility page');
      const code = await visible(phone.page, '.facility-code').first().evaluate((el) => el.getClientRects().length && new Set(Array.from(el.getClientRects()).map((r) => Math.round(r.top))).size);
      assert.equal(code, 1, 'the facility code is on one line');
      const inbox = await check(phone.page, '/pages/inbox/index', '.inbox-item', `inbox-${tag}`);
      assert.deepEqual(inbox, [], 'inbox');
      const bodies = await visible(phone.page, '.inbox-item').allTextContents();
      assert.ok(bodies.some((b) => b.includes('井盖松动，踩上去有响声')), 'the messages quote the report');
      assert.ok(bodies.every((b) => !/。。/.test(b)), `no 。。: ${bodies.join(' | ')}`);
    });
    pageErrors.push(...phone.errors.filter((e) => e.startsWith('pageerror')));
    await phone.context.close();
  });

  test(`${tag}: the unit's 案件办理 shows only its own tabs, times whole`, async () => {
    const phone = await personaPhone(browser, sys, 'unit-roads', { large });
    await withFailureShot(phone.page, `${T}-unit-${tag}`, async () => {
      const problems = await check(phone.page, '/packages/chief/pages/queue/index?state=all', '.queue-item', `unit-queue-${tag}`);
      assert.deepEqual(problems, [], 'unit queue');
      const tabs = (await visible(phone.page, '.queue-filter').allTextContents()).map((t) => t.trim());
      assert.ok(!tabs.includes('待受理') && !tabs.includes('待核查'), `the area chief's tabs are not the unit's work: ${tabs.join(' ')}`);
      assert.ok(tabs.includes('待办') && tabs.includes('全部'));
    });
    pageErrors.push(...phone.errors.filter((e) => e.startsWith('pageerror')));
    await phone.context.close();
  });

  test(`${tag}: the pit point page keeps quantities and times whole`, async () => {
    const phone = await personaPhone(browser, sys, 'pit-monitor', { large });
    await withFailureShot(phone.page, `${T}-pit-${tag}`, async () => {
      const point = await check(phone.page, `/packages/pit/pages/point/index?projectId=${PIT}&code=ZQS1`, '.pit-kv', `pit-point-${tag}`);
      assert.deepEqual(point, [], 'pit point page');
      const uploads = await check(phone.page, `/packages/pit/pages/uploads/index?projectId=${PIT}`, '.pit-upload', `pit-uploads-${tag}`);
      assert.deepEqual(uploads, [], 'pit uploads page');
    });
    pageErrors.push(...phone.errors.filter((e) => e.startsWith('pageerror')));
    await phone.context.close();
  });
}

test('no uncaught errors and no requests outside the local system', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blockedRequests, []);
});
