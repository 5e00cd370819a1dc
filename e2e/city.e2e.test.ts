/**
 * Issue 3 acceptance, 城市服务码: a citizen opens a code URL and reports with a photo and the position; the
 * area chief files and dispatches; the unit uploads an after photo; a patroller checks it on site and the
 * case closes; the citizen sees each step, receives the messages (inbox + WeChat stand-in) and rates. A
 * second citizen scanning the same facility is offered 'follow'. A patrol scan 300 m away is refused with
 * an explanation. Every step is driven in Chromium, one browser context per person.
 *
 * Positions: browsers report WGS-84 and the app converts to GCJ-02 (the facilities' system), so the test
 * places each browser at the WGS-84 equivalent of where the person stands.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { blockedRequests, fillTaroInput, launchBrowser, openRoute, phoneContext, settle, shot, visible, watchErrors, withFailureShot } from './helpers/browser';
import { sessionToken, waitUntil } from './helpers/app';
import { gcj02ToWgs84, northOf } from '../miniprogram/src/services/city-geo';

const T = 'city';
const WELL = { id: 'fc_demo0nc01well1', name: '鸿福路上水井盖', maintainer: '南城市政道路养护公司', lng: 113.748, lat: 23.006 };
const CLASS = { kind: 'component', code: '0101', name: '上水井盖' };
const ACCURACY_M = 8;
/** The routed unit of the well, and another unit of 南城 the dispatch picker offers. */
const UNIT = { id: 'org-roads-nc', name: '南城市政道路养护公司' };
const OTHER_UNIT = { id: 'org-sanitation-nc', name: '南城环卫所' };

let sys: E2eSystem;
let browser: Browser;
let codeUrl: string;
let caseId = '';
const pageErrors: string[] = [];

type Person = { context: BrowserContext; page: Page };
const people: Record<string, Person> = {};

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  codeUrl = sys.codeUrl(WELL.id);
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

/** Where the browser must say it is (WGS-84) for the app to place the person at `p` (GCJ-02). */
function geo(p: { lng: number; lat: number }) {
  const w = gcj02ToWgs84(p);
  return { latitude: w.lat, longitude: w.lng, accuracy: ACCURACY_M };
}

/** A phone for one person: its own session, location allowed and standing at the facility. */
async function phone(who: string): Promise<Person> {
  if (people[who]) return people[who];
  const context = await phoneContext(browser, sys.url);
  await context.grantPermissions(['geolocation'], { origin: new URL(sys.url).origin });
  await context.setGeolocation(geo(WELL));
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('close', () => pageErrors.push(...errors.filter((e) => e.startsWith('pageerror')).map((e) => `${who}: ${e}`)));
  people[who] = { context, page };
  return people[who];
}

/** Signs a persona in through the H5 login page, starting from home. */
async function signIn(page: Page, persona: string, name: string) {
  await openRoute(page, sys.url, '/pages/index/index');
  await visible(page, '#home-login').click();
  await visible(page, `#login-persona-${persona}`).click();
  const user = visible(page, '#home-user');
  await user.waitFor();
  assert.equal((await user.textContent())?.trim(), name);
}

/** A small genuine JPEG drawn by the browser (the server sniffs the bytes), different per label. */
async function photo(page: Page, label: string, color: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const dataUrl = await page.evaluate(
    ([text, fill]) => {
      const c = document.createElement('canvas');
      c.width = 160;
      c.height = 120;
      const g = c.getContext('2d')!;
      g.fillStyle = fill;
      g.fillRect(0, 0, 160, 120);
      g.fillStyle = '#3b3b3b';
      g.beginPath();
      g.arc(80, 70, 34, 0, Math.PI * 2);
      g.fill();
      g.fillStyle = '#ffffff';
      g.font = 'bold 18px sans-serif';
      g.fillText(text, 10, 24);
      return c.toDataURL('image/jpeg', 0.9);
    },
    [label, color] as const,
  );
  const buffer = Buffer.from(dataUrl.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
  assert.ok(buffer[0] === 0xff && buffer[1] === 0xd8, 'the browser produced a JPEG');
  return { name: `${label.toLowerCase()}.jpg`, mimeType: 'image/jpeg', buffer };
}

const text = async (page: Page, selector: string) => ((await visible(page, selector).first().textContent()) ?? '').trim();

async function caseApi(page: Page) {
  const r = await sys.api('GET', `/api/cases/${caseId}`, { token: await sessionToken(page) });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json as { data: { state: string; version: number; photos: string[]; location?: { accuracy?: number }; timeline: { action: string; role: string; photos: string[]; data?: Record<string, unknown> }[] }; policies: Record<string, boolean> };
}

/**
 * Chooses a unit in the dispatch picker (Taro's H5 picker: a tap on a row scrolls it under the indicator,
 * 确定 confirms) and waits for the sheet to close.
 */
async function pickUnit(page: Page, name: string) {
  await visible(page, '#case-form-unit-value').click();
  const sheet = visible(page, '.weui-picker');
  await sheet.waitFor();
  const names = (await visible(page, '.weui-picker__item').allTextContents()).map((t) => t.trim());
  assert.ok(names.includes(UNIT.name) && names.includes(OTHER_UNIT.name), `the town's units by name: ${names.join('、')}`);
  assert.ok(!names.some((n) => n.startsWith('org-')), 'no raw ids in the picker');
  await settle(page);
  const row = await visible(page, '.weui-picker__item').filter({ hasText: name }).boundingBox();
  assert.ok(row, `${name} is on screen`);
  await page.mouse.move(row.x + row.width / 2, row.y + row.height / 2);
  await page.mouse.down();
  await page.mouse.up();
  await settle(page);
  await visible(page, '.weui-picker__action').filter({ hasText: '确定' }).click();
  await sheet.waitFor({ state: 'hidden' });
}

/** Waits until the staff case page shows `state`, after pressing `action` and submitting its form. */
async function doAction(page: Page, action: string, state: string, fill?: () => Promise<void>) {
  await visible(page, `#case-action-${action}`).click();
  await visible(page, `#case-form[data-action="${action}"]`).waitFor();
  if (fill) await fill();
  await visible(page, '#case-submit').click();
  await visible(page, `#case-state[data-state="${state}"]`).waitFor();
  assert.equal(await visible(page, '#case-form').count(), 0, 'the form closes after submitting');
}

test('a citizen opens the printed code URL and lands on the facility page: name, maintainer, no open problem', async () => {
  const { page } = await phone('citizen');
  await withFailureShot(page, T, async () => {
    assert.match(codeUrl, new RegExp(`/c/${WELL.id}\\.[A-Za-z0-9_-]{16}$`));
    await page.goto(codeUrl, { waitUntil: 'domcontentloaded' });
    const name = visible(page, '#facility-name');
    await name.waitFor();
    assert.equal((await name.textContent())?.trim(), WELL.name);
    assert.match(page.url(), new RegExp(`#/packages/citizen/pages/facility/index\\?id=${WELL.id}&c=`), 'the scan page routed the facility code to the citizen landing');
    assert.equal(await text(page, '#facility-maintainer'), WELL.maintainer);
    assert.equal(await text(page, '#facility-grid'), '南城第一网格', 'the grid by name, not nc-01');
    assert.equal(await visible(page, '#facility-open-cases').getAttribute('data-count'), '0');
    assert.equal(await visible(page, '#report-open').count(), 1);
    await shot(page, T, '01-facility-landing');
  });
});

test('reporting asks the citizen to sign in, then shows the form with the facility’s class and the position with its accuracy', async () => {
  const { page } = await phone('citizen');
  await withFailureShot(page, T, async () => {
    await visible(page, '#report-open').click();
    await visible(page, '#city-login-prompt').waitFor();
    await shot(page, T, '02-report-login-prompt');
    await visible(page, '#city-login').click();
    await visible(page, '#login-persona-citizen').click();

    // Back on the report form, signed in.
    await visible(page, '#report-description').waitFor();
    assert.match(page.url(), /#\/packages\/citizen\/pages\/report\/index\?facilityId=fc_demo0nc01well1/);
    assert.equal(await text(page, '#report-facility .report-facility-name'), WELL.name);
    assert.equal(await visible(page, `#report-kind .report-kind-option[data-kind="component"].is-active`).count(), 1, '部件 pre-selected');
    assert.equal(await visible(page, `#report-class .report-class-option[data-code="${CLASS.code}"].is-active`).count(), 1, '上水井盖 pre-selected from the facility');
    assert.match(await text(page, '#report-class-hint'), /立案标准：井盖缺失、破损/);

    const where = visible(page, '#report-location[data-phase="ok"]');
    await where.waitFor();
    assert.equal(await where.getAttribute('data-accuracy'), String(ACCURACY_M));
    assert.match((await where.textContent()) ?? '', new RegExp(`已定位 · 定位精度约 ${ACCURACY_M} 米`));
    assert.match((await where.textContent()) ?? '', /113\.748\d\d, 23\.006\d\d/, 'the browser’s WGS-84 fix was converted back to the facility’s GCJ-02 position');
  });
});

test('the citizen picks 事件 then back to 部件 · 上水井盖, describes the problem, adds a photo and submits: the case is 受理', async () => {
  const { page } = await phone('citizen');
  await withFailureShot(page, T, async () => {
    // The pickers are real controls: switching kind clears the class.
    await visible(page, '#report-kind .report-kind-option[data-kind="event"]').click();
    assert.equal(await visible(page, '#report-class .report-class-option.is-active').count(), 0);
    assert.equal(await visible(page, '#report-class .report-class-option[data-code="0102"]').textContent(), '暴露垃圾');
    await visible(page, '#report-kind .report-kind-option[data-kind="component"]').click();
    await visible(page, `#report-class .report-class-option[data-code="${CLASS.code}"]`).click();
    assert.equal(await visible(page, `#report-class .report-class-option[data-code="${CLASS.code}"].is-active`).count(), 1);

    // Submitting without a description or photo is refused on the spot.
    await visible(page, '#report-submit').click();
    assert.equal(await text(page, '#report-error'), '请描述问题（至少 4 个字）');

    await visible(page, '#report-description textarea').fill('井盖破损松动，踩上去会晃，晚上行人容易踩空');
    await visible(page, '#report-photo-input').setInputFiles(await photo(page, 'BEFORE', '#8a7a62'));
    await visible(page, '#report-photo-count[data-count="1"]').waitFor();
    await shot(page, T, '03-report-filled');

    await visible(page, '#report-submit').click();
    const state = visible(page, '#case-state');
    await state.waitFor();
    assert.equal((await state.textContent())?.trim(), '受理');
    const m = /#\/packages\/citizen\/pages\/case\/index\?id=(cs_[A-Za-z0-9_-]+)/.exec(page.url());
    assert.ok(m, `on the citizen case page: ${page.url()}`);
    caseId = m[1];
    assert.equal(await visible(page, '.case-step').count(), 1);
    assert.equal(await text(page, '.case-step .case-step-title'), '市民上报');
    assert.equal(await text(page, '#case-state-text'), '已收到您的上报，等待片长受理');
    await shot(page, T, '04-citizen-case-received');

    // What the server stored: the facility, the photo, the position with its accuracy.
    const c = (await caseApi(page)).data;
    assert.equal(c.state, 'received');
    assert.equal(c.photos.length, 1);
    assert.equal(c.location?.accuracy, ACCURACY_M);
  });
});

test('a second citizen scanning the same facility sees the open problem and is offered to follow it instead of reporting again', async () => {
  const { page } = await phone('citizen2');
  await withFailureShot(page, T, async () => {
    assert.ok(caseId, 'the first report was filed');
    await page.goto(codeUrl, { waitUntil: 'domcontentloaded' });
    await visible(page, '#facility-name').waitFor();
    const open = visible(page, '#facility-open-cases');
    assert.equal(await open.getAttribute('data-count'), '1');
    const item = visible(page, `.facility-case[data-id="${caseId}"]`);
    assert.match((await item.textContent()) ?? '', /上水井盖.*受理/);
    await shot(page, T, '05-second-citizen-landing');

    await visible(page, '#report-open').click();
    await visible(page, '#city-login').click();
    await visible(page, '#login-persona-citizen2').click();
    await visible(page, '#report-description').waitFor();
    // Flagged before submitting …
    assert.match(await text(page, '#report-same-open'), /“上水井盖”问题正在处理中/);
    assert.equal(await visible(page, `#report-class .report-class-option[data-code="${CLASS.code}"] .city-option-flag`).count(), 1);
    await visible(page, '#report-description textarea').fill('鸿福路井盖松动，有响声');
    await visible(page, '#report-photo-input').setInputFiles(await photo(page, 'SAME', '#7d8a62'));
    await visible(page, '#report-photo-count[data-count="1"]').waitFor();
    await visible(page, '#report-submit').click();

    // … and refused by the server as a duplicate, with 'follow' offered.
    const dup = visible(page, '#report-duplicate');
    await dup.waitFor();
    assert.match((await dup.textContent()) ?? '', /该设施已有同类问题正在处理，您可以关注它以获得进展通知/);
    await shot(page, T, '06-duplicate-offers-follow');
    await visible(page, '#report-follow').click();

    const state = visible(page, '#case-state');
    await state.waitFor();
    assert.equal((await state.textContent())?.trim(), '受理');
    assert.ok(page.url().includes(`id=${caseId}`), 'the follower sees the original case');
    const mine = await sys.api('GET', '/api/cases/mine', { token: await sessionToken(page) });
    assert.deepEqual(
      mine.json.data.map((c: { id: string; following: boolean }) => [c.id, c.following]),
      [[caseId, true]],
      'no second case: 李四 follows 张三’s',
    );
    const cases = await sys.db.collection('cases').countDocuments({ facilityId: WELL.id });
    assert.equal(cases, 1);
  });
});

test('the area chief files (立案) and dispatches the case to the routed unit from the work queue', async () => {
  const { page } = await phone('chief');
  await withFailureShot(page, T, async () => {
    await signIn(page, 'chief-nancheng', '刘片长（南城）');
    await visible(page, '#home-chief').click();
    const item = visible(page, `.queue-item[data-id="${caseId}"]`);
    await item.waitFor();
    assert.equal(await item.getAttribute('data-state'), 'received');
    assert.equal(await text(page, `.queue-item[data-id="${caseId}"] .queue-grid`), '南城第一网格', 'the grid by name');
    await shot(page, T, '07-chief-queue');
    await item.click();

    await visible(page, '#case-state[data-state="received"]').waitFor();
    assert.deepEqual(await visible(page, '#case-actions .city-action').evaluateAll((els) => els.map((e) => e.id)), ['case-action-accept', 'case-action-reject'], 'the buttons are the server’s policies');
    await doAction(page, 'accept', 'accepted');
    assert.equal(await text(page, '#case-grid'), '南城第一网格', 'the grid by its name');
    await visible(page, '#case-action-dispatch').click();
    await visible(page, '#case-form[data-action="dispatch"]').waitFor();
    // the picker starts on the routed unit, shown by name; the chief can pick another unit of the town and back
    await visible(page, `#case-form-unit[data-unit="${UNIT.id}"]`).waitFor();
    // the name arrives with the directory, which this page is the first to ask for
    await visible(page, '#case-form-unit-value .staff-unit-name').filter({ hasText: UNIT.name }).waitFor();
    assert.equal(await text(page, '#case-form-unit-value .staff-unit-name'), UNIT.name, 'the routed unit is pre-selected, by name');
    await pickUnit(page, OTHER_UNIT.name);
    await visible(page, `#case-form-unit[data-unit="${OTHER_UNIT.id}"]`).waitFor();
    assert.equal(await text(page, '#case-form-unit-value .staff-unit-name'), OTHER_UNIT.name);
    await pickUnit(page, UNIT.name);
    await visible(page, `#case-form-unit[data-unit="${UNIT.id}"]`).waitFor();
    await shot(page, T, '08-chief-dispatch-form');
    await visible(page, '#case-submit').click();
    await visible(page, '#case-state[data-state="dispatched"]').waitFor();
    assert.equal(await visible(page, '#case-unit').getAttribute('data-unit'), UNIT.id);
    assert.equal(await text(page, '#case-unit'), UNIT.name, 'the chief sees the unit’s name, not its id');
    assert.equal((await caseApi(page)).data.timeline.at(-1)?.data?.unitId, UNIT.id, 'dispatched to the routed unit');
    assert.deepEqual(
      await visible(page, '#case-actions .city-action').evaluateAll((els) => els.map((e) => e.id)),
      ['case-action-park', 'case-action-defer'],
      'only the exceptions (挂账/缓办) are left for the chief until the unit reports',
    );
    await shot(page, T, '09-chief-dispatched');
  });
});

test('the unit opens the dispatch message from its inbox, starts work and reports with an after photo', async () => {
  const { page } = await phone('unit');
  await withFailureShot(page, T, async () => {
    await signIn(page, 'unit-roads', '吴师傅（道路养护）');
    const token = await sessionToken(page);
    await waitUntil('the dispatch message reaches the unit', async () => {
      const r = await sys.api('GET', '/api/inbox', { token });
      return r.json.data.items.some((i: { title: string }) => i.title.startsWith('新派遣案件'));
    });
    await visible(page, '#home-inbox').click();
    const msg = visible(page, '.inbox-item').filter({ hasText: '新派遣案件，请接单处置｜上水井盖' });
    await msg.first().waitFor();
    await msg.first().click();

    await visible(page, '#case-state[data-state="dispatched"]').waitFor();
    assert.match(page.url(), new RegExp(`#/packages/chief/pages/case/index\\?id=${caseId}`));
    assert.deepEqual(await visible(page, '#case-actions .city-action').evaluateAll((els) => els.map((e) => e.id)), ['case-action-start', 'case-action-return', 'case-action-extend']);
    await doAction(page, 'start', 'in_progress');

    await visible(page, '#case-action-report').click();
    await visible(page, '#case-form[data-action="report"]').waitFor();
    // Photos are required by the transition table; the page says so before asking the server.
    await visible(page, '#case-submit').click();
    assert.equal(await text(page, '#case-form-error'), '请上传处置后的现场照片');
    await visible(page, '#case-form-reason textarea').fill('已更换新井盖并复位，与路面平顺');
    await visible(page, '#case-photo-input').setInputFiles(await photo(page, 'AFTER', '#5b6e85'));
    await visible(page, '#case-photo-count[data-count="1"]').waitFor();
    await shot(page, T, '10-unit-report-form');
    await visible(page, '#case-submit').click();
    await visible(page, '#case-state[data-state="handled"]').waitFor();
    await shot(page, T, '11-unit-reported');

    const c = (await caseApi(page)).data;
    const report = c.timeline.find((e) => e.action === 'case.report');
    assert.equal(report?.role, 'unit');
    assert.equal(report?.photos.length, 1, 'the after photo is on the 反馈 step');
  });
});

test('a patrol scan 300 m away is refused with the distance explained, and nothing is recorded', async () => {
  const { context, page } = await phone('patroller');
  await withFailureShot(page, T, async () => {
    await context.setGeolocation(geo(northOf(WELL, 300)));
    await signIn(page, 'patroller-nancheng', '周巡查（第三方）');
    await visible(page, '#home-patrol').click();
    await visible(page, '#patrol-scan-open').click();
    await fillTaroInput(page, '#patrol-code-input', codeUrl);
    const facility = visible(page, '#patrol-facility');
    await facility.waitFor();
    assert.match((await facility.textContent()) ?? '', new RegExp(WELL.name));
    // Before submitting, the page already says how far the patroller is (judged as the server will).
    const preview = visible(page, '#patrol-distance');
    await preview.waitFor();
    assert.equal((await preview.textContent())?.trim(), '距该设施约 300 米，须在 50 米内签到');
    assert.equal(await preview.getAttribute('data-ok'), '0');

    await visible(page, '#patrol-submit').click();
    const error = visible(page, '#patrol-error');
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), '您距离该设施约 300 米，超出 50 米巡查范围，请到现场扫码');
    assert.match((await error.getAttribute('class')) ?? '', /error-message/);
    assert.equal(await visible(page, '#patrol-location').getAttribute('data-accuracy'), String(ACCURACY_M));
    assert.equal(await visible(page, '#patrol-result').count(), 0);
    await shot(page, T, '12-patrol-refused-300m');
    assert.equal(await sys.db.collection('patrol_checks').countDocuments({ facilityId: WELL.id }), 0, 'a refused scan is not a patrol');
  });
});

test('on site, the patroller checks in (正常) and then verifies the case with a photo: 结案', async () => {
  const { context, page } = await phone('patroller');
  await withFailureShot(page, T, async () => {
    await context.setGeolocation(geo(WELL));
    await visible(page, '#patrol-submit').click();
    const result = visible(page, '#patrol-result');
    await result.waitFor();
    const distance = Number(await result.getAttribute('data-distance'));
    assert.ok(distance >= 0 && distance <= 5, `checked in at the facility (${distance} m)`);
    assert.match((await result.textContent()) ?? '', new RegExp(`巡查已记录${WELL.name}`));
    assert.equal(await visible(page, '#patrol-error').count(), 0);
    assert.equal(await visible(page, '#patrol-distance').getAttribute('data-ok'), '1', 'the fresh fix taken on submit updated the preview');
    await shot(page, T, '13-patrol-checked-in');
    assert.equal(await sys.db.collection('patrol_checks').countDocuments({ facilityId: WELL.id, condition: 'ok' }), 1);

    // 待核查 → the case → 核查通过 with a site photo.
    await openRoute(page, sys.url, '/packages/patrol/pages/today/index');
    await visible(page, '#patrol-verify-queue').click();
    const item = visible(page, `.queue-item[data-id="${caseId}"]`);
    await item.waitFor();
    assert.equal(await item.getAttribute('data-state'), 'handled');
    await item.click();
    await visible(page, '#case-state[data-state="handled"]').waitFor();
    assert.deepEqual(await visible(page, '#case-actions .city-action').evaluateAll((els) => els.map((e) => e.id)), ['case-action-verify']);
    await doAction(page, 'verify', 'closed', async () => {
      await visible(page, '#case-outcome-pass').click();
      await visible(page, '#case-photo-input').setInputFiles(await photo(page, 'CHECK', '#6b8a62'));
      await visible(page, '#case-photo-count[data-count="1"]').waitFor();
      await visible(page, '#case-location[data-phase="ok"]').waitFor();
      await shot(page, T, '14-patroller-verify-form');
    });
    await shot(page, T, '15-patroller-verified-closed');

    const c = (await caseApi(page)).data;
    const verify = c.timeline.find((e) => e.action === 'case.verify');
    assert.equal(verify?.role, 'patroller');
    assert.deepEqual(verify?.data, { outcome: 'pass' });
    assert.equal(verify?.photos.length, 1);
  });
});

test('the citizen sees every step of the loop and rates the result', async () => {
  const { page } = await phone('citizen');
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, '/pages/index/index');
    await visible(page, '#home-my-cases').click();
    const item = visible(page, `.case-item[data-id="${caseId}"]`);
    await item.waitFor();
    assert.equal(await item.getAttribute('data-state'), 'closed');
    assert.equal(await item.getAttribute('data-following'), '0');
    await shot(page, T, '16-citizen-my-cases');
    await item.click();

    await visible(page, '#case-state[data-state="closed"]').waitFor();
    assert.equal(await text(page, '#case-state'), '结案');
    assert.equal(await text(page, '#case-state-text'), '现场核查通过，已结案');
    const steps = await visible(page, '.case-step .case-step-title').allTextContents();
    assert.deepEqual(steps.map((s) => s.trim()), ['市民上报', '立案', '派遣', '接单', '反馈', '核查']);
    const verify = visible(page, '.case-step[data-action="case.verify"]');
    assert.match((await verify.textContent()) ?? '', /巡查员.*核查通过/);
    assert.match((await visible(page, '.case-step[data-action="case.report"]').textContent()) ?? '', /责任单位.*已更换新井盖并复位/);
    await shot(page, T, '17-citizen-timeline');

    await visible(page, '#case-rate-satisfied').click();
    await visible(page, '#case-rate-submit').click();
    const rating = visible(page, '#case-rating');
    await rating.waitFor();
    assert.equal(await rating.getAttribute('data-rating'), 'satisfied');
    assert.equal(await visible(page, '#case-rate').count(), 0, 'rated once, the buttons go away');
    assert.equal(await visible(page, '#case-dispute-open').count(), 1, 'a dispute is still possible within 7 days');
    await visible(page, '.case-step[data-action="case.rate"]').waitFor();
    await shot(page, T, '18-citizen-rated');
  });
});

test('the citizen’s inbox shows 已立案 / 已处置并反馈 / 结案, and each went to the WeChat stand-in for the citizen (and the follower)', async () => {
  const { page } = await phone('citizen');
  const citizen = await sys.persona('citizen');
  const follower = await sys.persona('citizen2');
  await withFailureShot(page, T, async () => {
    const token = await sessionToken(page);
    const titles = ['您反映的问题已立案｜上水井盖', '责任单位已处置并反馈｜上水井盖', '问题已核查结案，欢迎评价｜上水井盖'];
    await waitUntil('the three case messages reach the citizen’s inbox', async () => {
      const r = await sys.api('GET', '/api/inbox', { token });
      return titles.every((t) => r.json.data.items.some((i: { title: string }) => i.title === t));
    });
    await openRoute(page, sys.url, '/pages/inbox/index');
    for (const t of titles) await visible(page, '.inbox-item').filter({ hasText: t }).first().waitFor();
    const shown = await visible(page, '.inbox-item-title').allTextContents();
    assert.ok(shown.some((s) => s.includes('已立案')) && shown.some((s) => s.includes('已处置并反馈')) && shown.some((s) => s.includes('结案')), shown.join(' / '));
    await shot(page, T, '19-citizen-inbox');

    // A message opens the case it is about.
    await visible(page, '.inbox-item').filter({ hasText: titles[2] }).first().click();
    await visible(page, '#case-state[data-state="closed"]').waitFor();
    assert.ok(page.url().includes(`id=${caseId}`));

    await waitUntil('the WeChat stand-in received the three progress messages for both citizens', async () => {
      const sent = sys.standins.log.filter((e) => e.service === 'wechat' && e.kind === 'subscribeMessage.send' && e.ok && (e.payload as { template_id?: string })?.template_id === 'TPL_PROGRESS');
      return sent.filter((e) => e.to === citizen.openid).length >= 3 && sent.filter((e) => e.to === follower.openid).length >= 3;
    });
    const toCitizen = sys.standins.log.filter((e) => e.service === 'wechat' && e.kind === 'subscribeMessage.send' && e.to === citizen.openid);
    assert.ok(toCitizen.length >= 3);
    for (const e of toCitizen) {
      const p = e.payload as { touser: string; page: string; data: Record<string, { value: string }> };
      assert.equal(e.ok, true, e.error);
      assert.equal(p.touser, citizen.openid);
      assert.equal(p.page, `packages/citizen/pages/case/index?id=${caseId}`);
    }
    assert.deepEqual(toCitizen.map((e) => (e.payload as { data: { phrase2: { value: string } } }).data.phrase2.value).slice(0, 3), ['立案', '已反馈', '结案']);
  });
});

test('the area chief reads the five numbers with their definitions, sets a patrol rule and sees the coverage', async () => {
  const { page } = await phone('chief');
  const patroller = await sys.persona('patroller-nancheng');
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, '/packages/chief/pages/queue/index');
    await visible(page, '#queue-metrics').click();
    const town = visible(page, '.metrics-row[data-key="nancheng"]');
    await town.waitFor();
    assert.equal(await text(page, '.metrics-row[data-key="nancheng"] .metrics-key'), '南城街道', 'the town by name, not nancheng');
    assert.equal(await text(page, '.metrics-row[data-key="nancheng"] .metric[data-metric="closeRate"] .metric-value'), '100%');
    assert.equal(await text(page, '.metrics-row[data-key="nancheng"] .metric[data-metric="satisfactionRate"] .metric-value'), '100%');
    assert.equal(await text(page, '.metrics-row[data-key="nancheng"] .metric[data-metric="reworkRate"] .metric-value'), '0%');
    assert.match(await text(page, '#metrics-definitions .metrics-definition[data-metric="satisfactionRate"]'), /满意率 = （满意 \+ 基本满意）÷ 有效评价数/);
    await shot(page, T, '20-chief-metrics');

    await openRoute(page, sys.url, '/packages/chief/pages/rules/index');
    await visible(page, '.rule-grid-option[data-grid="nc-01"].is-active').waitFor();
    await fillTaroInput(page, '#rule-start', '00:00');
    await fillTaroInput(page, '#rule-end', '23:59');
    // the grid's patrollers are a list of names (third-party staff with their company), not ids to type
    const option = visible(page, `#rule-patrollers .rule-patroller-option[data-id="${patroller._id}"]`);
    await option.waitFor();
    assert.equal(await text(page, '.rule-grid-option[data-grid="nc-01"]'), '南城第一网格');
    assert.equal(await text(page, `.rule-patroller-option[data-id="${patroller._id}"] .rule-patroller-name`), patroller.name);
    assert.match(await text(page, `.rule-patroller-option[data-id="${patroller._id}"] .rule-patroller-company`), /第三方\s*莞城第三方巡查公司/);
    await option.click();
    await visible(page, `#rule-patrollers[data-count="1"] .rule-patroller-option.is-active[data-id="${patroller._id}"]`).waitFor();
    await shot(page, T, '21-chief-rule-form');
    await visible(page, '#rule-submit').click();
    const created = visible(page, '#rule-created');
    await created.waitFor();
    const facilities = Number(await created.getAttribute('data-facilities'));
    assert.ok(facilities >= 55, `the whole grid nc-01 (${facilities} facilities)`);

    await openRoute(page, sys.url, '/packages/chief/pages/coverage/index');
    const row = visible(page, `.coverage-row[data-patroller="${patroller._id}"][data-grid="nc-01"]`);
    await row.waitFor();
    await row.locator('.coverage-patroller', { hasText: patroller.name }).waitFor();
    assert.equal((await row.locator('.coverage-company').textContent())?.trim(), '莞城第三方巡查公司');
    assert.equal((await row.locator('.coverage-grid').textContent())?.trim(), '南城第一网格');
    assert.ok(!((await row.textContent()) ?? '').includes(patroller._id), 'names, not ids');
    // (the demo's shop plaques add their own grade-driven rules for the same patroller)
    assert.ok(Number(await row.getAttribute('data-due')) >= facilities, 'every facility of the new rule is due');
    assert.ok(Number(await row.getAttribute('data-done')) >= 1, 'the check-in at the well counts');
    await shot(page, T, '22-chief-coverage');
  });
});

test('the patroller’s day list now shows the rule’s facilities, the well already done', async () => {
  const { page } = await phone('patroller');
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, '/packages/patrol/pages/today/index');
    const well = visible(page, `.patrol-task[data-facility="${WELL.id}"]`);
    await well.waitFor();
    assert.equal(await well.getAttribute('data-remaining'), '0');
    assert.ok((await visible(page, '.patrol-task').count()) >= 55);
    await shot(page, T, '23-patrol-today');
  });
});

test('no page crashed and nothing left the local system', async () => {
  for (const p of Object.values(people)) await p.page.close();
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blockedRequests, []);
});
