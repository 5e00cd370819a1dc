/**
 * Issue 15, as far as the pages go: a citizen scans the site board's QR of the seeded, archived deep-pit review
 * and sees only the public part; the city regulator opens the same code and sees the whole trail (the draw's
 * commitment and revealed seed, the experts, the report, the archive with its hashes); the review contractor
 * finds the project's reviews from the home page; the regulator draws the experts of the review waiting for it.
 * (The full acceptance journey runs over the API in cloudfunctions/test/schemereview/review-loop.test.ts.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { launchBrowser, openRoute, phoneContext, shot, visible, watchErrors, withFailureShot } from './helpers/browser';
import { waitUntil } from './helpers/app';

const T = 'review';
let sys: E2eSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[] = [];
let archivedId = '';
let committedId = '';

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  context = await phoneContext(browser, sys.url);
  page = await context.newPage();
  errors = watchErrors(page);
  const reviews = await sys.db.collection<{ _id: string; state: string; pitProjectId?: string }>('dw_reviews').find({}).toArray();
  archivedId = reviews.find((r) => r.state === 'archived' && r.pitProjectId)!._id;
  committedId = reviews.find((r) => r.state === 'committed')!._id;
});
after(async () => {
  await browser?.close();
  await sys?.stop();
});

async function signInAs(key: string, name: string): Promise<void> {
  await openRoute(page, sys.url, '/pages/login/index');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await visible(page, `#login-persona-${key}`).waitFor();
  if (await visible(page, '#login-logout').count()) {
    await visible(page, '#login-logout').click();
    await waitUntil('nobody signed in', async () => (await visible(page, '#login-current-user').count()) === 0);
  }
  await visible(page, `#login-persona-${key}`).click();
  await waitUntil(`home shows ${name}`, async () => ((await visible(page, '#home-user').textContent().catch(() => '')) ?? '').trim() === name);
}

test('a citizen scanning the board sees the public part only', () =>
  withFailureShot(page, `${T}-public`, async () => {
    const fresh = await context.newPage();
    await fresh.goto(sys.codeUrl(archivedId), { waitUntil: 'domcontentloaded' });
    await visible(fresh, '#review-state').waitFor();
    assert.equal((await visible(fresh, '#review-state').textContent())?.trim(), '已归档');
    assert.equal(await visible(fresh, '#review-commitment').count(), 0, 'no draw details for the public');
    assert.match((await visible(fresh, '#review-card').textContent()) ?? '', /仅显示公开信息/);
    await shot(fresh, T, '01-public');
    await fresh.close();
  }));

test('the regulator sees the whole trail: commitment, revealed seed, experts, report, archive hashes', () =>
  withFailureShot(page, `${T}-trail`, async () => {
    await signInAs('city-regulator', '王监管（市城管局）');
    await openRoute(page, sys.url, `/packages/review/pages/review/index?id=${archivedId}`);
    await visible(page, '#review-archive').waitFor();
    assert.match((await visible(page, '#review-commitment').textContent())?.trim() ?? '', /^[0-9a-f]{64}$/);
    assert.match((await visible(page, '#review-seed').textContent())?.trim() ?? '', /^[0-9a-f]{64}$/);
    assert.match((await visible(page, '#review-report').textContent()) ?? '', /通过/);
    assert.equal((await visible(page, '#review-experts .row').count()) >= 5, true);
    await shot(page, T, '02-regulator-trail');
  }));

test('the regulator’s draw with too few eligible experts is refused, saying how many are missing', () =>
  withFailureShot(page, `${T}-draw`, async () => {
    await openRoute(page, sys.url, `/packages/review/pages/review/index?id=${committedId}`);
    await visible(page, '#review-draw').waitFor();
    await visible(page, '#review-draw').click();
    await visible(page, '#review-error').waitFor();
    assert.match((await visible(page, '#review-error').textContent()) ?? '', /仅 2 名，还差 3 名/);
    assert.equal((await visible(page, '#review-state').textContent())?.trim(), '已申请，待抽取专家');
    await shot(page, T, '03-too-few');
  }));

test('the contractor finds the project reviews from home', () =>
  withFailureShot(page, `${T}-list`, async () => {
    await signInAs('review-contractor', '林施工（施工单位·危大工程技术负责人）');
    await visible(page, '#home-review').click();
    await waitUntil('five reviews', async () => (await visible(page, '.review-row').count()) === 5);
    await shot(page, T, '04-contractor-list');
    assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  }));
