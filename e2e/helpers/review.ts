/**
 * The 危大工程 review journeys' shared steps: library experts' phones (their accounts have no persona: the session
 * is a token for the account, placed as the login page would), the scheme upload on the page, the 总监's review, the
 * venue check-in + sign-in, and the API steps a later journey starts from (the same commands the pages call).
 */
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fillTaroInput, openRoute, phoneContext, shot, visible, withFailureShot } from './browser';
import { personaPhone } from './personas';
import { waitUntil } from './app';
import type { E2eSystem } from './system';
import { gcj02ToWgs84, northOf } from '../../miniprogram/src/services/city-geo';
import { idNumberCheckDigitOk } from '../../shared/src/checkin/checkin.contract';
import { issueToken } from '../../cloudfunctions/src/platform/auth/jwt';
import { loadConfig } from '../../cloudfunctions/src/platform/config';

export const PENDING_PROJECT = 'pj_demo0dw0new0f';
export const PIT_A = 'pj_demo0nc0pit0a';
/** The registered site of the journey's project (GCJ-02): the venue's geofence centre. */
export const SITE = { lng: 113.7521, lat: 23.0187 };
export type Phone = { page: Page; context: BrowserContext };

/** Phones of a journey: persona or expert sessions, closed together, page errors collected. */
export function phones(browser: Browser, sys: E2eSystem) {
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  const watch = (page: Page) => page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    errors,
    closeAll: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
    },
    persona: async (key: string, at?: { lng: number; lat: number }): Promise<Phone> => {
      const p = await personaPhone(browser, sys, key);
      contexts.push(p.context);
      watch(p.page);
      if (at) {
        await p.context.grantPermissions(['geolocation'], { origin: new URL(sys.url).origin });
        const w = gcj02ToWgs84(at);
        await p.context.setGeolocation({ latitude: w.lat, longitude: w.lng, accuracy: 8 });
      }
      return p;
    },
    /** A phone signed in as a library expert, standing 25 m north of `at`. */
    expert: async (userId: string, at = SITE): Promise<Phone> => {
      const u = (await sys.db.collection<{ _id: string; name: string }>('users').findOne({ _id: userId }))!;
      const token = await issueToken(loadConfig(process.env).jwtSecret, userId, 3600, new Date());
      const context = await phoneContext(browser, sys.url);
      contexts.push(context);
      await context.grantPermissions(['geolocation'], { origin: new URL(sys.url).origin });
      const w = gcj02ToWgs84(northOf(at, 25));
      await context.setGeolocation({ latitude: w.lat, longitude: w.lng, accuracy: 8 });
      const init = { 'cl.token': JSON.stringify({ data: token }), 'cl.user': JSON.stringify({ data: { id: userId, name: u.name, roles: [] } }) };
      await context.addInitScript((kv: Record<string, string>) => {
        if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
        if (sessionStorage.getItem('cl.e2e.seeded')) return;
        sessionStorage.setItem('cl.e2e.seeded', '1');
        for (const [k, v] of Object.entries(kv)) localStorage.setItem(k, v);
      }, init);
      const page = await context.newPage();
      watch(page);
      return { page, context };
    },
  };
}

export const text = async (page: Page, sel: string) => ((await visible(page, sel).first().innerText()) ?? '').trim();
export const reviewDoc = (sys: E2eSystem, id: string) => sys.db.collection<any>('dw_reviews').findOne({ _id: id });
const pdfBytes = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag} ${Math.random()}\n%%EOF\n`);
/** "YYYY-MM-DD HH:mm" in Beijing, `minutes` from now. */
export const beijingIn = (minutes: number) => new Date(Date.now() + 8 * 3_600_000 + minutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');

/** On the scheme page: the three PDFs of a new version, uploaded, then the technical director's signature. */
export async function uploadAndSign(page: Page, tag: string) {
  for (const k of ['scheme', 'calculations', 'drawings']) {
    await page.locator(`#scheme-doc-${k}-input`).setInputFiles({ name: `${k}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(`${tag}-${k}`) });
    await page.locator(`#scheme-doc-${k}-state[data-busy="0"]:not([data-sha=""])`).waitFor();
  }
  await visible(page, '#scheme-upload-submit').click();
  await visible(page, '#scheme-sign').click();
  await visible(page, '#scheme-state[data-state="signed"]').waitFor();
}

/** The 总监 reviews and signs the scheme on its page. */
export async function approveOnPage(p: Phone, sys: E2eSystem, schemeId: string, shotName: string) {
  await withFailureShot(p.page, shotName, async () => {
    await openRoute(p.page, sys.url, `/packages/review/pages/scheme/index?id=${schemeId}`);
    await fillTaroInput(p.page, '#scheme-approve-note', '同意报审');
    await visible(p.page, '#scheme-approve').click();
    await visible(p.page, '#scheme-state[data-state="approved"]').waitFor();
    await shot(p.page, 'review', shotName);
  });
}

/** A Dongguan resident ID number with a valid check digit. */
function idNumber(n: number): string {
  const body = `4419001980${String(101 + n).padStart(4, '0')}${String(300 + n).slice(-3)}`;
  return body + [...'0123456789X'].find((c) => idNumberCheckDigitOk(body + c))!;
}

/**
 * The expert checks in at the venue on the one check-in page (face + GPS; enrolling first if they never have —
 * the IAI stand-in reads the face a photo shows from its `FACE:<label>;` marker), then signs in on the review.
 */
export async function checkInAndSignIn(sys: E2eSystem, page: Page, jpeg: Buffer, inv: { userId: string; name: string }, n: number, reviewId: string) {
  const pick = async (id: string, bytes: Buffer) => {
    await page.locator(`#${id}-input`).setInputFiles({ name: `${id}.jpg`, mimeType: 'image/jpeg', buffer: bytes });
    await page.locator(`#${id}-count[data-count="1"][data-busy="0"]`).waitFor();
  };
  const face = () => Buffer.concat([jpeg, Buffer.from(`FACE:${inv.userId};${Math.random()}`)]);
  await openRoute(page, sys.url, `/packages/review/pages/review/index?id=${reviewId}`);
  await visible(page, '#review-checkin').click();
  await visible(page, '#checkin-site').waitFor();
  await waitUntil('enrolment known', async () => (await visible(page, '#checkin-enrolled').count()) + (await visible(page, '#enrol-submit').count()) > 0);
  if (await visible(page, '#enrol-submit').count()) {
    await fillTaroInput(page, '#enrol-name', inv.name);
    await fillTaroInput(page, '#enrol-id', idNumber(n));
    await pick('enrol-photo', face());
    await visible(page, '#enrol-submit').click();
    await visible(page, '#checkin-enrolled').waitFor();
  }
  await visible(page, '#checkin-location[data-phase="ok"]').waitFor();
  await pick('checkin-site-photo', Buffer.concat([jpeg, Buffer.from(`venue ${Math.random()}`)]));
  await pick('checkin-face-photo', face());
  await visible(page, '#checkin-submit').click();
  assert.match(await text(page, '#checkin-result'), /签到成功 · 评审专家 · 距中心 \d+ 米 · 人脸核验通过/);
  await visible(page, '#checkin-back').click();
  await visible(page, '#review-sign-in').click();
  await visible(page, '#review-opinion-form').waitFor();
}

/** A PDF stored over the API as `token`'s own document; its SHA-256. */
async function apiPdf(sys: E2eSystem, token: string, tag: string): Promise<string> {
  const bytes = pdfBytes(tag);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const s = await sys.api('POST', '/api/uploads', { token, body: { sha256: sha, size: bytes.length, contentType: 'application/pdf', purpose: 'document' } });
  assert.ok(s.status < 300, JSON.stringify(s.json));
  if (s.json.data.uploadUrl) await fetch(s.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) });
  await sys.api('POST', '/api/uploads/complete', { token, body: { sha256: sha, purpose: 'document' } });
  return sha;
}

/**
 * Over the API, the state the registration journey's pages reach (review-journey.e2e.test.ts): the pending project
 * registered with a 5.5 m excavation and 9 m formwork, the excavation's scheme signed and approved, applied for
 * (meeting in an hour at the site), drawn (five invited).
 */
export async function drawnReview(sys: E2eSystem): Promise<{ reviewId: string; schemeId: string }> {
  const c = await sys.login('review-contractor');
  const s = await sys.login('review-supervisor');
  const reg = await sys.login('city-regulator');
  const call = async (token: string, method: 'GET' | 'POST', p: string, body?: unknown) => {
    const r = await sys.api(method, p, { token, body });
    assert.ok(r.status < 300, `${p}: ${JSON.stringify(r.json)}`);
    return r.json.data;
  };
  const put = await fetch(`${sys.url}/api/dw-projects/${PENDING_PROJECT}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: '南城中心商务楼', address: '东莞市南城街道鸿福路 99 号', townId: 'nancheng', location: SITE,
      participants: [{ role: 'owner', org: '东莞城投置业' }, { role: 'contractor', org: '广东建工集团' }, { role: 'supervisor', org: '华南建设监理' }],
      items: [{ name: '主楼基坑', category: 'excavation', fields: { depthM: 5.5 } }, { name: '地下室高大模板', category: 'formwork_support', fields: { heightM: 9 } }],
    }),
  });
  assert.equal(put.status, 201, await put.text());
  const schemeId = (await sys.db.collection<any>('dw_projects').findOne({ _id: PENDING_PROJECT })).items[0].schemeId as string;
  const version = async () => (await call(c.token, 'GET', `/api/dw-schemes/${schemeId}`)).version as number;
  await call(c.token, 'POST', `/api/dw-schemes/${schemeId}/versions`, { scheme: await apiPdf(sys, c.token, 's'), calculations: await apiPdf(sys, c.token, 'c'), drawings: await apiPdf(sys, c.token, 'd'), version: await version() });
  await call(c.token, 'POST', `/api/dw-schemes/${schemeId}/sign`, { version: await version() });
  await call(s.token, 'POST', `/api/dw-schemes/${schemeId}/approve`, { note: '同意报审', version: await version() });
  const meetingAt = new Date(Date.now() + 3_600_000).toISOString();
  const r = await call(c.token, 'POST', `/api/dw-schemes/${schemeId}/reviews`, { meetingAt, venue: '南城中心商务楼项目部会议室', venueLocation: SITE, declaredConflicts: [], version: await version() });
  await call(reg.token, 'POST', `/api/reviews/${r.id}/draw`);
  return { reviewId: r.id as string, schemeId };
}
