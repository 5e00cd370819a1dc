/**
 * Issue 15's acceptance journeys in Chromium at 390×844, one continuous story on one system, every person's step
 * on the pages (each step a test of its own within the per-test time limit, each building on the one before):
 * (a) the contractor registers a 5.5 m excavation and 9 m high formwork (both 超规模), uploads the scheme and signs
 * it; the 总监 reviews it; the contractor applies for the review declaring a conflict; the regulator draws (the
 * participant's employee and the declared conflict excluded); two experts decline and are replaced in draw order;
 * five accept; the five check in at the venue (face + GPS), sign in and conclude 修改后通过; the replay CLI (run as
 * a process) reproduces the same experts; the regulator scans the review's QR and sees the trail; the contractor
 * revises, re-signs, the 总监 reviews again and the experts are told; the regulator archives, downloads the report
 * PDF and scans its QR. (b) on an orange/red alarm of the seeded deep pit linked to its review, the regulator
 * invites the original experts from the alarm page — one has since joined a participant and is not invited, a
 * supplementary expert is drawn — and their opinion appears in the alarm trail.
 * Experts are people of the library without a persona: their sessions are tokens for their accounts.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { fillTaroInput, launchBrowser, openRoute, shot, visible, withFailureShot } from './helpers/browser';
import { waitUntil } from './helpers/app';
import { sitePhotoJpeg } from './helpers/pit';
import { PENDING_PROJECT, PIT_A, SITE, approveOnPage, beijingIn, checkInAndSignIn, phones, reviewDoc as doc, text, uploadAndSign } from './helpers/review';

const T = 'review-journey';
let sys: E2eSystem;
let browser: Browser;
let ph: ReturnType<typeof phones>;
let jpeg: Buffer;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  ph = phones(browser, sys);
});
after(async () => {
  await ph?.closeAll();
  await browser?.close();
  await sys?.stop();
});

const reviewDoc = (id: string) => doc(sys, id);
let reviewId = '';
let schemeId = '';

test('(a) registration: a 5.5 m excavation and 9 m high formwork are both 超规模, each needing a scheme and a review', async () => {
  const { page } = await ph.persona('review-contractor', SITE);
  await withFailureShot(page, `${T}-register`, async () => {
    await openRoute(page, sys.url, '/packages/review/pages/reviews/index');
    await visible(page, '#review-projects-link').click();
    await visible(page, `#dw-register-${PENDING_PROJECT}`).click();
    await fillTaroInput(page, '#reg-name', '南城中心商务楼');
    await fillTaroInput(page, '#reg-address', '东莞市南城街道鸿福路 99 号');
    await visible(page, '#reg-town-nancheng').click();
    await visible(page, '#reg-locate').click();
    await visible(page, '#reg-locate[data-located="1"]').waitFor();
    await fillTaroInput(page, '#reg-party-owner', '东莞城投置业');
    await fillTaroInput(page, '#reg-party-contractor', '广东建工集团');
    await fillTaroInput(page, '#reg-party-supervisor', '华南建设监理');
    await fillTaroInput(page, '#reg-item-0-name', '主楼基坑');
    await visible(page, '#reg-item-0-cat-excavation').click();
    await fillTaroInput(page, '#reg-item-0-depthM', '5.5');
    await visible(page, '#reg-add-item').click();
    await fillTaroInput(page, '#reg-item-1-name', '地下室高大模板');
    await visible(page, '#reg-item-1-cat-formwork_support').click();
    await fillTaroInput(page, '#reg-item-1-heightM', '9');
    await shot(page, T, '01-register-form');
    await visible(page, '#reg-submit').click();
    await visible(page, '#dw-project-level').waitFor();
    assert.equal(await text(page, '#dw-project-level'), '超规模危大');
    const levels = await visible(page, '.dw-item-level').allInnerTexts();
    assert.deepEqual(levels.map((s) => s.trim()), ['超规模危大', '超规模危大']);
    const needs = await visible(page, '.dw-item-needs').allInnerTexts();
    assert.deepEqual(needs.map((s) => s.trim()), ['需要：专项施工方案 + 专家论证', '需要：专项施工方案 + 专家论证']);
    await shot(page, T, '02-classified');
    await visible(page, '.dw-item-scheme').first().click();
    await visible(page, '#scheme-upload').waitFor();
    await uploadAndSign(page, 'v1');
    await shot(page, T, '03-scheme-signed');
  });
  const p = await sys.db.collection<any>('dw_projects').findOne({ _id: PENDING_PROJECT });
  assert.deepEqual(p.items.map((i: { level: string }) => i.level), ['超规模危大', '超规模危大']);
  schemeId = p.items[0].schemeId;
  assert.equal((await sys.db.collection<any>('dw_schemes').findOne({ _id: schemeId })).state, 'signed');
});

test('(a) the 总监 reviews; the contractor applies, declaring a conflict; the regulator draws, excluding the participant’s employee and the conflict', async () => {
  await approveOnPage(await ph.persona('review-supervisor'), sys, schemeId, 'journey-04-supervisor-approved');
  const geo = await sys.db.collection<any>('dw_experts').find({ specialties: 'geotech', state: 'active' }).toArray();
  const employee = geo.find((e) => e.employer === '广东建工集团');
  assert.ok(employee, 'the library has a 岩土 expert employed by the contractor');
  const conflicted = geo.find((e) => e.employer !== '广东建工集团' && e.name !== '郑专家')!;
  const c = await ph.persona('review-contractor');
  await withFailureShot(c.page, `${T}-apply`, async () => {
    await openRoute(c.page, sys.url, `/packages/review/pages/scheme/index?id=${schemeId}`);
    await visible(c.page, '#apply-form').waitFor();
    await fillTaroInput(c.page, '#apply-meeting', beijingIn(60));
    await fillTaroInput(c.page, '#apply-venue', '南城中心商务楼项目部会议室');
    await visible(c.page, `#apply-conflict-${conflicted._id}`).click();
    await shot(c.page, T, '05-apply');
    await visible(c.page, '#apply-submit').click();
    await visible(c.page, '#review-commitment').waitFor();
    assert.equal(await text(c.page, '#review-state'), '已申请，待抽取专家');
    assert.match(await text(c.page, '#review-commitment'), /^[0-9a-f]{64}$/);
  });
  reviewId = (await sys.db.collection<any>('dw_schemes').findOne({ _id: schemeId })).reviewIds[0];
  const reg = await ph.persona('city-regulator');
  await withFailureShot(reg.page, `${T}-draw`, async () => {
    await openRoute(reg.page, sys.url, `/packages/review/pages/review/index?id=${reviewId}`);
    await visible(reg.page, '#review-draw').click();
    await waitUntil('inviting', async () => (await text(reg.page, '#review-state')) === '专家邀请中');
    await shot(reg.page, T, '06-drawn');
  });
  const doc = await reviewDoc(reviewId);
  assert.equal(doc.draw.excluded[employee._id], 'employer_is_project_participant');
  assert.equal(doc.draw.excluded[conflicted._id], 'declared_conflict');
  assert.equal(doc.invitations.length, 5);
  assert.ok(!doc.invitations.some((i: { expertId: string }) => i.expertId === employee._id || i.expertId === conflicted._id));
});

test('(a) two experts decline and are replaced in draw order; five accept', async () => {
  let doc = await reviewDoc(reviewId);
  const [first, second] = doc.invitations;
  for (const inv of [first, second]) {
    const e = await ph.expert(inv.userId);
    await withFailureShot(e.page, `${T}-decline`, async () => {
      await openRoute(e.page, sys.url, `/packages/review/pages/review/index?id=${reviewId}`);
      await fillTaroInput(e.page, '#review-decline-reason', '当日另有论证安排');
      await visible(e.page, '#review-decline').click();
      await visible(e.page, '#review-invitation').waitFor({ state: 'detached' });
    });
    await e.context.close();
  }
  doc = await reviewDoc(reviewId);
  assert.equal(doc.invitations.length, 7);
  assert.deepEqual(doc.invitations.map((i: { expertId: string }) => i.expertId), doc.draw.order.slice(0, 7), 'replaced by the next in the draw order');
  for (const inv of doc.invitations.filter((i: { status: string }) => i.status === 'invited')) {
    const e = await ph.expert(inv.userId);
    await openRoute(e.page, sys.url, `/packages/review/pages/review/index?id=${reviewId}`);
    await visible(e.page, '#review-accept').click();
    await visible(e.page, '#review-meeting').waitFor();
    await e.context.close();
  }
  assert.equal((await reviewDoc(reviewId)).state, 'convened');
});

test('(a) five check in at the venue (face + GPS), sign in and conclude 修改后通过; the replay reproduces the experts', async () => {
  const panel = (await reviewDoc(reviewId)).invitations.filter((i: { status: string }) => i.status === 'accepted');
  assert.equal(panel.length, 5);
  for (const [n, inv] of panel.entries()) {
    const e = await ph.expert(inv.userId);
    if (!jpeg) jpeg = await sitePhotoJpeg(e.page);
    await withFailureShot(e.page, `${T}-meeting-${n}`, async () => {
      await checkInAndSignIn(sys, e.page, jpeg, inv, n, reviewId);
      await e.page.locator('#opinion-text textarea').fill(`${inv.name}：支护桩嵌固深度需复核，补充抗倾覆验算`);
      await visible(e.page, '#opinion-c-revise').click();
      await visible(e.page, '#opinion-submit').click();
      await waitUntil('opinion shown', async () => (await e.page.content()).includes(`${inv.name}（修改后通过，已签字）`));
      if (n === panel.length - 1) {
        await visible(e.page, '#report-c-revise').click();
        await e.page.locator('#report-summary textarea').fill('专家组一致意见：补充抗倾覆验算、复核嵌固深度后实施');
        await visible(e.page, '#report-submit').click();
        await visible(e.page, '#review-report').waitFor();
        assert.match(await text(e.page, '#review-report'), /论证报告：修改后通过/);
        await shot(e.page, T, '07-report');
      }
    });
    await e.context.close();
  }
  const doc = await reviewDoc(reviewId);
  assert.equal(doc.state, 'concluded');
  assert.equal(doc.report.signers.length, 5);
  assert.equal(await sys.db.collection('checkins').countDocuments({ siteKind: 'review_meeting', siteId: reviewId, faceMatch: true, inGeofence: true }), 5);
  assert.match(doc.draw.seed, /^[0-9a-f]{64}$/);
  // anyone may replay the draw from the published record: the CLI, run as a process
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'cloudfunctions', 'bin', 'cityloop.mjs'), 'experts', 'replay', reviewId], { encoding: 'utf8', env: { ...process.env, MONGODB_URI: sys.dbUri, MONGODB_DB: sys.dbName }, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const out = JSON.parse(r.stdout);
  assert.equal(out.reproduced, true);
  assert.deepEqual(doc.invitations.map((i: { expertId: string }) => i.expertId), doc.draw.order.slice(0, 7));
});

test('(a) the regulator scans the review’s QR and sees the trail: the draw with its revealed seed, the declines, the sign-ins, the report', async () => {
  const reg = await ph.persona('city-regulator');
  await withFailureShot(reg.page, `${T}-trail`, async () => {
    await reg.page.goto(sys.codeUrl(reviewId), { waitUntil: 'domcontentloaded' });
    await visible(reg.page, '#review-history').waitFor();
    assert.equal(await text(reg.page, '#review-state'), '论证结论已出具');
    const d = await reviewDoc(reviewId);
    assert.equal(await text(reg.page, '#review-commitment'), d.draw.commitment);
    assert.equal(await text(reg.page, '#review-seed'), d.draw.seed);
    const trail = await text(reg.page, '#review-history');
    for (const step of ['申请专家论证', '随机抽取专家', '专家谢绝邀请', '专家接受邀请', '专家会场签到', '专家提交论证意见', '出具论证报告']) assert.ok(trail.includes(step), `${step} in the trail`);
    assert.equal(await visible(reg.page, '#review-experts .row').count(), 7);
    assert.match(await text(reg.page, '#review-report'), /论证报告：修改后通过/);
    await shot(reg.page, T, '08-regulator-trail');
  });
});

test('(a) the contractor revises, re-signs and (after the 总监) informs the experts; the regulator archives and scans the QR', async () => {
  const c = await ph.persona('review-contractor');
  await withFailureShot(c.page, `${T}-revise`, async () => {
    await openRoute(c.page, sys.url, `/packages/review/pages/review/index?id=${reviewId}`);
    await visible(c.page, '#review-revise-scheme').click();
    await visible(c.page, '#scheme-state[data-state="revising"]').waitFor();
    await uploadAndSign(c.page, 'v2');
  });
  await approveOnPage(await ph.persona('review-supervisor'), sys, schemeId, 'journey-09-revision-approved');
  await withFailureShot(c.page, `${T}-inform`, async () => {
    await openRoute(c.page, sys.url, `/packages/review/pages/review/index?id=${reviewId}`);
    await fillTaroInput(c.page, '#inform-note', '已补充抗倾覆验算并加深嵌固深度 1.5 m');
    await visible(c.page, '#inform-submit').click();
    await visible(c.page, '#review-informed').waitFor();
    await shot(c.page, T, '10-informed');
  });
  const doc = await reviewDoc(reviewId);
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
    assert.equal(await visible(reg.page, '#review-experts .row').count(), (await reviewDoc(reviewId)).invitations.length, 'every invited expert, the two who declined too');
    assert.equal(await visible(reg.page, '#review-archive .review-sub').count(), (await reviewDoc(reviewId)).archive.documents.length);
    await shot(reg.page, T, '11-archived-trail');
  });
  assert.equal((await reviewDoc(reviewId)).state, 'archived');
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
    await shot(reg.page, T, '12-stats');
  });
});

test('(b) an orange alarm on the linked pit: the regulator invites the original experts; one since conflicted is replaced; their opinion joins the alarm trail', async () => {
  const review = await sys.db.collection<any>('dw_reviews').findOne({ pitProjectId: PIT_A, state: 'archived' });
  assert.ok(review, 'the seeded deep-pit review is linked to pit A');
  const alarm = await sys.db.collection<any>('pit_alarms').findOne({ projectId: PIT_A, level: { $in: ['orange', 'red'] } });
  assert.ok(alarm, 'pit A has an orange or red alarm');
  // one of the panel has since joined the general contractor (the library keeper's record)
  const panel = review.invitations.filter((i: { status: string }) => i.status === 'accepted');
  const moved = panel[1];
  const keeper = await sys.login('city-regulator');
  const cur = await sys.api('GET', `/api/experts/${moved.expertId}`, { token: keeper.token });
  const emp = await sys.api('POST', `/api/experts/${moved.expertId}/employer`, { token: keeper.token, body: { employer: '广东建工集团', version: cur.json.data.version } });
  assert.equal(emp.status, 200, JSON.stringify(emp.json));

  const reg = await ph.persona('city-regulator');
  await withFailureShot(reg.page, `${T}-consult`, async () => {
    await openRoute(reg.page, sys.url, `/packages/pit/pages/alarm/index?id=${alarm._id}`);
    await visible(reg.page, '#alarm-expert-review').waitFor();
    await visible(reg.page, '#alarm-consult').click();
    await visible(reg.page, '#alarm-consultation').waitFor();
    const line = await text(reg.page, '#alarm-consultation');
    assert.ok(!line.includes(moved.name), `${moved.name} is not invited`);
    assert.match(line, /1 名原论证专家已不符合回避条件，未邀请；补充抽取 1 名/);
    await shot(reg.page, T, '13-consulted');
  });
  const cons = (await reviewDoc(review._id)).consultations[0];
  assert.deepEqual(Object.keys(cons.notInvited), [moved.expertId]);
  assert.equal(cons.supplementary.length, 1);
  const supp = cons.experts.find((e: { expertId: string }) => e.expertId === cons.supplementary[0]);
  assert.ok(!panel.some((i: { expertId: string }) => i.expertId === supp.expertId));

  const e = await ph.expert(supp.userId);
  const opinion = '立即坑边卸载，ZQS1 附近加密监测至每 2 小时一次，必要时回填反压';
  await withFailureShot(e.page, `${T}-consult-opinion`, async () => {
    await openRoute(e.page, sys.url, `/packages/review/pages/review/index?id=${review._id}`);
    await e.page.locator('#consult-text textarea').fill(opinion);
    await visible(e.page, '#consult-submit').click();
    await waitUntil('opinion recorded', async () => (await visible(e.page, '#consult-submit').count()) === 0);
  });
  await withFailureShot(reg.page, `${T}-alarm-trail`, async () => {
    await openRoute(reg.page, sys.url, `/packages/pit/pages/alarm/index?id=${alarm._id}`);
    await waitUntil('opinion in the alarm trail', async () => (await text(reg.page, '#alarm-trail')).includes(opinion));
    const trail = await text(reg.page, '#alarm-trail');
    assert.ok(trail.includes('邀请原论证专家研判'));
    assert.ok(trail.includes('论证专家联合意见'));
    await shot(reg.page, T, '14-alarm-trail');
  });
});

test('no page error on any phone', () => {
  assert.deepEqual(ph.errors.filter((x) => x.startsWith('pageerror')), []);
});
