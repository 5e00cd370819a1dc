/**
 * Printed codes opened in the browser: a signed code URL lands on the scan page with the facility; a code
 * whose signature was tampered with, a code for nothing, and a link that is not ours each show a clear
 * Chinese message — and nothing crashes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { blockedRequests, launchBrowser, openRoute, phoneContext, shot, visible, watchErrors, withFailureShot, fillTaroInput } from './helpers/browser';

const T = 'scan';
const LAMP = { id: 'fc_demo0nc01lamp1', name: '南城大道1号路灯', maintainer: '南城市政道路养护公司' };
const BUS_STOP = { id: 'fc_demo0nc02bus01', name: '元美公交站亭' };

let sys: E2eSystem;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  context = await phoneContext(browser, sys.url);
});

after(async () => {
  await browser?.close();
  await sys?.stop();
});

/** A fresh tab per scan (a scan always starts a new visit), errors collected for the last test. */
async function scanTab<T>(name: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    return await withFailureShot(page, `${T}-${name}`, () => fn(page));
  } finally {
    pageErrors.push(...errors.filter((e) => e.startsWith('pageerror')).map((e) => `${name}: ${e}`));
    await page.close();
  }
}

/** The same URL with one character of the signature changed. */
function tamper(codeUrl: string): string {
  const last = codeUrl.slice(-1);
  return codeUrl.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

test('a signed code URL opened in the browser goes through the scan page to the facility’s citizen landing', () =>
  scanTab('valid', async (page) => {
    const codeUrl = sys.codeUrl(LAMP.id);
    assert.match(codeUrl, new RegExp(`^${sys.url}/c/${LAMP.id}\\.[A-Za-z0-9_-]{16}$`));
    const scanUrls: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && f.url().includes('#/pages/scan/index?q=') && scanUrls.push(f.url()));
    await page.goto(codeUrl, { waitUntil: 'domcontentloaded' });

    const name = visible(page, '#facility-name');
    await name.waitFor();
    assert.equal(decodeURIComponent(new URL(scanUrls[0] ?? page.url()).hash.split('?q=')[1] ?? ''), codeUrl, 'the scan page got the printed URL');
    const token = codeUrl.split('/c/')[1];
    assert.match(page.url(), new RegExp(`#/packages/citizen/pages/facility/index\\?id=${LAMP.id}&c=${token.replace('.', '\\.')}$`), 'a facility code lands on the citizen page');
    assert.equal((await name.textContent())?.trim(), LAMP.name);
    assert.equal((await visible(page, '#facility-maintainer').textContent())?.trim(), LAMP.maintainer);
    assert.equal(await visible(page, '#scan-error').count(), 0);
    await shot(page, T, '01-valid-code');
  }));

test('the H5 link box on home opens a pasted code link (scan page → facility landing)', () =>
  scanTab('link-box', async (page) => {
    await openRoute(page, sys.url, '/pages/index/index');
    await fillTaroInput(page, '#home-link-input', sys.codeUrl(BUS_STOP.id));
    await visible(page, '#home-link-submit').click();
    const name = visible(page, '#facility-name');
    await name.waitFor();
    assert.equal((await name.textContent())?.trim(), BUS_STOP.name);
    await shot(page, T, '02-link-box');
  }));

test('a code with one signature character changed shows the forged-code warning, and nothing crashes', () =>
  scanTab('forged', async (page) => {
    const forged = tamper(sys.codeUrl(LAMP.id));
    assert.notEqual(forged, sys.codeUrl(LAMP.id));

    // The server's verdict, for reference …
    const token = forged.split('/c/')[1];
    const api = await sys.api('GET', `/api/codes/${token}`);
    assert.equal(api.status, 400);
    assert.equal(api.json.error, 'code_forged');

    // … is what the citizen reads.
    await page.goto(forged, { waitUntil: 'domcontentloaded' });
    const error = visible(page, '#scan-error');
    await error.waitFor();
    const text = (await error.textContent())?.trim() ?? '';
    assert.ok(text.includes('二维码校验失败'), `forged-code message shown, got: ${text}`);
    assert.equal(text, api.json.message, 'the server’s message, unchanged');
    assert.match((await error.getAttribute('class')) ?? '', /error-message/);
    assert.equal(await visible(page, '#scan-result').count(), 0, 'no facility shown for a forged code');
    assert.equal(await page.getByText(LAMP.name).count(), 0, 'the forged code does not reveal the facility');
    await shot(page, T, '03-forged-code');

    // Still a working app: back to home.
    await visible(page, '#scan-home').click();
    await visible(page, '#home-scan').waitFor();
  }));

test('a correctly signed code for a facility that does not exist says so', () =>
  scanTab('unknown-target', async (page) => {
    await page.goto(sys.codeUrl('fc_doesnotexist01'), { waitUntil: 'domcontentloaded' });
    const error = visible(page, '#scan-error');
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), '该码对应的设施已撤销或不存在');
    assert.equal(await visible(page, '#scan-result').count(), 0);
  }));

test('a /c/ link whose token is not a city service code shows a clear message', () =>
  scanTab('not-a-code', async (page) => {
    await page.goto(`${sys.url}/c/hello-world`, { waitUntil: 'domcontentloaded' });
    const error = visible(page, '#scan-error');
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), '这不是城市服务码，请扫描现场张贴的二维码');
    assert.equal(await visible(page, '#scan-result').count(), 0);
    await shot(page, T, '04-not-a-code');
  }));

test('a link that is not a code link at all shows a clear message on the scan page', () =>
  scanTab('unrecognised', async (page) => {
    await openRoute(page, sys.url, `/pages/scan/index?q=${encodeURIComponent('https://example.com/shop/123')}`);
    const error = visible(page, '#scan-error');
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), '无法识别的二维码链接，请确认扫描的是本系统的二维码');
    assert.equal(await visible(page, '#scan-result').count(), 0);
    assert.equal(await visible(page, '.loading-text').count(), 0, 'not stuck on 正在识别…');
    await shot(page, T, '05-unrecognised-link');
  }));

test('an unrecognised link typed into the home link box is refused on the spot', () =>
  scanTab('link-box-bad', async (page) => {
    await openRoute(page, sys.url, '/pages/index/index');
    await fillTaroInput(page, '#home-link-input', 'https://example.com/shop/123');
    await visible(page, '#home-link-submit').click();
    const error = visible(page, '.home .error-message');
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), '不是本系统的二维码');
    assert.match(page.url(), /#\/pages\/index\/index/, 'stayed on home');
    await shot(page, T, '06-link-box-bad');
  }));

test('no page crashed and nothing left the local system', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blockedRequests, []);
});
