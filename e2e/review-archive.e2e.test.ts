/**
 * Issue 15's acceptance journey, part 3, on the seeded review that concluded 修改后通过 (东城文化中心's 9 m high
 * formwork; part 2 concludes the journey's own review the same way, and one file would outrun the per-file time
 * limit): the contractor revises the scheme and re-signs it, the 总监 reviews it again (art. 11), the contractor
 * informs the experts; the regulator archives, downloads the report PDF and, scanning the review's QR, sees the
 * trail with the archive.
 */
import { readFile } from 'node:fs/promises';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { fillTaroInput, launchBrowser, openRoute, shot, visible, withFailureShot } from './helpers/browser';
import { waitUntil } from './helpers/app';
import { approveOnPage, phones, reviewDoc, text, uploadAndSign } from './helpers/review';

const T = 'review-archive';
let sys: E2eSystem;
let browser: Browser;
let ph: ReturnType<typeof phones>;
let reviewId = '';
let schemeId = '';

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  ph = phones(browser, sys);
  const r = await sys.db.collection<any>('dw_reviews').findOne({ state: 'concluded', 'report.conclusion': '修改后通过' });
  assert.ok(r, 'the demo has a review concluded 修改后通过');
  reviewId = r._id;
  schemeId = r.schemeId;
});
after(async () => {
  await ph?.closeAll();
  await browser?.close();
  await sys?.stop();
});

test('(a) the contractor revises, re-signs and (after the 总监) informs the experts; the regulator archives and scans the QR', async () => {
  const c = await ph.persona('review-contractor');
  await withFailureShot(c.page, `${T}-revise`, async () => {
    await openRoute(c.page, sys.url, `/packages/review/pages/review/index?id=${reviewId}`);
    await visible(c.page, '#review-revise-scheme').click();
    await visible(c.page, '#scheme-state[data-state="revising"]').waitFor();
    await uploadAndSign(c.page, 'v2');
  });
  await approveOnPage(await ph.persona('review-supervisor'), sys, schemeId, 'archive-01-revision-approved');
  await withFailureShot(c.page, `${T}-inform`, async () => {
    await openRoute(c.page, sys.url, `/packages/review/pages/review/index?id=${reviewId}`);
    await fillTaroInput(c.page, '#inform-note', '已补充抗倾覆验算并加深嵌固深度 1.5 m');
    await visible(c.page, '#inform-submit').click();
    await visible(c.page, '#review-informed').waitFor();
    await shot(c.page, T, '02-informed');
  });
  const doc = await reviewDoc(sys, reviewId);
  const panel = doc.invitations.filter((i: { status: string }) => i.status === 'accepted').map((i: { userId: string }) => i.userId).sort();
  // the outbox delivers to the in-app inbox after the answer (the request's drain or the notify timer)
  const told = async () => [...new Set((await sys.db.collection<any>('inbox').find({ title: '论证方案修改情况告知' }).toArray()).map((m) => m.userId))].sort();
  await waitUntil('the five experts are told of the revision', async () => (await told()).length >= panel.length);
  assert.deepEqual(await told(), panel);
  assert.equal((await sys.db.collection<any>('dw_schemes').findOne({ _id: schemeId })).state, 'passed');

  const reg = await ph.persona('city-regulator');
  await withFailureShot(reg.page, `${T}-archive`, async () => {
    await openRoute(reg.page, sys.url, `/packages/review/pages/review/index?id=${reviewId}`);
    await visible(reg.page, '#review-archive-btn').click();
    await visible(reg.page, '#review-archive').waitFor();
    const download = reg.page.waitForEvent('download');
    await visible(reg.page, '#review-report-pdf').click();
    const file = await download;
    const bytes = await readFile((await file.path())!);
    assert.equal(bytes.subarray(0, 4).toString(), '%PDF');
    // the report's QR is the review's signed code: scanning it opens the whole trail for the regulator
    await reg.page.goto(sys.codeUrl(reviewId), { waitUntil: 'domcontentloaded' });
    await visible(reg.page, '#review-history').waitFor();
    assert.equal(await text(reg.page, '#review-state'), '已归档');
    assert.match(await text(reg.page, '#review-seed'), /^[0-9a-f]{64}$/);
    const trail = await text(reg.page, '#review-history');
    for (const step of ['申请专家论证', '随机抽取专家', '专家会场签到', '出具论证报告', '告知专家修改情况', '归档']) assert.ok(trail.includes(step), `${step} in the trail`);
    assert.equal(await visible(reg.page, '#review-experts .row').count(), 5);
    assert.equal(await visible(reg.page, '#review-archive .review-sub').count(), (await reviewDoc(sys, reviewId)).archive.documents.length);
    await shot(reg.page, T, '03-regulator-trail');
  });
  assert.equal((await reviewDoc(sys, reviewId)).state, 'archived');
});


test('the regulator’s statistics: reviews by category, town and outcome; experts by specialty and load', async () => {
  const reg = await ph.persona('city-regulator');
  await withFailureShot(reg.page, `${T}-stats`, async () => {
    await openRoute(reg.page, sys.url, '/packages/review/pages/reviews/index');
    await visible(reg.page, '#review-stats-link').click();
    await visible(reg.page, '#stats-total').waitFor();
    const reviews = await sys.db.collection<any>('dw_reviews').find({}).toArray();
    assert.equal(await text(reg.page, '#stats-total'), `专家论证 ${reviews.length} 项`);
    const rows = async (id: string): Promise<Record<string, number>> => Object.fromEntries(await reg.page.locator(`#${id} .stats-row`).evaluateAll((els) => els.map((e) => [e.getAttribute('data-label'), Number(e.getAttribute('data-n'))])));
    const outcomes = reviews.filter((r) => r.report).reduce<Record<string, number>>((a, r) => ((a[r.report.conclusion] = (a[r.report.conclusion] ?? 0) + 1), a), {});
    assert.deepEqual(await rows('stats-outcome'), outcomes);
    const towns = await rows('stats-town');
    assert.deepEqual(Object.keys(towns).sort(), ['东城街道', '南城街道'], 'towns by name, not id');
    assert.equal(Object.values(towns).reduce((a, b) => a + b, 0), reviews.length);
    assert.equal((await rows('stats-category'))['基坑工程'], reviews.filter((r) => r.category === 'excavation').length);
    const geotech = await sys.db.collection('dw_experts').countDocuments({ state: 'active', specialties: 'geotech' });
    assert.equal((await rows('stats-specialty'))['岩土/深基坑'], geotech);
    assert.ok(Object.values(await rows('stats-load')).some((n) => n > 0), 'experts who sat show their load');
    await shot(reg.page, T, '04-stats');
  });
});

test('no page error on any phone', () => {
  assert.deepEqual(ph.errors.filter((x) => x.startsWith('pageerror')), []);
});
