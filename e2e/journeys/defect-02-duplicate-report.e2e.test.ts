/**
 * Issue 17, defect 2: a duplicate report must get a visible answer. The citizen fills the form, scrolls down
 * to 提交上报 and submits; the server answers 不必重复上报 (same class open at the facility). The panel with
 * 关注该问题 must be on screen — not 600 px above the view — at 390×844 and in large-text mode, and following
 * from it works.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { shot, visible, withFailureShot } from '../helpers/browser';
import { MODES, png, reportAt, startJourney, text, type Journey } from './journey';

const T = 'defect-02';
const FACILITIES = {
  normal: { id: 'fc_demo0nc01well1', classCode: '0101' },
  large: { id: 'fc_demo0nc01lamp1', classCode: '0105' },
} as const;

let j: Journey;
before(async () => {
  j = await startJourney(T);
});
after(async () => {
  await j?.stop();
});

for (const mode of MODES) {
  test(`[${mode.name}] the 不必重复上报 panel is on screen after submitting a duplicate, and 关注该问题 follows the open case`, async () => {
    const f = FACILITIES[mode.name];
    const first = await reportAt(j.sys, 'citizen', f.id, f.classCode, '路面设施损坏，请尽快处理', mode.large ? 7 : 3);
    const page = await j.phone('citizen2', mode);
    await withFailureShot(page, `${T}-${mode.name}`, async () => {
      // as a citizen gets there: the printed code → the facility landing → 我要上报
      await page.goto(j.sys.codeUrl(f.id), { waitUntil: 'domcontentloaded' });
      await visible(page, '#facility-name').waitFor();
      assert.equal(/cl-large/.test((await visible(page, '.cl-page').first().getAttribute('class')) ?? ''), mode.large);
      await visible(page, '#report-open').click();
      await visible(page, '#report-description').waitFor();
      await visible(page, '#report-description textarea').fill('这里的设施坏了，晚上很危险');
      await visible(page, '#report-photo-input').setInputFiles({ name: 'same.png', mimeType: 'image/png', buffer: png([200, 60, 60]) });
      await visible(page, '#report-photo-count[data-count="1"]').waitFor();
      await visible(page, `#report-class .report-class-option[data-code="${f.classCode}"]`).click();
      const submit = visible(page, '#report-submit');
      await submit.scrollIntoViewIfNeeded();
      await submit.click();

      const panel = visible(page, '#report-duplicate');
      await panel.waitFor();
      assert.match(await text(page, '#report-duplicate'), /不必重复上报/);
      // give the page its chance to move, then the panel must be where the user looks
      await page.waitForTimeout(800);
      const box = await panel.boundingBox();
      assert.ok(box, 'the panel has a box');
      const follow = await visible(page, '#report-follow').boundingBox();
      assert.ok(follow, 'the 关注该问题 button has a box');
      assert.ok(box.y >= 0 && box.y < 844, `the panel's top is on screen (y = ${Math.round(box.y)} px)`);
      assert.ok(follow.y >= 0 && follow.y + follow.height <= 844, `关注该问题 is on screen (y = ${Math.round(follow.y)} px)`);
      await shot(page, T, `${mode.name}-duplicate-panel`);

      await visible(page, '#report-follow').click();
      await visible(page, '#case-state').waitFor();
      assert.ok(page.url().includes(`id=${first}`), 'the follower lands on the open case');
    });
    await page.close();
  });
}

test('no page crashed', () => {
  assert.deepEqual(j.errors, []);
});
