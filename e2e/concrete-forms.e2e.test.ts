/**
 * Issue 16, the remaining concrete forms from the pages (Chromium, 390×844, seeded Zhongshan demo): the regulator
 * registers a lab and a project (located where the phone stands); the lab registers its press and sees the key once —
 * the key then signs press posts; the contractor reports a truck that came without an online ticket (黑站); the plant
 * enters the retained-sample self-test of a delivery on its ticket page, which the member's trace then shows.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { WAIT_MS, fillTaroInput, launchBrowser, openRoute, shot, visible, withFailureShot } from './helpers/browser';
import { signedInPhone } from './helpers/signed-in';
import { sitePhotoJpeg } from './helpers/pit';
import { signDevicePost } from '../cloudfunctions/src/platform/device/device-signature';
import { unpackTrace } from '../cloudfunctions/src/contexts/concrete/trace-entries';

const T = 'concrete-forms';
const PLANT = 'mp_zsqijiang';
const PROJECT = 'pj_zs_qijiang';
const LAB_NAME = `E2E 中山建科检测中心 ${randomBytes(2).toString('hex').toUpperCase()}`;
const PROJECT_ID = `pj_e2e_${randomBytes(3).toString('hex')}`;
const SITE = { lng: 113.3921, lat: 22.5176 };
let sys: E2eSystem;
let browser: Browser;
const errors: string[][] = [];

async function signedIn(persona: string, geo?: { lng: number; lat: number }): Promise<Page> {
  const phone = await signedInPhone(browser, sys, persona, { at: geo, accuracy: 8 });
  errors.push(phone.errors);
  return phone.page;
}
const text = async (page: Page, sel: string) => (await visible(page, sel).first().innerText()).trim();
const until = (page: Page, sel: string, want: string) => page.waitForFunction(([s, w]) => !!document.querySelector(s)?.textContent?.includes(w), [sel, want] as const, { timeout: WAIT_MS });

async function pressPost(device: { id: string; key: string }, body: unknown, signingKey = device.key) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const nonce = randomBytes(12).toString('hex');
  const res = await fetch(`${sys.url}/api/ingest/concrete/devices/${device.id}/loads`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', 'x-cl-timestamp': String(ts), 'x-cl-nonce': nonce, 'x-cl-signature': signDevicePost(signingKey, ts, nonce, raw) } });
  return { status: res.status, json: (await res.json()) as any };
}

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await sys?.stop();
});

test('the regulator registers a lab and a project located where the phone stands', async () => {
  const page = await signedIn('concrete-regulator', SITE);
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, '/packages/concrete/pages/registry/index');
    await fillTaroInput(page, '#cc-reg-lab-name', LAB_NAME);
    await visible(page, '#cc-reg-lab-town-shiqi').click();
    await visible(page, '#cc-reg-lab-submit').click();
    await until(page, '#cc-reg-lab-done', LAB_NAME);
    await fillTaroInput(page, '#cc-reg-project-id', PROJECT_ID);
    await fillTaroInput(page, '#cc-reg-project-name', 'E2E 石岐河畔住宅');
    await visible(page, '#cc-reg-project-town-shiqi').click();
    await visible(page, '#cc-reg-project-submit').click();
    await until(page, '#cc-reg-project-error', '请在项目现场定位');
    assert.equal(await sys.db.collection('concrete_projects').countDocuments({ _id: PROJECT_ID as never }), 0, 'a refused form writes nothing');
    await visible(page, '#cc-reg-project-locate').click();
    await until(page, '#cc-reg-project-locate', '已定位');
    await visible(page, '#cc-reg-project-submit').click();
    await until(page, '#cc-reg-project-done', 'E2E 石岐河畔住宅');
    await shot(page, T, '01-lab-and-project');
  });
  const lab = (await sys.db.collection('concrete_labs').findOne({ name: LAB_NAME }))!;
  assert.deepEqual([lab.scope.cityId, lab.scope.townId], ['zhongshan', 'shiqi']);
  const project = (await sys.db.collection('concrete_projects').findOne({ _id: PROJECT_ID as never }))!;
  assert.deepEqual([project.name, project.scope.townId], ['E2E 石岐河畔住宅', 'shiqi']);
  assert.ok(Math.abs(project.location.lng - SITE.lng) < 1e-4 && Math.abs(project.location.lat - SITE.lat) < 1e-4, JSON.stringify(project.location));
});

test('the lab registers its press and sees the key once; the key signs press posts, another key does not', async () => {
  const page = await signedIn('concrete-lab');
  let device = { id: '', key: '' };
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, '/packages/concrete/pages/lab/index');
    await visible(page, '#cc-device-submit').click();
    await until(page, '#cc-device-error', '请填写设备名称');
    await fillTaroInput(page, '#cc-device-name', 'E2E YAW-3000 压力试验机');
    await visible(page, '#cc-device-submit').click();
    device = { id: await text(page, '#cc-device-id'), key: await text(page, '#cc-device-key') };
    await shot(page, T, '02-press-key');
    await page.reload();
    await visible(page, '#cc-device-name').waitFor();
    assert.equal(await page.locator('#cc-device-key').count(), 0, 'the key is not shown again');
  });
  const stored = (await sys.db.collection('concrete_devices').findOne({ _id: device.id as never }))!;
  assert.deepEqual([stored.kind, stored.ownerId], ['press', 'lb_zs_center']);
  assert.ok(device.key.length >= 32 && !JSON.stringify(stored).includes(device.key), 'the key is stored sealed, never in clear');
  const body = { chip: `E2ENOCHIP${randomBytes(3).toString('hex').toUpperCase()}`, loadKN: 800, testedAt: new Date().toISOString() };
  const forged = await pressPost(device, body, randomBytes(32).toString('hex'));
  assert.equal(forged.status, 401, JSON.stringify(forged.json));
  // signed with the key shown: the post passes the signature and is judged — the chip is bound to no group
  const signed = await pressPost(device, body);
  assert.deepEqual([signed.status, signed.json.error], [404, 'chip_unknown'], JSON.stringify(signed.json));
});

test('the contractor reports concrete delivered without an online ticket (黑站): the photo is required, the regulator alerted', async () => {
  const page = await signedIn('concrete-contractor');
  const alerts = sys.db.collection('concrete_alerts');
  const before = await alerts.countDocuments({ kind: 'unticketed' });
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, `/packages/concrete/pages/project/index?id=${PROJECT}`);
    await fillTaroInput(page, '#cc-unticketed-plant', 'E2E 横门无名搅拌站');
    await fillTaroInput(page, '#cc-unticketed-member', '1F 垫层');
    await fillTaroInput(page, '#cc-unticketed-volume', '9');
    await visible(page, '#cc-unticketed-submit').click();
    await until(page, '#cc-unticketed-error', '请拍摄车辆或卸料照片');
    assert.equal(await alerts.countDocuments({ kind: 'unticketed' }), before, 'a refused report writes nothing');
    await page.locator('#cc-unticketed-photo-input').setInputFiles({ name: 'truck.jpg', mimeType: 'image/jpeg', buffer: await sitePhotoJpeg(page) });
    await page.locator('#cc-unticketed-photo-count[data-count="1"][data-busy="0"]').waitFor();
    await visible(page, '#cc-unticketed-submit').click();
    await until(page, '#cc-unticketed-done', '已上报');
    await shot(page, T, '03-unticketed');
  });
  const alert = (await alerts.findOne({ kind: 'unticketed', 'refs.plantName': 'E2E 横门无名搅拌站' }))!;
  assert.equal(alert.projectId, PROJECT);
  assert.match(alert.message, /1F 垫层.*约 9 m³.*无电子运输单/);
  assert.ok(/^[0-9a-f]{64}$/.test(alert.refs.photo), 'the photo is attached');
});

test('the plant enters a delivery’s retained-sample self-test once; the ticket and the member’s trace show it', async () => {
  const tickets = sys.db.collection('concrete_tickets');
  const t = (await tickets.findOne({ plantId: PLANT, selfTest: { $exists: false } }))!;
  assert.ok(t, 'a seeded delivery without a self-test');
  const page = await signedIn('concrete-plant');
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, `/packages/concrete/pages/ticket/index?id=${t._id}`);
    await fillTaroInput(page, '#cc-selftest-mpa', '0');
    await visible(page, '#cc-selftest-submit').click();
    await until(page, '#cc-selftest-error', '自检强度应为大于 0 的数字');
    await fillTaroInput(page, '#cc-selftest-mpa', '34.6');
    await visible(page, '#cc-selftest-submit').click();
    await until(page, '#cc-ticket-selftest', '34.6 MPa');
    assert.equal(await page.locator('#cc-selftest').count(), 0, 'the form is gone: a self-test is entered once');
    await shot(page, T, '04-self-test');
  });
  const after = (await tickets.findOne({ _id: t._id }))!;
  assert.deepEqual([after.selfTest.strengthMPa, after.selfTest.ageDays], [34.6, 28]);
  const trace = (await sys.db.collection('concrete_traces').findOne({ projectId: t.projectId, member: t.member }))!;
  assert.equal(unpackTrace(trace.body).tickets.find((x) => x.id === t._id)?.selfTestMPa, 34.6);
  assert.deepEqual(errors.flat().filter((e) => e.startsWith('pageerror')), []);
});
