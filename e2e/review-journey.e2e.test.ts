/**
 * Issue 15's acceptance journeys in Chromium at 390×844, every person's step on the pages (part 1; the meeting to
 * the archive is review-meeting.e2e.test.ts — one file would outrun the per-file time limit):
 * (a) the contractor registers a 5.5 m excavation and 9 m high formwork (both 超规模), uploads the scheme and signs
 * it; the 总监 reviews it; the contractor applies for the review declaring a conflict; the regulator draws (the
 * participant's employee and the declared conflict excluded); two experts decline and are replaced in draw order;
 * five accept. (b) on an orange/red alarm of the seeded deep pit linked to its review, the regulator invites the
 * original experts from the alarm page — one has since joined a participant and is not invited, a supplementary
 * expert is drawn — and their opinion appears in the alarm trail.
 * Experts are people of the library without a persona: their sessions are tokens for their accounts.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { fillTaroInput, launchBrowser, openRoute, shot, visible, withFailureShot } from './helpers/browser';
import { waitUntil } from './helpers/app';
import { PENDING_PROJECT, PIT_A, SITE, approveOnPage, beijingIn, phones, reviewDoc as doc, text, uploadAndSign } from './helpers/review';

const T = 'review-journey';
let sys: E2eSystem;
let browser: Browser;
let ph: ReturnType<typeof phones>;

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
    await shot(reg.page, T, '11-consulted');
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
    await shot(reg.page, T, '12-alarm-trail');
  });
  assert.deepEqual(ph.errors.filter((x) => x.startsWith('pageerror')), []);
});
