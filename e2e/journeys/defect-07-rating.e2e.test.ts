/**
 * Issue 17 §7: rating a closed case was one tap and final, and 满意 was drawn as if already selected. Now no
 * option is drawn chosen until the citizen taps one; a tap only chooses (nothing is sent); the citizen may
 * add a comment, then confirms with 提交评价; the comment is kept and shown with the rating. At 390×844, in
 * normal and in large-text mode.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from '../helpers/system';
import { blockedRequests, launchBrowser, openRoute, shot, visible, withFailureShot } from '../helpers/browser';
import { waitUntil } from '../helpers/app';
import { closedCase, personaPhone } from '../helpers/personas';

const T = 'defect-07-rating';
let sys: E2eSystem;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

const text = async (page: Page, selector: string) => ((await visible(page, selector).first().textContent()) ?? '').trim();

/** The painted look of an option: what would make it read as chosen. */
const look = (page: Page, rating: string) =>
  visible(page, `#case-rate-${rating}`).evaluate((el) => {
    const s = getComputedStyle(el);
    return `${s.backgroundColor} ${s.color} ${s.borderColor}`;
  });

async function rateJourney(persona: string, large: boolean, comment: string) {
  const caseId = await closedCase(sys, persona);
  const phone = await personaPhone(browser, sys, persona, { large });
  const { page } = phone;
  const tag = large ? 'large' : 'normal';
  await withFailureShot(page, `${T}-${tag}`, async () => {
    await openRoute(page, sys.url, `/packages/citizen/pages/case/index?id=${caseId}`);
    await visible(page, '#case-rate').waitFor();
    if (large) assert.match((await visible(page, '.cl-page').first().getAttribute('class')) ?? '', /cl-large/, 'large-text mode is on');

    // Nothing is chosen before the citizen taps: the three options look alike and none says it is chosen.
    const ratings = ['satisfied', 'basically_satisfied', 'dissatisfied'];
    for (const r of ratings) assert.equal(await visible(page, `#case-rate-${r}`).getAttribute('aria-checked'), 'false', `${r} is not chosen yet`);
    const looks = await Promise.all(ratings.map((r) => look(page, r)));
    assert.equal(new Set(looks).size, 1, `no option is drawn as already chosen: ${looks.join(' | ')}`);
    assert.equal(await visible(page, '#case-rate-submit').count(), 1, 'a 提交评价 button confirms the choice');
    assert.equal(await visible(page, '#case-rate-submit').getAttribute('aria-disabled'), 'true', 'nothing to submit before a choice');
    await shot(page, T, `01-${tag}-nothing-chosen`);

    // A tap only chooses: nothing is sent, the case is not rated yet.
    const sent: string[] = [];
    page.on('request', (r) => r.url().includes(`/api/cases/${caseId}/actions`) && r.method() === 'POST' && sent.push(r.postData() ?? ''));
    await visible(page, '#case-rate-dissatisfied').click();
    await waitUntil('不满意 is chosen', async () => (await visible(page, '#case-rate-dissatisfied').getAttribute('aria-checked')) === 'true');
    await visible(page, '#case-rate-satisfied').click();
    await waitUntil('满意 is chosen instead', async () => (await visible(page, '#case-rate-satisfied').getAttribute('aria-checked')) === 'true');
    assert.equal(await visible(page, '#case-rate-dissatisfied').getAttribute('aria-checked'), 'false');
    assert.notEqual(await look(page, 'satisfied'), await look(page, 'dissatisfied'), 'the chosen option is drawn chosen');
    assert.deepEqual(sent, [], 'choosing sends nothing');
    assert.equal(await visible(page, '#case-rating').count(), 0, 'not rated yet');

    // A comment, then the confirmation.
    const box = visible(page, '#case-rate-comment textarea').first();
    await box.fill(comment);
    await shot(page, T, `02-${tag}-chosen-with-comment`);
    await visible(page, '#case-rate-submit').click();
    await visible(page, '#case-rating').waitFor();
    assert.equal(sent.length, 1, 'one rating sent');
    assert.deepEqual({ ...JSON.parse(sent[0]), version: 0 }, { action: 'rate', rating: 'satisfied', reason: comment, version: 0 });
    assert.equal(await visible(page, '#case-rating').getAttribute('data-rating'), 'satisfied');
    assert.match(await text(page, '#case-rating'), /您的评价：满意/);
    assert.equal(await text(page, '#case-rating-comment'), comment, 'the comment is shown with the rating');
    assert.equal(await visible(page, '#case-rate').count(), 0, 'rated once, the form goes away');
    const stored = await sys.db.collection<{ _id: string; rating?: string }>('cases').findOne({ _id: caseId });
    assert.equal(stored?.rating, 'satisfied');
    await shot(page, T, `03-${tag}-rated`);
  });
  pageErrors.push(...phone.errors.filter((e) => e.startsWith('pageerror')));
  await phone.context.close();
}

test('a closed case: choosing a rating is not final until 提交评价; the comment is kept (390×844)', () => rateJourney('citizen', false, '更换及时，谢谢！'));

test('the same in large-text mode', () => rateJourney('citizen2', true, '处理得很快'));

test('no uncaught errors and no requests outside the local system', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blockedRequests, []);
});
