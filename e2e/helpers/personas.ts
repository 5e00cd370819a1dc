/**
 * A phone already signed in as a demo persona (the session the login page would store), optionally in the
 * elder-friendly large-text mode — for journeys that start on a page, and the screenshot set.
 */
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { phoneContext, watchErrors } from './browser';
import type { E2eSystem } from './system';

export type PersonaPhone = { context: BrowserContext; page: Page; errors: string[]; token: string; user: { id: string; name: string } };

/** Taro H5 keeps storage values as `{ data }` JSON in localStorage. */
const taroValue = (v: unknown) => JSON.stringify({ data: v });

/**
 * A new phone context signed in as `persona` (null: nobody), large text on or off. The session is written
 * once, before the first page of the context runs, so a later 退出登录 in the app sticks.
 */
export async function personaPhone(browser: Browser, sys: E2eSystem, persona: string | null, opts: { large?: boolean } = {}): Promise<PersonaPhone> {
  const context = await phoneContext(browser, sys.url);
  const auth = persona ? await sys.login(persona) : null;
  const init: Record<string, string> = { 'cl.largeText': taroValue(!!opts.large) };
  if (auth) {
    init['cl.token'] = taroValue(auth.token);
    init['cl.user'] = taroValue(auth.user);
  }
  await context.addInitScript((kv: Record<string, string>) => {
    // (about:blank has no storage of its own: reading it throws there, and there is nothing to seed)
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    if (sessionStorage.getItem('cl.e2e.seeded')) return;
    sessionStorage.setItem('cl.e2e.seeded', '1');
    for (const [k, v] of Object.entries(kv)) localStorage.setItem(k, v);
  }, init);
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors, token: auth?.token ?? '', user: auth?.user ?? { id: '', name: '' } };
}

/** Uploads a small genuine-looking JPEG over the API as `token` (the evidence flow the app uses); its sha256. */
export async function apiPhoto(sys: E2eSystem, token: string, seed: string): Promise<string> {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo ${seed} ${Math.random()}`)]);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const s = await sys.api('POST', '/api/uploads', { token, body: { sha256: sha, size: bytes.length, contentType: 'image/jpeg', purpose: 'photo' } });
  if (s.status >= 300) throw new Error(`upload slot refused: ${s.status} ${JSON.stringify(s.json)}`);
  if (s.json.data.uploadUrl) await fetch(s.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) });
  await sys.api('POST', '/api/uploads/complete', { token, body: { sha256: sha, purpose: 'photo' } });
  return sha;
}

/** The demo well on 鸿福路 (南城第一网格, 南城市政道路养护公司). */
export const DEMO_WELL = { id: 'fc_demo0nc01well1', lng: 113.748, lat: 23.006 };

/**
 * A citizen report on the demo well driven over the API to 结案 (立案, 派遣, 接单, 反馈 with an after photo,
 * 核查通过), ready for the citizen's 评价. Returns the case id.
 */
export async function closedCase(sys: E2eSystem, citizen = 'citizen', description = '井盖松动，踩上去有响声'): Promise<string> {
  const c = await sys.login(citizen);
  const chief = await sys.login('chief-nancheng');
  const unit = await sys.login('unit-roads');
  const patroller = await sys.login('patroller-nancheng');
  const r = await sys.api('POST', '/api/cases', {
    token: c.token,
    body: { facilityId: DEMO_WELL.id, kind: 'component', classCode: '0101', description, photos: [await apiPhoto(sys, c.token, 'report')], location: { lng: DEMO_WELL.lng, lat: DEMO_WELL.lat, accuracy: 10 } },
  });
  if (r.status !== 201) throw new Error(`report refused: ${r.status} ${JSON.stringify(r.json)}`);
  const id = r.json.data.id as string;
  let version = r.json.data.version as number;
  const act = async (token: string, body: Record<string, unknown>) => {
    const x = await sys.api('POST', `/api/cases/${id}/actions`, { token, body: { ...body, version } });
    if (x.status !== 200) throw new Error(`${String(body.action)} refused: ${x.status} ${JSON.stringify(x.json)}`);
    version = x.json.data.version;
  };
  await act(chief.token, { action: 'accept' });
  await act(chief.token, { action: 'dispatch' });
  await act(unit.token, { action: 'start' });
  await act(unit.token, { action: 'report', reason: '已更换新井盖并复位', photos: [await apiPhoto(sys, unit.token, 'after')] });
  await act(patroller.token, { action: 'verify', outcome: 'pass', photos: [await apiPhoto(sys, patroller.token, 'verify')], location: { lng: DEMO_WELL.lng, lat: DEMO_WELL.lat, accuracy: 10 } });
  return id;
}
