/**
 * Issue 16, the concrete registries from the pages (Chromium, 390×844, seeded Zhongshan demo): the regulator
 * registers a plant with the conditions it meets and later completes its qualification; the plant registers a
 * supplier and a cement lot whose incoming test failed, a mix with its lines and a tighter tolerance, and records
 * its 开盘鉴定; it registers its batching system and sees the key once — the test then signs posts with that key like
 * the machine would: a batch using the failed lot is refused, one on passing lots is taken.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { WAIT_MS, fillTaroInput, launchBrowser, openRoute, shot, visible, withFailureShot } from './helpers/browser';
import { signedInPhone } from './helpers/signed-in';
import { signDevicePost } from '../cloudfunctions/src/platform/device/device-signature';

const T = 'concrete-registry';
const PLANT = 'mp_zsqijiang';
const NEW_PLANT = 'E2E 港口混凝土有限公司';
const LOT_NO = `E2E-PO-${randomBytes(3).toString('hex').toUpperCase()}`;
const MIX_CODE = `E2E-C35-${randomBytes(2).toString('hex').toUpperCase()}`;
let sys: E2eSystem;
let browser: Browser;
const errors: string[][] = [];

async function signedIn(persona: string): Promise<Page> {
  const phone = await signedInPhone(browser, sys, persona);
  errors.push(phone.errors);
  return phone.page;
}
const text = async (page: Page, sel: string) => (await visible(page, sel).first().innerText()).trim();
const until = (page: Page, sel: string, want: string) => page.waitForFunction(([s, w]) => !!document.querySelector(s)?.textContent?.includes(w), [sel, want] as const, { timeout: WAIT_MS });

async function devicePost(device: { id: string; key: string }, body: unknown) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const nonce = randomBytes(12).toString('hex');
  const res = await fetch(`${sys.url}/api/ingest/concrete/devices/${device.id}/batches`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', 'x-cl-timestamp': String(ts), 'x-cl-nonce': nonce, 'x-cl-signature': signDevicePost(device.key, ts, nonce, raw) } });
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

test('the regulator registers a plant with three of four conditions (资质不全), then completes its qualification', async () => {
  const plants = sys.db.collection('concrete_plants');
  const before = await plants.countDocuments();
  const page = await signedIn('concrete-regulator');
  await withFailureShot(page, T, async () => {
    await visible(page, '#home-concrete').click();
    await visible(page, '#cc-hub-registry').click();
    await fillTaroInput(page, '#cc-reg-plant-name', NEW_PLANT);
    await fillTaroInput(page, '#cc-reg-plant-address', '港口镇沿江路 9 号');
    await visible(page, '#cc-reg-plant-submit').click();
    await until(page, '#cc-reg-plant-error', '请选择所在镇街');
    assert.equal(await plants.countDocuments(), before, 'a refused form writes nothing');
    await visible(page, '#cc-reg-plant-town-shiqi').click();
    for (const c of ['licence', 'lab', 'environment']) await visible(page, `#cc-reg-plant-cond-${c}`).click();
    await shot(page, T, '01-register-plant');
    await visible(page, '#cc-reg-plant-submit').click();
    await until(page, '#cc-reg-plant-done', '资质不全');
    const p = (await plants.findOne({ name: NEW_PLANT }))!;
    assert.deepEqual([p.status, p.conditionsMet, p.scope.townId], ['unqualified', ['licence', 'lab', 'environment'], 'shiqi']);
    await visible(page, `#cc-reg-plants-${p._id}`).click();
    await visible(page, `#cc-qual-${p._id}-cond-batching`).click();
    await fillTaroInput(page, `#cc-qual-${p._id}-reason`, '计量设备检定合格并接入平台');
    await visible(page, `#cc-qual-${p._id}-submit`).click();
    await until(page, `#cc-reg-plants-${p._id}`, '资质有效');
    await shot(page, T, '02-qualified');
    const after = (await plants.findOne({ _id: p._id }))!;
    assert.equal(after.status, 'qualified');
    assert.ok(after.history.some((e: any) => e.action === 'concrete.plant_qualification' && e.reason === '计量设备检定合格并接入平台'));
  });
});

test('the plant registers a supplier and a cement lot whose incoming test failed; it is marked unusable', async () => {
  const page = await signedIn('concrete-plant');
  await withFailureShot(page, T, async () => {
    await visible(page, '#home-concrete').click();
    await visible(page, `#cc-hub-materials-${PLANT}`).click();
    await fillTaroInput(page, '#cc-supplier-name', 'E2E 华润水泥（中山）');
    await visible(page, '#cc-supplier-mat-cement').click();
    await visible(page, '#cc-supplier-submit').click();
    const sup = visible(page, '[id^="cc-lot-supplier-"]').filter({ hasText: 'E2E 华润水泥（中山）' });
    await sup.click();
    await visible(page, '#cc-lot-mat-cement').click();
    await fillTaroInput(page, '#cc-lot-no', LOT_NO);
    await fillTaroInput(page, '#cc-lot-qty', '0');
    await visible(page, '#cc-lot-result-fail').click();
    await visible(page, '#cc-lot-submit').click();
    await until(page, '#cc-lot-error', '进场数量应为大于 0');
    await fillTaroInput(page, '#cc-lot-qty', '60');
    await fillTaroInput(page, '#cc-lot-report', 'FJ-2026-1207 安定性不合格');
    await visible(page, '#cc-lot-submit').click();
    await until(page, `#cc-lot-${LOT_NO}`, '不合格（禁止用于生产）');
    await shot(page, T, '03-failed-lot');
  });
  const lot = (await sys.db.collection('concrete_lots').findOne({ lotNo: LOT_NO }))!;
  assert.deepEqual([lot.plantId, lot.material, lot.quantityT, lot.test.result, lot.supplierName], [PLANT, 'cement', 60, 'fail', 'E2E 华润水泥（中山）']);
});

test('the plant adds a mix with its lines and a tighter cement tolerance, and records its 开盘鉴定', async () => {
  const page = await signedIn('concrete-plant');
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, `/packages/concrete/pages/materials/index?id=${PLANT}`);
    await visible(page, '#cc-mat-tab-mixes').click();
    await fillTaroInput(page, '#cc-mix-code', MIX_CODE);
    await fillTaroInput(page, '#cc-mix-grade', 'c35');
    for (const m of ['cement', 'sand', 'stone', 'water']) await visible(page, `#cc-mix-mat-${m}`).click();
    for (const [m, kg] of [['cement', '350'], ['sand', '750'], ['stone', '1050'], ['water', '180']]) await fillTaroInput(page, `#cc-mix-kg-${m}`, kg);
    await fillTaroInput(page, '#cc-mix-tol-cement', '1.5');
    await visible(page, '#cc-mix-submit').click();
    await until(page, `#cc-mix-${MIX_CODE}-opened`, '未开盘鉴定');
    await fillTaroInput(page, `#cc-mix-${MIX_CODE}-slump`, '180');
    await fillTaroInput(page, `#cc-mix-${MIX_CODE}-note`, '和易性良好，坍落度符合设计要求');
    await visible(page, `#cc-mix-${MIX_CODE}-open`).click();
    await until(page, `#cc-mix-${MIX_CODE}-opened`, '已开盘鉴定');
    await shot(page, T, '04-mix-opened');
  });
  const mix = (await sys.db.collection('concrete_mixes').findOne({ code: MIX_CODE }))!;
  assert.deepEqual([mix.grade, mix.lines.length, mix.tolerancesPct, mix.opening?.slumpMm], ['C35', 4, { cement: 1.5 }, 180]);
});

test('the plant registers its batching system and sees the key once; the key signs posts: a failed lot is refused', async () => {
  const page = await signedIn('concrete-plant');
  let device = { id: '', key: '' };
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, `/packages/concrete/pages/materials/index?id=${PLANT}`);
    await visible(page, '#cc-mat-tab-device').click();
    await fillTaroInput(page, '#cc-device-name', 'E2E HZS180 生产控制系统');
    await visible(page, '#cc-device-submit').click();
    device = { id: await text(page, '#cc-device-id'), key: await text(page, '#cc-device-key') };
    await shot(page, T, '05-device-key');
    await page.reload();
    await visible(page, '#cc-mat-tab-device').click();
    await visible(page, '#cc-device-name').waitFor();
    assert.equal(await page.locator('#cc-device-key').count(), 0, 'the key is not shown again');
  });
  const stored = (await sys.db.collection('concrete_devices').findOne({ _id: device.id as never }))!;
  assert.equal(stored.ownerId, PLANT);
  assert.ok(device.key.length >= 32 && !JSON.stringify(stored).includes(device.key), 'the key is stored sealed, never in clear');

  const mix = (await sys.db.collection('concrete_mixes').findOne({ code: MIX_CODE }))!;
  const lots = sys.db.collection('concrete_lots');
  const passing = async (material: string) => (await lots.findOne({ plantId: PLANT, material, 'test.result': 'pass' }))!._id;
  const failed = (await lots.findOne({ lotNo: LOT_NO }))!._id;
  const weighed = async (cementLot: string) => [
    { material: 'cement', kg: 700, lotId: cementLot },
    { material: 'sand', kg: 1500, lotId: await passing('sand') },
    { material: 'stone', kg: 2100, lotId: await passing('stone') },
    { material: 'water', kg: 360, lotId: await passing('water') },
  ];
  const batches = sys.db.collection('concrete_batches');
  const before = await batches.countDocuments();
  const refused = await devicePost(device, { batchNo: `E2E-R-${Date.now()}`, mixId: mix._id, at: new Date().toISOString(), volumeM3: 2, weighed: await weighed(failed) });
  assert.equal(refused.status, 409, JSON.stringify(refused.json));
  assert.match(JSON.stringify(refused.json), new RegExp(`${LOT_NO}.*不得用于生产`));
  assert.equal(await batches.countDocuments(), before, 'nothing written');
  const taken = await devicePost(device, { batchNo: `E2E-A-${Date.now()}`, mixId: mix._id, at: new Date().toISOString(), volumeM3: 2, weighed: await weighed(await passing('cement')) });
  assert.equal(taken.status, 201, JSON.stringify(taken.json));
  assert.equal(await batches.countDocuments(), before + 1);
  assert.deepEqual(errors.flat().filter((e) => e.startsWith('pageerror')), []);
});
