/**
 * What the per-defect journeys (issue 17) share: one local system and browser per file, a phone per persona
 * (390×844, signed in through the same dev-login the H5 login page uses, optionally in large-text mode), real
 * PNG photos uploaded through the evidence API, and small text helpers.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from '../helpers/system';
import { gcj02ToWgs84 } from '../../miniprogram/src/services/city-geo';
import { launchBrowser, openRoute, phoneContext, visible, watchErrors } from '../helpers/browser';

/** Both settings every journey runs in: the phone as shipped, and the elder-friendly large text. */
export const MODES = [
  { name: 'normal', large: false },
  { name: 'large', large: true },
] as const;
export type Mode = (typeof MODES)[number];

export type Journey = {
  sys: E2eSystem;
  browser: Browser;
  /** page errors of every phone, asserted empty at the end */
  errors: string[];
  phone: (persona: string, mode: Mode, where?: { lng: number; lat: number }) => Promise<Page>;
  stop: () => Promise<void>;
};

export async function startJourney(name: string): Promise<Journey> {
  const sys = await startE2eSystem(name);
  const browser = await launchBrowser();
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  const phone: Journey['phone'] = async (persona, mode, where) => {
    const { token, user } = await sys.login(persona);
    const context = await phoneContext(browser, sys.url);
    contexts.push(context);
    if (where) {
      await context.grantPermissions(['geolocation'], { origin: new URL(sys.url).origin });
      // the browser speaks WGS-84; the app converts to the map's GCJ-02 (where `where` is given)
      const w = gcj02ToWgs84(where);
      await context.setGeolocation({ latitude: w.lat, longitude: w.lng, accuracy: 8 });
    }
    // Taro's H5 storage keeps `{ data }` JSON under each key (services/session.ts)
    await context.addInitScript(
      ([t, u, large]) => {
        if (location.protocol !== 'http:') return; // about:blank has no storage
        localStorage.setItem('cl.token', JSON.stringify({ data: t }));
        localStorage.setItem('cl.user', JSON.stringify({ data: JSON.parse(u as string) }));
        localStorage.setItem('cl.largeText', JSON.stringify({ data: large }));
      },
      [token, JSON.stringify(user), mode.large] as const,
    );
    const page = await context.newPage();
    const e = watchErrors(page);
    page.on('close', () => errors.push(...e.filter((x) => x.startsWith('pageerror')).map((x) => `${persona}/${mode.name}: ${x}`)));
    return page;
  };
  return {
    sys,
    browser,
    errors,
    phone,
    stop: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await sys.stop();
    },
  };
}

/** Opens a route with a full load and checks the page is in the mode asked for. */
export async function open(page: Page, sys: E2eSystem, route: string, mode: Mode): Promise<void> {
  await page.goto('about:blank');
  await openRoute(page, sys.url, route);
  const pageRoot = visible(page, '.cl-page').first();
  await pageRoot.waitFor();
  const cls = (await pageRoot.getAttribute('class')) ?? '';
  assert.equal(/cl-large/.test(cls), mode.large, `large text ${mode.large ? 'on' : 'off'} on ${route}`);
}

export const text = async (page: Page, selector: string) => ((await visible(page, selector).first().textContent()) ?? '').trim();

/** The whole visible text of the current page. */
export const pageText = async (page: Page) => ((await visible(page, '.cl-page').first().innerText()) ?? '').trim();

// A real PNG (the server sniffs the bytes): a coloured tile, different per colour.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let c = 0xffffffff;
  for (const b of td) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return Buffer.concat([len, td, crc]);
}
export function png(rgb: [number, number, number], size = 64): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const o = y * (1 + size * 3) + 1 + x * 3;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = (rgb[2] + y) & 0xff;
    }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Uploads a photo as `token` through the evidence API; its SHA-256. */
export async function uploadPhoto(sys: E2eSystem, token: string, bytes: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const start = await sys.api('POST', '/api/uploads', { token, body: { sha256, size: bytes.length, contentType: 'image/png', purpose: 'photo' } });
  assert.equal(start.status, 200, JSON.stringify(start.json));
  if (!start.json.data.alreadyStored) {
    const put = await fetch(start.json.data.uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: new Uint8Array(bytes) });
    assert.ok(put.ok, `PUT ${put.status}`);
    const done = await sys.api('POST', '/api/uploads/complete', { token, body: { sha256, purpose: 'photo' } });
    assert.ok(done.status === 200 || done.status === 201, JSON.stringify(done.json));
  }
  return sha256;
}

/** A citizen's report at a facility over the API (the UI path is covered by city.e2e); the case id. */
export async function reportAt(sys: E2eSystem, persona: string, facilityId: string, classCode: string, description: string, seed: number): Promise<string> {
  const { token } = await sys.login(persona);
  const photo = await uploadPhoto(sys, token, png([seed % 256, 90, 140]));
  const r = await sys.api('POST', '/api/cases', { token, body: { facilityId, kind: 'component', classCode, description, photos: [photo] } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.data.id;
}

/** One case action as `persona`, at the case's current version (the journeys' setup steps). */
export async function actOnCase(sys: E2eSystem, persona: string, caseId: string, body: Record<string, unknown>): Promise<void> {
  const { token } = await sys.login(persona);
  const c = await sys.api('GET', `/api/cases/${caseId}`, { token });
  const r = await sys.api('POST', `/api/cases/${caseId}/actions`, { token, body: { version: c.json.data.version, ...body } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
}
