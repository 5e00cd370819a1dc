/**
 * A phone signed in the way a person does it (home page → 登录 → the dev persona), optionally standing at a place:
 * geolocation granted, the position reported as a browser reports it (WGS-84, converted from the map's GCJ-02).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gcj02ToWgs84 } from '../../miniprogram/src/services/city-geo';
import { openRoute, phoneContext, visible, watchErrors } from './browser';
import type { E2eSystem } from './system';

export type SignedInPhone = { context: BrowserContext; page: Page; errors: string[] };

export async function signedInPhone(browser: Browser, sys: E2eSystem, persona: string, opts: { at?: { lng: number; lat: number }; accuracy?: number } = {}): Promise<SignedInPhone> {
  const context = await phoneContext(browser, sys.url);
  if (opts.at) {
    await context.grantPermissions(['geolocation'], { origin: new URL(sys.url).origin });
    const w = gcj02ToWgs84(opts.at);
    await context.setGeolocation({ latitude: w.lat, longitude: w.lng, accuracy: opts.accuracy ?? 10 });
  }
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openRoute(page, sys.url, '/pages/index/index');
  await visible(page, '#home-login').click();
  await visible(page, `#login-persona-${persona}`).click();
  await visible(page, '#home-user').waitFor();
  return { context, page, errors };
}
