/**
 * Field check-ins (issue 14 item 3), in Chromium on the H5 build: the pit's monitoring staff opens 现场签到 from the
 * pit page, enrols (the ID number is shown masked from then on), checks in inside the pit's geofence with a
 * photo the IAI stand-in matches to the enrolled one — after a refused attempt with someone else's face, which
 * writes nothing — and checks out. The stand-in reads who a photo shows from a `FACE:<label>;` marker
 * (docs/domain/platform.md §4.3), appended here to real JPEGs the browser draws.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { blockedRequests, fillTaroInput, launchBrowser, openRoute, phoneContext, shot, visible, watchErrors, withFailureShot } from './helpers/browser';
import { sessionToken, waitUntil } from './helpers/app';
import { sitePhotoJpeg } from './helpers/pit';
import { gcj02ToWgs84, northOf } from '../miniprogram/src/services/city-geo';

const T = 'checkin';
const PIT = 'pj_demo0nc0pit0a';
const ID_NUMBER = '442000199001110012';
let sys: E2eSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[] = [];
let jpeg: Buffer;

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  const pit = await sys.db.collection<{ _id: string; location: { lng: number; lat: number } }>('pit_projects').findOne({ _id: PIT });
  assert.ok(pit, 'the seeded pit');
  context = await phoneContext(browser, sys.url);
  await context.grantPermissions(['geolocation'], { origin: new URL(sys.url).origin });
  // 40 m north of the pit's centre, inside its 200 m fence
  const w = gcj02ToWgs84(northOf(pit.location, 40));
  await context.setGeolocation({ latitude: w.lat, longitude: w.lng, accuracy: 8 });
  page = await context.newPage();
  errors = watchErrors(page);
  jpeg = await sitePhotoJpeg(page);
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

const face = (label: string) => Buffer.concat([jpeg, Buffer.from(`FACE:${label};${Math.random()}`)]);
const scene = () => Buffer.concat([jpeg, Buffer.from(`scene ${Math.random()}`)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function pick(id: string, bytes: Buffer, count = 1) {
  await page.locator(`#${id}-input`).setInputFiles({ name: `${id}.jpg`, mimeType: 'image/jpeg', buffer: bytes });
  await page.locator(`#${id}-count[data-count="${count}"][data-busy="0"]`).waitFor();
}

test('the monitoring staff enrols, is refused with another face (nothing written), checks in and out inside the fence', async () => {
  await withFailureShot(page, T, async () => {
    await openRoute(page, sys.url, '/pages/index/index');
    await visible(page, '#home-login').click();
    await visible(page, '#login-persona-pit-monitor').click();
    await visible(page, '#home-user').waitFor();
    await openRoute(page, sys.url, `/packages/pit/pages/project/index?id=${PIT}`);
    await visible(page, '#pit-checkin').click();
    await visible(page, '#checkin-site').filter({ hasText: '南城国际商务中心基坑' }).waitFor();

    // enrolment: the ID number goes up once and comes back masked
    await fillTaroInput(page, '#enrol-name', '孙监测');
    await fillTaroInput(page, '#enrol-id', ID_NUMBER);
    await pick('enrol-photo', face('sun-jiance'));
    await visible(page, '#enrol-submit').click();
    const enrolled = visible(page, '#checkin-enrolled');
    await enrolled.waitFor();
    assert.equal(await enrolled.getAttribute('data-masked'), '4420**********0012');
    assert.ok(!(await page.content()).includes(ID_NUMBER), 'the whole ID number is not on the page');
    await visible(page, '#checkin-location[data-phase="ok"]').waitFor();
    await shot(page, T, 'enrolled');

    // someone else's face: refused with the reason, nothing written
    await pick('checkin-site-photo', scene());
    const other = face('someone-else');
    await pick('checkin-face-photo', other);
    await visible(page, '#checkin-submit').click();
    await visible(page, '#checkin-error').filter({ hasText: '人脸核验未通过' }).waitFor();
    assert.equal(await sys.db.collection('checkins').countDocuments({ siteId: PIT }), 0);
    await shot(page, T, 'mismatch');

    // the person's own face: checked in
    await page.locator(`[data-sha256="${sha(other)}"] .city-photo-remove`).click();
    await pick('checkin-face-photo', face('sun-jiance'));
    await visible(page, '#checkin-submit').click();
    const result = visible(page, '#checkin-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-direction'), 'in');
    assert.equal(await result.getAttribute('data-face'), '1');
    const line = await result.innerText();
    assert.match(line, /签到成功 · 监测单位人员 · 距中心 (\d+) 米 · 人脸核验通过/);
    assert.ok(Math.abs(Number(/距中心 (\d+) 米/.exec(line)![1]) - 40) <= 3, line);
    await shot(page, T, 'checked-in');

    // check out
    await visible(page, '#checkin-again').click();
    await visible(page, '#checkin-dir-out[data-on="1"]').waitFor();
    await pick('checkin-site-photo', scene());
    await pick('checkin-face-photo', face('sun-jiance'));
    await visible(page, '#checkin-submit').click();
    await visible(page, '#checkin-result[data-direction="out"]').waitFor();
    await visible(page, '#checkin-history .checkin-history-row').nth(1).waitFor();
    await shot(page, T, 'checked-out');
  });
  const token = await sessionToken(page);
  await waitUntil('two chained check-ins', async () => (await sys.db.collection('checkins').countDocuments({ siteId: PIT })) === 2);
  const list = await sys.api('GET', `/api/checkins?siteKind=pit_site&siteId=${PIT}`, { token });
  assert.equal(list.json.data.chainIntact, true);
  assert.deepEqual(list.json.data.checkins.map((c: { seq: number; direction: string }) => [c.seq, c.direction]), [[1, 'in'], [2, 'out']]);
  assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  assert.deepEqual(blockedRequests, []);
});
