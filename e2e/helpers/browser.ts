/**
 * Headless Chromium (Debian's /usr/bin/chromium via playwright-core) sized like a phone, plus the few
 * helpers every journey needs: visible-only locators (Taro H5 keeps the previous page in the DOM while the
 * next one slides in), Taro input filling, screenshots and a page-error watch.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { recordPageLoads } from './page-load';

/** Upper bound for any single wait in the end-to-end tests. */
export const WAIT_MS = 15_000;

export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh phone-sized context (its own localStorage, i.e. its own session). Requests to anything but the
 * local system are aborted: outbound calls would make the test depend on the network.
 */
export async function phoneContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const origin = new URL(baseUrl).origin;
  await context.route(
    (u) => u.origin !== origin && (u.protocol === 'http:' || u.protocol === 'https:'),
    (route) => {
      blockedRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  await recordPageLoads(context);
  return context;
}

/** Outbound requests the contexts blocked (asserted empty at the end of each file). */
export const blockedRequests: string[] = [];

/** Uncaught exceptions and console errors on a page (a crash shows up here even if the UI looks fine). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return errors;
}

/** The visible match(es) of a selector. */
export function visible(page: Page, selector: string): Locator {
  return page.locator(selector).locator('visible=true');
}

/** Types into a Taro `<Input id=…>` (a `<taro-input-core>` wrapping a real `<input>`). */
export async function fillTaroInput(page: Page, id: string, value: string): Promise<void> {
  const input = visible(page, `${id} input`).first();
  await input.waitFor({ state: 'visible' });
  await input.fill(value);
}

/** Opens a hash route of the H5 app, e.g. `/pages/inbox/index`. */
export async function openRoute(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}/#${route}`, { waitUntil: 'domcontentloaded' });
}

/** Waits (at most 3 s, never failing) until no finite CSS animation or transition runs (page slides, toasts; spinners loop forever and are ignored). */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 3_000, polling: 100 })
    .catch(() => undefined);
}

/** `e2e/screenshots/<test>-<step>.png`, taken once the page has stopped moving. */
export async function shot(page: Page, test: string, step: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await settle(page);
  const file = path.join(SCREENSHOT_DIR, `${test}-${step}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Runs a journey; on failure saves `<test>-failure.png` before rethrowing, so a red run leaves evidence. */
export async function withFailureShot<T>(page: Page, test: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    await shot(page, test, 'failure').catch(() => undefined);
    throw e;
  }
}
