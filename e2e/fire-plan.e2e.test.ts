/**
 * Issue 14, the test plan through the product, in Chromium on the seeded Zhongshan demo: the agency's project lead
 * fills the plan form (building located on the spot, client, contract, systems, team and instruments picked from the
 * agency's registry); with the expired wind meter the gates refuse — its name and serial on the form, the chip marked,
 * nothing created; without it the project is created and opens. The regulator records the findings and penalty of
 * the suspected false report's investigation on the event page (a too-short finding refused, nothing written).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { WAIT_MS, fillTaroInput, launchBrowser, openRoute, shot, visible, withFailureShot } from './helpers/browser';
import { signedInPhone } from './helpers/signed-in';

const T = 'fire-plan';
let sys: E2eSystem;
let browser: Browser;

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await sys?.stop();
});

const BUILDING = '富华大厦';
const LOCATION = { lng: 113.3866, lat: 22.5233 };

/** A signed-in phone standing at `at` (geolocation granted, as a browser reports it: WGS-84). */
async function signedIn(persona: string, at?: { lng: number; lat: number }): Promise<{ page: Page; errors: string[] }> {
  return signedInPhone(browser, sys, persona, { at, accuracy: 10 });
}

const personId = async (name: string): Promise<string> => (await sys.db.collection('fire_people').findOne({ name }))!._id as unknown as string;
const instrumentId = async (serial: string): Promise<string> => (await sys.db.collection('fire_instruments').findOne({ serial }))!._id as unknown as string;

test('the agency lead plans a test on the page: the expired instrument is refused by name, nothing created; without it the project is created', async () => {
  const { page, errors } = await signedIn('fire-lead', LOCATION);
  const [lead, tech, op1, op2] = await Promise.all(['陈建国', '李明华', '张伟', '王芳'].map(personId));
  const [meter, wind] = await Promise.all([instrumentId('YL-2024-001'), instrumentId('FS-2021-003')]);
  await withFailureShot(page, T, async () => {
    await visible(page, '#home-fire').click();
    await visible(page, '#fire-new-plan').click();
    await visible(page, '#fire-plan-agency').filter({ hasText: '可承接业务' }).waitFor();
    await fillTaroInput(page, '#fire-plan-name', BUILDING);
    await fillTaroInput(page, '#fire-plan-address', '中山市石岐街道孙文中路 150 号');
    await fillTaroInput(page, '#fire-plan-use', '商业');
    await fillTaroInput(page, '#fire-plan-height', '52');
    await fillTaroInput(page, '#fire-plan-area', '23000');
    await visible(page, '#fire-plan-locate').click();
    await visible(page, '#fire-plan-locate[data-located="1"]').waitFor();
    await fillTaroInput(page, '#fire-plan-fence', '150');
    await fillTaroInput(page, '#fire-plan-client', '富华大厦业主委员会');
    await fillTaroInput(page, '#fire-plan-contract', 'HT-2026-PLAN-01');
    await visible(page, '#fire-plan-system-消火栓系统').click();
    await visible(page, '#fire-plan-system-防烟排烟系统').click();
    await visible(page, `#fire-plan-lead-${lead}`).click();
    await visible(page, `#fire-plan-tech-${tech}`).click();
    await visible(page, `#fire-plan-operator-${op1}`).click();
    await visible(page, `#fire-plan-operator-${op2}`).click();
    await visible(page, `#fire-plan-instrument-${meter}`).click();
    await visible(page, `#fire-plan-instrument-${wind}`).click();
    await shot(page, T, '01-plan-filled');
    await visible(page, '#fire-plan-submit').click();
    const refusals = visible(page, '#fire-plan-refusals');
    await refusals.waitFor();
    assert.match((await refusals.textContent()) ?? '', /仪器“风速计”（编号 FS-2021-003）检定有效期至 \d{4}-\d{2}-\d{2}，检测日 \d{4}-\d{2}-\d{2} 已过期/);
    await visible(page, `#fire-plan-instrument-${wind}.fire-chip--refused`).waitFor();
    assert.equal(await page.locator(`#fire-plan-instrument-${meter}.fire-chip--refused`).count(), 0, 'only the expired instrument is marked');
    await shot(page, T, '02-plan-refused');
    assert.equal(await sys.db.collection('fire_projects').countDocuments({ 'building.name': BUILDING }), 0, 'a refused plan writes nothing');

    await visible(page, `#fire-plan-instrument-${wind}`).click(); // take the expired one off
    await visible(page, '#fire-plan-submit').click();
    await page.waitForFunction(() => document.querySelector('#fire-project-state')?.textContent?.includes('已计划'), undefined, { timeout: WAIT_MS });
    await page.waitForFunction((b) => document.body.textContent?.includes(b), BUILDING, { timeout: WAIT_MS });
    await shot(page, T, '03-project-created');
  });
  assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  const p = (await sys.db.collection('fire_projects').findOne({ 'building.name': BUILDING }))!;
  assert.ok(p, 'the project exists');
  assert.equal(p.state, 'planned');
  assert.equal(p.building.geofenceM, 150);
  assert.equal(p.contractNo, 'HT-2026-PLAN-01');
  assert.deepEqual(p.systems, ['消火栓系统', '防烟排烟系统']);
  assert.deepEqual([p.team.projectLead.name, p.team.techLead.name, p.team.operators.map((o: { name: string }) => o.name)], ['陈建国', '李明华', ['张伟', '王芳']]);
  assert.deepEqual(p.instruments.map((i: { serial: string }) => i.serial), ['YL-2024-001']);
  // located on the spot: the stored centre is the phone's GCJ-02 position (within a few metres of the conversion round trip)
  assert.ok(Math.abs(p.building.location.lng - LOCATION.lng) < 1e-4 && Math.abs(p.building.location.lat - LOCATION.lat) < 1e-4, JSON.stringify(p.building.location));
});

test('the regulator records the findings and penalty of the suspected false report on the event page', async () => {
  const { page } = await signedIn('zs-fire-regulator');
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, '/packages/fire/pages/events/index');
    await visible(page, '.fire-event-row').filter({ hasText: '疑似虚假报告' }).first().click();
    await visible(page, '#fire-case-state').filter({ hasText: '调查中' }).waitFor();
    await fillTaroInput(page, '#fire-case-findings-input', '不实');
    await visible(page, '#fire-case-decide').click();
    const refusal = visible(page, '#fire-case .error-message');
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? '', /至少 4 个字/);
    assert.equal(await sys.db.collection('fire_cases').countDocuments({ state: 'decided' }), 0, 'nothing written');
    await fillTaroInput(page, '#fire-case-findings-input', '验收时自动喷水灭火系统末端无水，检测记录不实');
    await fillTaroInput(page, '#fire-case-penalty-input', '依据消防法第六十九条责令改正，罚款五万元');
    await visible(page, '#fire-case-decide').click();
    await page.waitForFunction(() => document.querySelector('#fire-case-state')?.textContent?.includes('已处理'), undefined, { timeout: WAIT_MS });
    assert.match((await visible(page, '#fire-case-penalty').textContent()) ?? '', /罚款五万元/);
    assert.equal(await page.locator('#fire-case-decide').count(), 0, 'a decided case takes no second decision');
    await shot(page, T, '04-case-decided');
  });
  const decided = await sys.db.collection('fire_cases').find({ state: 'decided' }).toArray();
  assert.deepEqual(decided.map((c) => [c.findings, c.penalty]), [['验收时自动喷水灭火系统末端无水，检测记录不实', '依据消防法第六十九条责令改正，罚款五万元']]);
});
