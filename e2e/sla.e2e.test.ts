/**
 * Issue 12 acceptance, the city as data: the city admin imports the 2026 working calendar through the 工作日历
 * page (a file with an impossible date is refused first, with its line); a report filed at 17:00 on 30 September
 * — the day before 国庆 — is due after the holiday; the town regulator accepts and dispatches a report from outside
 * every grid through the staff case page. The app's clock is set to that afternoon (CITYLOOP_DEV_CLOCK).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { launchBrowser, openRoute, phoneContext, shot, visible, withFailureShot } from './helpers/browser';
import { waitUntil } from './helpers/app';

const T = 'sla';
const CALENDAR_2026 = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'cloudfunctions/dev/seed/calendars/cn-2026.csv'), 'utf8');
/** Inside 南城街道's boundary, outside its grids (nc-01 and nc-02 lie at 113.74–113.76, 23.00–23.01). */
const GRIDLESS = { lng: 113.735, lat: 22.995 };
/**
 * 17:00 on 9/30 + 2 working hours of 受理: 1 h that day, 1 h on 10/8 → 09:30 on 10/8 (without the calendar: 10/1
 * 09:30). The clock runs on from 17:00, so the report is a few seconds or minutes later.
 */
const ACCEPT_DUE = /^2026-10-08T01:3\d:/;

let sys: E2eSystem;
let browser: Browser;
let caseId = '';

before(async () => {
  process.env.CITYLOOP_DEV_CLOCK = '2026-09-30T17:00:00+08:00';
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  // the journey starts with no 2026 calendar: the admin brings it in through the page
  await sys.db.collection('working_calendars').deleteOne({ _id: 'dongguan:2026' as never });
});

after(async () => {
  delete process.env.CITYLOOP_DEV_CLOCK;
  await browser?.close();
  await sys?.stop();
});

async function signIn(page: Page, persona: string) {
  await openRoute(page, sys.url, '/pages/index/index');
  await visible(page, '#home-login').click();
  await visible(page, `#login-persona-${persona}`).click();
  await visible(page, '#home-user').waitFor();
}

/** Types into a Taro `<Textarea id=…>`. */
async function fillTextarea(page: Page, id: string, value: string) {
  const el = visible(page, `${id} textarea`).first();
  await el.waitFor();
  await el.fill(value);
}

/** A citizen's report through the API (the report page is covered by city.e2e): one photo of their own. */
async function report(token: string, body: Record<string, unknown>): Promise<{ id: string; stepDue: { at: string }; queue: string }> {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`sla e2e ${Math.random()}`)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const s = await sys.api('POST', '/api/uploads', { token, body: { sha256, size: bytes.length, contentType: 'image/jpeg', purpose: 'photo' } });
  await fetch(s.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) });
  await sys.api('POST', '/api/uploads/complete', { token, body: { sha256, purpose: 'photo' } });
  const r = await sys.api('POST', '/api/cases', { token, body: { ...body, photos: [sha256] } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.data;
}

test('the city admin imports the 2026 calendar through the page; a bad file is refused by line first', async () => {
  const context = await phoneContext(browser, sys.url);
  const page = await context.newPage();
  await withFailureShot(page, T, async () => {
    await signIn(page, 'admin');
    await visible(page, '#home-admin-calendar').click();
    // 2026 runs without a calendar: the page says so
    const warning = visible(page, '#calendar-warning');
    await warning.waitFor();
    assert.equal(await warning.getAttribute('data-year'), '2026');
    await warning.click();
    await visible(page, '#calendar-days[data-year="2026"][data-count="0"]').waitFor();

    await fillTextarea(page, '#calendar-text', 'date,kind,name\n2026-10-01,holiday,国庆节\n2026-02-30,holiday,错误\n');
    await visible(page, '#calendar-check').click();
    const bad = visible(page, '#calendar-preview[data-ok="false"]');
    await bad.waitFor();
    assert.match((await bad.textContent()) ?? '', /第 3 行：日期不存在：2026-02-30/);
    await visible(page, '#calendar-import').click();
    await visible(page, '#calendar-error').filter({ hasText: '未导入任何内容' }).waitFor();
    assert.equal(await sys.db.collection('working_calendars').countDocuments({ _id: 'dongguan:2026' as never }), 0, 'nothing written');

    await fillTextarea(page, '#calendar-text', CALENDAR_2026);
    await visible(page, '#calendar-check').click();
    await visible(page, '#calendar-preview[data-ok="true"]').waitFor();
    await visible(page, '#calendar-import').click();
    await visible(page, '#calendar-days[data-year="2026"][data-count="39"]').waitFor();
    assert.equal(await visible(page, '#calendar-warning').count(), 0, 'no warning once 2026 has its calendar');
    await visible(page, '#calendar-days [data-date="2026-10-10"][data-kind="workday"]').waitFor();
    await shot(page, T, '01-admin-calendar-imported');
  });
  await context.close();
});

test('a report filed the day before 国庆 is due after the holiday; the town regulator accepts and dispatches it', async () => {
  const citizen = await sys.login('citizen');
  const c = await report(citizen.token, { kind: 'event', classCode: '0104', description: '巷口垃圾堆积无人清理', location: { ...GRIDLESS, accuracy: 10 } });
  caseId = c.id;
  assert.equal(c.queue, 'town_dispatch', 'outside every grid: the town queue');
  assert.match(c.stepDue.at, ACCEPT_DUE);

  const context = await phoneContext(browser, sys.url);
  const page = await context.newPage();
  await withFailureShot(page, T, async () => {
    await signIn(page, 'nancheng-regulator');
    await openRoute(page, sys.url, `/packages/chief/pages/case/index?id=${caseId}`);
    const due = visible(page, '#case-step-due');
    await due.waitFor();
    assert.equal(await due.getAttribute('data-at'), c.stepDue.at);
    assert.deepEqual(await visible(page, '#case-actions .city-action').evaluateAll((els) => els.map((e) => e.id)), ['case-action-accept', 'case-action-reject', 'case-action-assign_grid']);
    await shot(page, T, '02-regulator-town-queue');

    await visible(page, '#case-action-accept').click();
    await visible(page, '#case-form[data-action="accept"]').waitFor();
    await visible(page, '#case-submit').click();
    await visible(page, '#case-state[data-state="accepted"]').waitFor();

    await visible(page, '#case-action-dispatch').click();
    await visible(page, '#case-form[data-action="dispatch"]').waitFor();
    // preselected: the town's routed unit for events
    await visible(page, '#case-form-unit[data-unit="org-sanitation-nc"]').waitFor();
    await visible(page, '#case-submit').click();
    await visible(page, '#case-state[data-state="dispatched"]').waitFor();
    await visible(page, '#case-unit[data-unit="org-sanitation-nc"]').waitFor();
    await visible(page, '#case-step-due[data-step="handle"]').waitFor();
    await shot(page, T, '03-regulator-dispatched');
  });
  await waitUntil('the case is dispatched by the town regulator', async () => {
    const doc = await sys.db.collection('cases').findOne({ _id: caseId as never });
    return doc?.state === 'dispatched' && doc.history.some((e: { action: string; role: string }) => e.action === 'case.dispatch' && e.role === 'regulator');
  });
  await context.close();
});
