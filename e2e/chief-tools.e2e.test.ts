/**
 * Issue 12 §4 acceptance: the area chief invites a third-party patroller through the page for one of their grids;
 * the patroller redeems the texted code and patrols only that grid (a check-in at a facility of the chief's other
 * grid is refused with a clear message); the chief's coverage page shows the check-in with its distance and
 * accuracy, and the grid map (an SVG drawing on H5, no tile server) colours the facility.
 * Data is looked up, not assumed: the chief persona's grids and facilities come from the database.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { blockedRequests, fillTaroInput, launchBrowser, openRoute, phoneContext, shot, visible, watchErrors, withFailureShot } from './helpers/browser';
import { sessionToken, waitUntil } from './helpers/app';
import { gcj02ToWgs84 } from '../miniprogram/src/services/city-geo';

const T = 'chief-tools';
const PHONE = '13677778888';
let sys: E2eSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
type Place = { _id: string; name: string; location: { lng: number; lat: number } };
let chief: { persona: string; name: string; grids: string[] };
let here: Place;
let elsewhere: Place;
let code = '';

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  const u = await sys.db.collection<{ _id: string; persona?: string; name: string; roles: { role: string; gridIds?: string[] }[] }>('users').findOne({ persona: { $exists: true }, 'roles.role': 'areaChief', 'roles.gridIds.1': { $exists: true } } as never);
  assert.ok(u?.persona, 'a demo area chief with two grids');
  const grids = u.roles.find((b) => b.role === 'areaChief')!.gridIds!;
  chief = { persona: u.persona, name: u.name, grids };
  const facilities = sys.db.collection<Place & { scope: { gridId: string } }>('facilities');
  here = (await facilities.findOne({ 'scope.gridId': grids[0] }))!;
  elsewhere = (await facilities.findOne({ 'scope.gridId': grids[1] }))!;
  assert.ok(here && elsewhere, 'a facility in each of the chief’s grids');
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

async function newPhone(name: string, at: Place): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser, sys.url);
  contexts.push(context);
  await context.grantPermissions(['geolocation'], { origin: new URL(sys.url).origin });
  const w = gcj02ToWgs84(at.location);
  await context.setGeolocation({ latitude: w.lat, longitude: w.lng, accuracy: 8 });
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('close', () => pageErrors.push(...errors.filter((e) => e.startsWith('pageerror')).map((e) => `${name}: ${e}`)));
  return { context, page };
}

async function signIn(page: Page, persona: string) {
  await openRoute(page, sys.url, '/pages/index/index');
  await visible(page, '#home-login').click();
  await visible(page, `#login-persona-${persona}`).click();
  await visible(page, '#home-user').waitFor();
}

let chiefPage: Page;
test('the area chief invites a third-party patroller for one grid through the page', async () => {
  const { page } = await newPhone('chief', here);
  chiefPage = page;
  await withFailureShot(page, T, async () => {
    await signIn(page, chief.persona);
    await openRoute(page, sys.url, '/packages/chief/pages/queue/index');
    await visible(page, '#queue-invite').click();
    await fillTaroInput(page, '#invite-name', '孙巡查');
    await fillTaroInput(page, '#invite-phone', PHONE);
    await fillTaroInput(page, '#invite-company', '城安物业');
    await visible(page, `.invite-grid[data-grid="${chief.grids[0]}"]`).click();
    await visible(page, '#invite-submit').click();
    const done = visible(page, '#invite-done');
    await done.waitFor();
    code = (await done.getAttribute('data-code')) ?? '';
    assert.match(code, /^[A-Z0-9]{10}$/);
    await shot(page, T, '01-invited');
    const inv = await sys.db.collection('invitations').findOne({ _id: code as never });
    assert.deepEqual(inv?.binding.gridIds, [chief.grids[0]], 'scoped to the grid the chief chose');
    assert.ok(inv?.binding.until, 'with an end date');
  });
});

test('the patroller redeems the code and patrols only that grid', async () => {
  assert.ok(code, 'an invitation was issued');
  const { context, page } = await newPhone('patroller', here);
  await withFailureShot(page, T, async () => {
    await signIn(page, 'citizen2');
    await visible(page, '#home-login').click();
    await visible(page, '#login-current-user').waitFor();
    await fillTaroInput(page, '#login-invite-input', code);
    await visible(page, '#login-invite-submit').click();
    const account = page.locator('.card', { has: page.locator('#login-current-user') }).locator('visible=true');
    await waitUntil('the login page shows 巡查员', async () => ((await account.textContent()) ?? '').includes('巡查员'));

    await openRoute(page, sys.url, '/packages/patrol/pages/scan/index');
    await fillTaroInput(page, '#patrol-code-input', sys.codeUrl(here._id));
    await visible(page, '#patrol-facility').waitFor();
    await visible(page, '#patrol-submit').click();
    await visible(page, '#patrol-result').waitFor();
    assert.match((await visible(page, '#patrol-result').textContent()) ?? '', new RegExp(here.name));

    const w = gcj02ToWgs84(elsewhere.location);
    await context.setGeolocation({ latitude: w.lat, longitude: w.lng, accuracy: 8 });
    await openRoute(page, sys.url, '/packages/patrol/pages/scan/index');
    await fillTaroInput(page, '#patrol-code-input', sys.codeUrl(elsewhere._id));
    await visible(page, '#patrol-facility').waitFor();
    await visible(page, '#patrol-submit').click();
    const error = visible(page, '#patrol-error');
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), '该设施不在您负责的巡查网格内');
    await shot(page, T, '02-other-grid-refused');
    const me = await sys.api('GET', '/api/me', { token: await sessionToken(page) });
    const checks = await sys.db.collection('patrol_checks').find({ patrollerId: me.json.data.id }).toArray();
    assert.deepEqual(checks.map((c) => c.facilityId), [here._id], 'only the check-in in the invited grid was recorded');
  });
});

test('the coverage page shows the check-in with its evidence and the grid map', async () => {
  const page = chiefPage;
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, '/packages/chief/pages/coverage/index');
    const check = visible(page, `.coverage-check`).first();
    await check.waitFor();
    assert.match((await check.textContent()) ?? '', /距设施 \d+ 米 · 定位精度 ±\d+ 米/);
    const map = visible(page, '#coverage-map');
    await map.waitFor();
    const marker = page.locator(`#coverage-map .grid-map-marker[data-id="${here._id}"]`);
    assert.ok(['done', 'none', 'due'].includes((await marker.getAttribute('data-tone')) ?? ''), 'the checked facility is drawn');
    assert.ok((await page.locator('#coverage-map polygon').count()) === 1, 'the grid polygon is drawn');
    await shot(page, T, '03-coverage');
    await map.scrollIntoViewIfNeeded();
    await shot(page, T, '04-grid-map');
  });
});

test('no page errors, no outbound requests', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blockedRequests, []);
});
