/** Small facts about the H5 app the journeys need: its stored session, and bounded polling. */
import type { Page } from 'playwright-core';
import { WAIT_MS } from './browser';

/** The bearer token the H5 app stored after login (Taro keeps `{ data }` JSON in localStorage). */
export async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('cl.token'));
  if (!raw) throw new Error('the app has no stored session token (cl.token)');
  const parsed = JSON.parse(raw) as { data?: unknown };
  if (typeof parsed.data !== 'string' || !parsed.data) throw new Error(`unexpected stored token: ${raw}`);
  return parsed.data;
}

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = WAIT_MS, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
