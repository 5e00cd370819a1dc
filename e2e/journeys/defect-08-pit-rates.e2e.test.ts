/**
 * Issue 17 §8, deep foundation pits: a rate that was not judged said only "（未判定）" on the upload result,
 * the alarm page and the SMS (only the point page said why); an alarm raised to red kept showing its first
 * 报警时间; the upload list gave values without units. Now the reason is shown wherever such a rate is (one
 * wording: the server's rate verdict), the alarm page says when its level was raised, and every value on
 * the upload list has its unit. At 390×844, in normal and large-text mode.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from '../helpers/system';
import { blockedRequests, launchBrowser, openRoute, shot, visible, withFailureShot } from '../helpers/browser';
import { waitUntil } from '../helpers/app';
import { beijingIso, DEMO_BENCHMARK, DEMO_ROUTE } from '../helpers/pit';
import { personaPhone, type PersonaPhone } from '../helpers/personas';
import { levelingFile } from '../../cloudfunctions/dev/seed/pit-demo-files';
import { formatTime } from '../../miniprogram/src/services/format';

const T = 'defect-08-pit-rates';
const PIT = 'pj_demo0nc0pit0b';
const POINT = 'ZQS2'; // control 20 mm
const REASON = /间隔不足半天/;

let sys: E2eSystem;
let browser: Browser;
let monitorToken: string;
let alarmId: string;
const pageErrors: string[] = [];

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  monitorToken = (await sys.login('pit-monitor')).token;
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

const text = async (page: Page, selector: string) => ((await visible(page, selector).first().textContent()) ?? '').trim();

/** A leveling file with ZQS2 settled to `ratio` of its control and every other point where the seed left it. */
async function fileAt(ratio: number): Promise<string> {
  const points = await sys.db.collection<{ code: string; initialM: number }>('pit_points').find({ projectId: PIT }).toArray();
  const uploads = (await sys.api('GET', `/api/pit/projects/${PIT}/uploads`, { token: monitorToken })).json.data as { status: string; observedAt: string; results: { point: string; value: number }[] }[];
  const last = uploads.filter((u) => u.status === 'accepted' && u.results.length).sort((a, b) => Date.parse(b.observedAt) - Date.parse(a.observedAt))[0];
  const elevation = (code: string) => {
    const p = points.find((x) => x.code === code)!;
    return code === POINT ? p.initialM - (ratio * 20) / 1000 : p.initialM + last.results.find((r) => r.point === code)!.value / 1000;
  };
  return levelingFile(DEMO_BENCHMARK, DEMO_ROUTE.map((code) => ({ code, elevation: elevation(code) })), Math.round(ratio * 1000));
}

async function checkAlarmPage(phone: PersonaPhone, tag: string, escalated: boolean) {
  const { page } = phone;
  await openRoute(page, sys.url, `/packages/pit/pages/alarm/index?id=${alarmId}`);
  await visible(page, '#alarm-summary').waitFor();
  assert.match(await text(page, '#alarm-rate'), /（未判定）/);
  assert.match(await text(page, '#alarm-rate-note'), REASON, 'the alarm page says why the rate was not judged');
  const a = (await sys.api('GET', `/api/pit/alarms/${alarmId}`, { token: monitorToken })).json.data;
  if (escalated) {
    assert.equal(a.level, 'red');
    const raise = a.history.filter((e: { action: string }) => e.action === 'alarm.exceed_again').pop();
    assert.ok(raise, 'the trail has the exceedance that raised the level');
    assert.match(await text(page, '.pit-kv-item:has(#alarm-level-raised)'), /升级为红色报警/);
    assert.match(await text(page, '#alarm-level-raised'), new RegExp(formatTime(raise.at, new Date()).replace(/\s+/g, '\\s*')), 'the time the level was raised is shown');
    assert.match(await text(page, '#alarm-created'), new RegExp(formatTime(a.createdAt, new Date()).replace(/\s+/g, '\\s*')), 'first raised: still shown');
  }
  await shot(page, T, `alarm-${tag}`);
}

async function checkUploadList(phone: PersonaPhone, tag: string) {
  const { page } = phone;
  await openRoute(page, sys.url, `/packages/pit/pages/uploads/index?projectId=${PIT}`);
  const first = visible(page, '.pit-upload').first();
  await first.waitFor();
  const results = await first.locator('.pit-upload-result').allTextContents();
  assert.ok(results.length >= 5, `the newest upload lists its points: ${results.join(' | ')}`);
  for (const r of results) assert.match(r.trim(), /^[A-Z]+\d+ -?\d+\.\d\d mm/, `a value with its unit: ${r}`);
  assert.match(await first.locator('.pit-upload-rate-note').first().textContent() ?? '', REASON);
  await shot(page, T, `uploads-${tag}`);
}

test('an upload three hours after the last epoch: ZQS2 at 87 % raises an orange alarm; its SMS says why the rate is not judged', async () => {
  const r = await sys.api('POST', `/api/ingest/pit/projects/${PIT}/uploads`, { token: monitorToken, body: { format: 'gsi', text: await fileAt(0.87), observedAt: beijingIso(Date.now() - 20 * 60_000) } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const u = r.json.data as { results: { point: string; rateJudged?: boolean }[]; alarms: string[] };
  assert.equal(u.results.find((x) => x.point === POINT)?.rateJudged, false, 'the short interval leaves the rate unjudged');
  assert.equal(u.alarms.length, 1);
  alarmId = u.alarms[0];
  await waitUntil('the alarm SMS is sent', async () => sys.standins.log.some((e) => e.kind === 'SendSms' && (e.payload as { templateId?: string }).templateId === '100002'));
  const sms = sys.standins.log.filter((e) => e.kind === 'SendSms' && (e.payload as { templateId?: string }).templateId === '100002').pop()!.payload as { params?: string[]; templateParamSet?: string[] };
  const params = sms.params ?? sms.templateParamSet ?? [];
  const rate = params[5] ?? '';
  assert.match(rate, /^未判定/, `the SMS rate: ${JSON.stringify(params)}`);
  assert.match(rate, REASON, `the SMS says why: ${rate}`);
  assert.ok(rate.length <= 20, 'an SMS parameter stays short');
});

test('390×844: the alarm page and the upload list say why the rate is not judged; values carry units', async () => {
  const phone = await personaPhone(browser, sys, 'pit-monitor');
  await withFailureShot(phone.page, `${T}-normal`, async () => {
    await checkAlarmPage(phone, 'normal', false);
    await checkUploadList(phone, 'normal');
  });
  pageErrors.push(...phone.errors.filter((e) => e.startsWith('pageerror')));
  await phone.context.close();
});

test('large text: uploading ZQS2 at 105 % through the upload page raises the alarm to red; the result says why the rates are not judged; the alarm page shows when it turned red', async () => {
  const phone = await personaPhone(browser, sys, 'pit-monitor', { large: true });
  const { page } = phone;
  await withFailureShot(page, `${T}-large`, async () => {
    await openRoute(page, sys.url, `/packages/pit/pages/upload/index?projectId=${PIT}`);
    await visible(page, '#pit-upload-form').waitFor();
    assert.match((await visible(page, '.cl-page').first().getAttribute('class')) ?? '', /cl-large/);
    await visible(page, '#pit-upload-file-input').setInputFiles({ name: 'ZQS-red.gsi', mimeType: 'text/plain', buffer: Buffer.from(await fileAt(1.05)) });
    await waitUntil('the file is chosen', async () => (await visible(page, '#pit-upload-file').getAttribute('data-name')) === 'ZQS-red.gsi');
    await visible(page, '#pit-upload-submit').click();
    const outcome = visible(page, '#pit-upload-outcome');
    await outcome.waitFor();
    assert.equal(await outcome.getAttribute('data-status'), 'accepted');
    assert.equal(await outcome.locator(`.pit-upload-result-row[data-point="${POINT}"]`).getAttribute('data-level'), 'red');
    assert.match(await text(page, '#pit-upload-outcome .pit-upload-rate-note'), REASON, 'the result says why the rates are not judged');
    await shot(page, T, 'upload-result-large');
    await checkAlarmPage(phone, 'large', true);
    await checkUploadList(phone, 'large');
  });
  pageErrors.push(...phone.errors.filter((e) => e.startsWith('pageerror')));
  await phone.context.close();
});

test('no uncaught errors and no requests outside the local system', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blockedRequests, []);
});
