/**
 * Issue 11 part 3, pit onboarding and lifecycle: in Chromium the monitoring unit registers a new pit, enters its
 * parties (a supervisor contact who has never signed in), imports 40 points from an xlsx through the H5 file
 * chooser (a bad sheet first: refused with its row, nothing written), enters the leveling route; the town
 * regulator activates it; the monitoring unit uploads a leveling file through the upload page; the regulator
 * closes the pit (回填), and the missing-data job raises no 缺测 for it afterwards.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as XLSX from '@e965/xlsx';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { fillTaroInput, launchBrowser, openRoute, phoneContext, shot, visible, watchErrors, withFailureShot } from './helpers/browser';
import { waitUntil } from './helpers/app';
import { levelingFile } from '../cloudfunctions/dev/seed/pit-demo-files';
import { buildDeps } from '../cloudfunctions/src/platform/build-deps';
import { loadConfig } from '../cloudfunctions/src/platform/config';
import { flagMissingData } from '../cloudfunctions/src/jobs/pit.jobs';

const T = 'pit-onboard';
const NAME = '鸿福路综合体基坑';
const PERSONAS = {
  monitor: { key: 'pit-monitor', name: '孙监测（监测单位）' },
  regulator: { key: 'nancheng-regulator', name: '陈监管（南城街道）' },
} as const;
const SUPERVISOR_PHONE = '13912349002';

let sys: E2eSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let projectId = '';

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  context = await phoneContext(browser, sys.url);
  page = await context.newPage();
  errors = watchErrors(page);
});
after(async () => {
  await browser?.close();
  await sys?.stop();
});

/** 35 wall-top settlement points, a wall-top horizontal (total-station) point, 3 ground settlement points and a well: 40 rows. */
function pointsXlsx(extra: unknown[][] = []): Buffer {
  const rows: unknown[][] = [['code', 'item', 'name', 'initial_m', 'pipe_top_m', 'initial_e', 'initial_n', 'azimuth_deg']];
  for (let i = 1; i <= 35; i++) rows.push([`ZQS${i}`, 'wallTopVertical', `墙顶${i}`, 99.5 + i / 1000]);
  // the wall's normal into the pit points east (90°): a move east is toward the pit
  rows.push(['ZQP1', 'wallTopHorizontal', '东侧墙顶水平位移', null, null, 2000, 3000, 90]);
  for (let i = 1; i <= 3; i++) rows.push([`DB${i}`, '周边地表竖向位移', '', 99.2 + i / 1000]);
  rows.push(['SW1', 'waterLevel', '坑外水位', 96.7, 100.2], ...extra);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '测点');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

async function signInAs(p: { key: string; name: string }): Promise<void> {
  await openRoute(page, sys.url, '/pages/login/index');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await visible(page, `#login-persona-${p.key}`).waitFor();
  if (await visible(page, '#login-logout').count()) {
    await visible(page, '#login-logout').click();
    await waitUntil('nobody signed in', async () => (await visible(page, '#login-current-user').count()) === 0);
  }
  await visible(page, `#login-persona-${p.key}`).click();
  await waitUntil(`home shows ${p.name}`, async () => ((await visible(page, '#home-user').textContent().catch(() => '')) ?? '').trim() === p.name);
}

async function openSetup(): Promise<void> {
  await openRoute(page, sys.url, `/packages/pit/pages/setup/index?id=${projectId}`);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await visible(page, '#setup-status').waitFor();
}
const status = async () => visible(page, '#setup-status').getAttribute('data-status');
const text = async (sel: string) => ((await visible(page, sel).first().textContent()) ?? '').trim();

/** Chooses a file through the H5 file chooser (a click on the dashed box opens it). */
async function chooseFile(boxSelector: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await visible(page, boxSelector).click();
  await (await chooser).setFiles(file);
}

test('the monitoring unit registers a pit, enters its parties, imports 40 points from an xlsx and the leveling route', () =>
  withFailureShot(page, T, async () => {
    await signInAs(PERSONAS.monitor);
    await openRoute(page, sys.url, '/packages/pit/pages/projects/index');
    await visible(page, '#pit-onboard-open').click();
    await fillTaroInput(page, '#onboard-name', NAME);
    await fillTaroInput(page, '#onboard-address', '东莞市南城街道鸿福路100号');
    await fillTaroInput(page, '#onboard-lng', '113.7512');
    await fillTaroInput(page, '#onboard-lat', '23.0135');
    await fillTaroInput(page, '#onboard-depth', '12');
    await visible(page, '#onboard-town [data-value="nancheng"]').click();
    const created = page.waitForResponse((r) => r.url().endsWith('/api/pit/projects') && r.request().method() === 'POST');
    await visible(page, '#onboard-submit').click();
    const res = await created;
    assert.equal(res.status(), 201, await res.text());
    projectId = (await res.json()).data.id;
    await visible(page, '#setup-status').waitFor();
    assert.equal(await status(), 'pending');
    assert.match(await text('#setup-problems'), /请导入测点/);
    assert.equal(await visible(page, '#setup-action-activate').count(), 0, 'the monitoring unit cannot start its own pit');

    // parties: the supervisor's contact has no account yet
    await fillTaroInput(page, '#setup-party-owner-org', '东莞城建投资有限公司');
    await visible(page, '#setup-party-owner-add textarea').fill('李业主 13912349001');
    await fillTaroInput(page, '#setup-party-supervisor-org', '东莞正信工程监理');
    await visible(page, '#setup-party-supervisor-add textarea').fill(`钱监理 ${SUPERVISOR_PHONE}`);
    await visible(page, '#setup-parties-save').click();
    await waitUntil('the supervisor contact is listed, phone masked', async () => (await text('#setup-party-supervisor')).includes('139****9002'));
    assert.ok(!(await page.content()).includes(SUPERVISOR_PHONE), 'no whole phone number on the page');
    const contact = await sys.db.collection('users').findOne({ phone: SUPERVISOR_PHONE });
    assert.ok(contact && !contact.openid && contact.roleKeys.includes(`project:${projectId}`), 'a contact account bound to the project');

    // a sheet with a bad azimuth is refused with its row; nothing written
    await chooseFile('#setup-import-box', { name: 'bad.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: pointsXlsx([['ZQP9', 'wallTopHorizontal', '', 100, null, 2000.1, 3000.2, 400]]) });
    await waitUntil('the file is chosen', async () => (await visible(page, '#setup-import-file').getAttribute('data-name')) === 'bad.xlsx');
    await visible(page, '#setup-import-run').click();
    await visible(page, '#setup-import-problems').waitFor();
    assert.match(await text('#setup-import-problems'), /第 42 行/);
    assert.match(await text('#setup-import-problems'), /方位角 400° 超出范围/);
    assert.equal(await sys.db.collection('pit_points').countDocuments({ projectId }), 0);

    await chooseFile('#setup-import-box', { name: '鸿福路测点.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: pointsXlsx() });
    await waitUntil('the good file is chosen', async () => (await visible(page, '#setup-import-file').getAttribute('data-name')) === '鸿福路测点.xlsx');
    await visible(page, '#setup-import-run').click();
    await waitUntil('40 points registered', async () => (await text('#setup-import .pit-title')).includes('40 个'));
    assert.equal(await sys.db.collection('pit_points').countDocuments({ projectId, controlSource: 'standard' }), 40);

    await visible(page, '#setup-benchmarks textarea').fill('BM1 100.000');
    await fillTaroInput(page, '#setup-route-start', 'BM1');
    await fillTaroInput(page, '#setup-route-end', 'BM1');
    await visible(page, '#setup-control-points textarea').fill('TS1 2050.000 3050.000 101.2\nBS1 1900.000 3100.000');
    await visible(page, '#setup-route-save').click();
    await waitUntil('ready to start', async () => (await visible(page, '#setup-problems').count()) === 0);
    await shot(page, T, '01-setup-ready');
    // the bad sheet's refusal (400) is the only failed request the browser logs
    assert.deepEqual(errors.filter((e) => !/status of 400/.test(e)), []);
    assert.equal(errors.length, 1);
  }));

test('the town regulator activates it; the monitoring unit uploads a leveling file', () =>
  withFailureShot(page, T, async () => {
    await signInAs(PERSONAS.regulator);
    await openSetup();
    await visible(page, '#setup-action-activate').click();
    await waitUntil('监测中', async () => (await status()) === 'active');

    await signInAs(PERSONAS.monitor);
    await openRoute(page, sys.url, `/packages/pit/pages/upload/index?projectId=${projectId}`);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await visible(page, '#pit-upload-form').waitFor();
    await visible(page, '#pit-upload-format-gsi').click();
    const gsi = levelingFile({ id: 'BM1', elevation: 100 }, [1, 2, 3].map((i) => ({ code: `ZQS${i}`, elevation: 99.5 + i / 1000 - 0.0012 })), 5);
    await visible(page, '#pit-upload-file-input').setInputFiles({ name: 'loop.gsi', mimeType: 'text/plain', buffer: Buffer.from(gsi) });
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/ingest/pit/projects/${projectId}/uploads`));
    await visible(page, '#pit-upload-submit').click();
    const res = await answered;
    assert.equal(res.status(), 201, await res.text());
    assert.equal((await res.json()).data.status, 'accepted');

    // the total station's coordinates: ZQP1 18 mm toward the pit = 90 % of its 20 mm control → orange, and the
    // alarm SMS reaches the party contacts who have never signed in
    const token = (await sys.login(PERSONAS.monitor.key)).token;
    const tps = await sys.api('POST', `/api/ingest/pit/projects/${projectId}/uploads`, { token, body: { format: 'tps_csv', text: `point,time,E,N,H\nZQP1,${new Date(Date.now() - 60_000).toISOString()},2000.018,3000.000,12.1\n` } });
    assert.equal(tps.status, 201, JSON.stringify(tps.json));
    const r = tps.json.data.results.find((x: { point: string }) => x.point === 'ZQP1');
    assert.equal(r.level, 'orange', JSON.stringify(r));
    assert.equal(tps.json.data.alarms.length, 1);
    await waitUntil('the alarm SMS reaches the supervisor contact (no account)', async () => sys.standins.log.some((e) => e.kind === 'SendSms' && e.to === `+86${SUPERVISOR_PHONE}`));
  }));

test('the regulator closes the pit (回填): no 缺测 afterwards, and no more uploads', () =>
  withFailureShot(page, T, async () => {
    await signInAs(PERSONAS.regulator);
    await openSetup();
    await visible(page, '#setup-reason textarea').fill('地下室顶板完成，基坑已回填');
    await visible(page, '#setup-action-close').click();
    await waitUntil('已完工（回填）', async () => (await status()) === 'closed');
    assert.equal(await text('#setup-status'), '已完工（回填）');
    await shot(page, T, '02-closed');

    const deps = buildDeps(loadConfig(process.env), { db: sys.db, now: () => new Date(Date.now() + 5 * 86_400_000) });
    await flagMissingData(deps);
    assert.equal(await sys.db.collection('pit_alarms').countDocuments({ projectId, item: 'missing_data' }), 0, 'a closed pit is not checked for missing data');
    const token = (await sys.login(PERSONAS.monitor.key)).token;
    const late = await sys.api('POST', `/api/ingest/pit/projects/${projectId}/uploads`, { token, body: { format: 'gsi', text: levelingFile({ id: 'BM1', elevation: 100 }, [{ code: 'ZQS1', elevation: 99.499 }], 9), observedAt: new Date().toISOString() } });
    assert.equal(late.status, 409);
    assert.equal(late.json.error, 'project_closed');
    const history = (await sys.db.collection('pit_projects').findOne({ _id: projectId as never }))!.history.map((e: { action: string }) => e.action);
    assert.deepEqual(history.filter((a: string) => ['pit.create', 'pit.activate', 'pit.close'].includes(a)), ['pit.create', 'pit.activate', 'pit.close']);
  }));
