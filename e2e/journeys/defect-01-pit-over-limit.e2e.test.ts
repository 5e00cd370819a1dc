/**
 * Issue 17 §1, deep foundation pits: after a leveling file put a point at 107.5 % of its control value, the
 * supervisor handled and the owner archived (销警) — and the project read 正常 with 未闭合报警 0 for the
 * regulators, beside the 107.5 % row; the owner was not warned, and an archived alarm could be neither
 * commented on nor reopened. Now the project's level follows its current readings whatever the alarms'
 * states; the owner is told the point is still over, must state a reason and confirm; the town and city
 * regulators are told; the town regulator opens the message and reopens the alarm. At 390×844, in normal and
 * large-text mode (one point each: ZQS2, then ZQS3).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { blockedRequests, shot, visible, withFailureShot } from '../helpers/browser';
import { waitUntil } from '../helpers/app';
import { apiPhoto } from '../helpers/personas';
import { beijingIso, DEMO_BENCHMARK, DEMO_ROUTE } from '../helpers/pit';
import { levelingFile } from '../../cloudfunctions/dev/seed/pit-demo-files';
import { MODES, open, startJourney, text, type Journey, type Mode } from './journey';

const T = 'defect-01-pit-over-limit';
const PIT = 'pj_demo0nc0pit0b'; // 元美花园二期地下室基坑 (ZQS1 has an open orange alarm from the seed)
const POINT_OF: Record<Mode['name'], string> = { normal: 'ZQS2', large: 'ZQS3' };
const RATIO = 1.075;
const OVER_ARCHIVE = /建设单位销警（测点仍超限）/;

let j: Journey;
let monitorToken: string;

before(async () => {
  j = await startJourney(T);
  monitorToken = (await j.sys.login('pit-monitor')).token;
});

after(async () => {
  await j?.stop();
});

type Alarm = { id: string; point: string; level: string; status: string; version: number; history: { action: string; role?: string; note?: string; data?: { overLimit?: unknown } }[] };
const alarm = async (id: string): Promise<Alarm> => (await j.sys.api('GET', `/api/pit/alarms/${id}`, { token: monitorToken })).json.data;
const projectLevel = async () => ((await j.sys.db.collection('pit_projects').findOne({ _id: PIT as never })) as { worstLevel?: string } | null)?.worstLevel;

/** A leveling file with `point` settled to `RATIO` of its control value and every other point where the last epoch left it. */
async function fileWith(point: string, seed: number): Promise<string> {
  const points = await j.sys.db.collection<{ code: string; initialM: number; control: { cumulative: number } }>('pit_points').find({ projectId: PIT }).toArray();
  const uploads = (await j.sys.api('GET', `/api/pit/projects/${PIT}/uploads`, { token: monitorToken })).json.data as { status: string; observedAt: string; results: { point: string; value: number }[] }[];
  const last = uploads.filter((u) => u.status === 'accepted' && u.results.length === DEMO_ROUTE.length).sort((a, b) => Date.parse(b.observedAt) - Date.parse(a.observedAt))[0];
  const elevation = (code: string) => {
    const p = points.find((x) => x.code === code)!;
    return code === point ? p.initialM - (RATIO * p.control.cumulative) / 1000 : p.initialM + last.results.find((r) => r.point === code)!.value / 1000;
  };
  return levelingFile(DEMO_BENCHMARK, DEMO_ROUTE.map((code) => ({ code, elevation: elevation(code) })), seed);
}

/** The monitoring unit's upload raises a red alarm on `point`; the supervisor handles it with a photo. Its id. */
async function raisedAndHandled(point: string, minutesAgo: number, seed: number): Promise<string> {
  const r = await j.sys.api('POST', `/api/ingest/pit/projects/${PIT}/uploads`, { token: monitorToken, body: { format: 'gsi', text: await fileWith(point, seed), observedAt: beijingIso(Date.now() - minutesAgo * 60_000) } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.status, 'accepted', JSON.stringify(r.json.data));
  const row = (r.json.data.results as { point: string; level: string; ratio: number }[]).find((x) => x.point === point)!;
  assert.equal(row.level, 'red');
  assert.ok(Math.abs(row.ratio - RATIO) < 0.01, `the point is at ${row.ratio}`);
  const alarms = await Promise.all((r.json.data.alarms as string[]).map(alarm));
  const raised = alarms.find((a) => a.point === point);
  assert.ok(raised, `a red alarm on ${point}: ${JSON.stringify(alarms.map((a) => a.point))}`);
  const sup = await j.sys.login('pit-supervisor');
  const evidence = [await apiPhoto(j.sys, sup.token, `${point}-handle`)];
  const h = await j.sys.api('POST', `/api/pit/alarms/${raised.id}/actions`, { token: sup.token, body: { action: 'handle', note: '已停止坑边堆载，坑内回填反压，加密观测至每4小时一次', evidence, version: raised.version } });
  assert.equal(h.status, 200, JSON.stringify(h.json));
  return raised.id;
}

const overLimitText = (page: Page) => text(page, '#alarm-over-limit');

async function ownerArchives(mode: Mode, alarmId: string, point: string) {
  const page = await j.phone('pit-owner', mode);
  await withFailureShot(page, `${T}-${mode.name}-owner`, async () => {
    await open(page, j.sys, `/packages/pit/pages/alarm/index?id=${alarmId}`, mode);
    await visible(page, '#alarm-summary').waitFor();
    assert.equal(await text(page, '#alarm-status'), '已处置待复核');
    // Told before deciding: the point is still over its control value.
    assert.match(await overLimitText(page), /测点当前读数仍超控制值：红色报警（占控制值 107\.\d%）/);
    await visible(page, '#alarm-action-archive').click();
    await visible(page, '#alarm-form').waitFor();
    assert.match(await text(page, '#alarm-form .alarm-ack-text'), /销警需写明原因，监管部门将收到通知并可重新打开/);
    await shot(page, T, `${mode.name}-01-owner-warned`);

    // No reason: refused on the phone, nothing sent.
    await visible(page, '#alarm-ack').click();
    await visible(page, '#alarm-submit').click();
    await waitUntil('a reason is asked for', async () => /请填写销警说明/.test(await text(page, '#alarm-form .error-message').catch(() => '')));
    // A reason but no confirmation: refused too.
    await visible(page, '#alarm-ack').click();
    await waitUntil('the confirmation is off', async () => (await visible(page, '#alarm-ack').getAttribute('aria-checked')) === 'false');
    await visible(page, '#alarm-note textarea').fill(`${point}仍超限：已回填反压，变形速率趋稳，经专家确认同意销警，继续加密监测`);
    await visible(page, '#alarm-submit').click();
    await waitUntil('a confirmation is asked for', async () => /勾选确认/.test(await text(page, '#alarm-form .error-message').catch(() => '')));
    assert.equal((await alarm(alarmId)).status, 'handled', 'nothing archived without reason and confirmation');

    await visible(page, '#alarm-ack').click();
    await waitUntil('the confirmation is ticked', async () => (await visible(page, '#alarm-ack').getAttribute('aria-checked')) === 'true');
    await visible(page, '#alarm-submit').click();
    await waitUntil('the status reads 已销警', async () => (await text(page, '#alarm-status')) === '已销警');
    assert.match(await overLimitText(page), /报警已销警，监管部门可重新打开/);
    await shot(page, T, `${mode.name}-02-owner-archived`);
  });
  await page.close();

  const a = await alarm(alarmId);
  assert.equal(a.status, 'archived');
  const ev = a.history[a.history.length - 1];
  assert.equal(ev.action, 'alarm.archive');
  assert.ok(ev.data?.overLimit, 'the 销警 event records the reading it was over');
  assert.equal(await projectLevel(), 'red', 'the project follows its readings: red, whatever the alarm states');
}

/** The projects list as `persona`: pit B's card reads 红色报警 (not 正常) while the point is over. */
async function projectCardIsRed(page: Page, mode: Mode, tag: string) {
  await open(page, j.sys, '/packages/pit/pages/projects/index', mode);
  const card = visible(page, `.pit-project[data-id="${PIT}"]`);
  await card.waitFor();
  assert.equal(await card.getAttribute('data-level'), 'red');
  assert.equal(await card.locator('.pit-level-badge').getAttribute('data-level'), 'red');
  assert.match((await card.locator('.pit-level-badge').textContent()) ?? '', /红色报警/);
  await shot(page, T, `${mode.name}-${tag}`);
}

async function regulatorReopens(mode: Mode, alarmId: string) {
  // The city regulator is told too (a 销警 over the limit goes up like an escalation), and sees the project red.
  const city = await j.sys.login('city-regulator');
  await waitUntil('the city regulator has the message', async () => {
    const inbox = (await j.sys.api('GET', '/api/inbox', { token: city.token })).json.data.items as { title: string; link?: string }[];
    return inbox.some((m) => OVER_ARCHIVE.test(m.title) && (m.link ?? '').includes(alarmId));
  });
  const cityPage = await j.phone('city-regulator', mode);
  await withFailureShot(cityPage, `${T}-${mode.name}-city`, () => projectCardIsRed(cityPage, mode, '03-city-projects'));
  await cityPage.close();

  const page = await j.phone('nancheng-regulator', mode);
  await withFailureShot(page, `${T}-${mode.name}-town`, async () => {
    await projectCardIsRed(page, mode, '04-town-projects');
    await visible(page, `.pit-project[data-id="${PIT}"]`).click();
    await visible(page, '#pit-project-name').waitFor();
    await waitUntil('the project page reads 红色报警', async () => (await visible(page, '.pit-level-badge').first().getAttribute('data-level')) === 'red');

    // The message in the inbox opens the alarm.
    await open(page, j.sys, '/pages/inbox/index', mode);
    const item = visible(page, '.inbox-item').filter({ hasText: OVER_ARCHIVE }).first();
    await item.waitFor();
    await shot(page, T, `${mode.name}-05-town-inbox`);
    await item.click();
    await visible(page, '#alarm-summary').waitFor();
    assert.equal(new URL(page.url()).hash.includes(alarmId) || page.url().includes(alarmId), true, `the message opens this alarm: ${page.url()}`);
    assert.equal(await text(page, '#alarm-status'), '已销警');
    assert.match(await overLimitText(page), /仍超控制值：红色报警.*监管部门可重新打开/);
    assert.equal(await visible(page, '#alarm-action-comment').count(), 1, 'an archived alarm can still be commented on');

    await visible(page, '#alarm-action-reopen').click();
    await visible(page, '#alarm-form').waitFor();
    await visible(page, '#alarm-note textarea').fill('测点仍超控制值，销警依据不足，重新打开，请监理继续处置');
    await visible(page, '#alarm-submit').click();
    await waitUntil('the status reads 待处置', async () => (await text(page, '#alarm-status')) === '待处置');
    await shot(page, T, `${mode.name}-06-town-reopened`);
  });
  await page.close();

  const a = await alarm(alarmId);
  assert.equal(a.status, 'raised');
  const ev = a.history[a.history.length - 1];
  assert.deepEqual([ev.action, ev.role], ['alarm.reopen', 'regulator']);
}

for (const [i, mode] of MODES.entries()) {
  const point = POINT_OF[mode.name];
  let alarmId = '';
  test(`${mode.name}: ${point} at 107.5 % → red alarm, handled; the owner must state a reason and confirm to archive`, async () => {
    alarmId = await raisedAndHandled(point, 40 - i * 20, 1075 + i);
    await ownerArchives(mode, alarmId, point);
  });
  test(`${mode.name}: the regulators are told and see the project red; the town regulator reopens from the message`, async () => {
    assert.ok(alarmId, 'the alarm was archived');
    await regulatorReopens(mode, alarmId);
  });
}

test('no uncaught errors and no requests outside the local system', () => {
  assert.deepEqual(j.errors, []);
  assert.deepEqual(blockedRequests, []);
});
