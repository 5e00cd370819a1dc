/**
 * Issue 17, what the citizen, area chief, patroller and admin expect (the parts this branch adds), at 390×844:
 * the citizen reads the case number and the deadline, adds a note and a photo, and withdraws a report the unit has
 * not started on (the chief and the unit see it withdrawn); the area chief sees the overdue cases counted per unit
 * and sends one 催办; the patroller's facility tasks carry the distance and a route link, and the round's progress
 * moves after a check-in; the admin's facility list names grids and the import hints are Chinese. Each at the phone
 * size and in large-text mode (the withdrawal at the phone size).
 * The system's clock starts on a Monday 10:00 in Guangdong, inside the demo patrol rule's 07:00–20:00 window.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fillTaroInput, shot, visible, withFailureShot } from '../helpers/browser';
import { waitUntil } from '../helpers/app';
import { gcj02ToWgs84 } from '../../miniprogram/src/services/city-geo';
import { MODES, actOnCase, open, pageText, png, reportAt, startJourney, text, type Journey } from './journey';

const T = 'expect-b';
const WELL = 'fc_demo0nc01well1';
const LAMP = 'fc_demo0nc01lamp1';
const BUS = { id: 'fc_demo0nc02bus01', lng: 113.755, lat: 23.005 };

let j: Journey;
before(async () => {
  process.env.CITYLOOP_DEV_CLOCK = '2026-12-07T10:00:00+08:00';
  j = await startJourney(T);
});
after(async () => {
  delete process.env.CITYLOOP_DEV_CLOCK;
  await j?.stop();
});

const inboxTitles = async (persona: string) => {
  const { token } = await j.sys.login(persona);
  return ((await j.sys.api('GET', '/api/inbox', { token })).json.data.items as { title: string; link?: string }[]).filter((m) => m.link);
};
/** Waits until the persona's inbox holds a linked message whose title starts with `title` and links to `id` (delivery may finish on the notify timer). */
const inboxReceives = (persona: string, title: string, id: string) =>
  waitUntil(`${persona} is told: ${title}`, async () => (await inboxTitles(persona)).some((m) => m.title.startsWith(title) && m.link!.includes(id)));

for (const mode of MODES) {
  test(`[${mode.name}] citizen: the case number and the deadline on the progress page; a note and a photo added to the report`, async () => {
    const [facility, classCode] = mode.large ? [LAMP, '0105'] : [WELL, '0101'];
    const id = await reportAt(j.sys, 'citizen', facility, classCode, '设施损坏了请尽快处理', mode.large ? 61 : 51);
    await actOnCase(j.sys, 'chief-nancheng', id, { action: 'accept' });
    await actOnCase(j.sys, 'chief-nancheng', id, { action: 'dispatch', unitId: 'org-roads-nc' });

    const page = await j.phone('citizen', mode);
    await withFailureShot(page, `${T}-${mode.name}-citizen`, async () => {
      await open(page, j.sys, `/packages/citizen/pages/case/index?id=${id}`, mode);
      await visible(page, '#case-number').waitFor();
      assert.equal(await text(page, '#case-number .case-id-value'), id);
      assert.match(await text(page, '#case-deadline'), /^处置时限 (今天|明天|昨天|\d{2}-\d{2}|\d{4}-\d{2}-\d{2}) \d{2}:\d{2}$/);
      const box = await visible(page, '#case-deadline').boundingBox();
      assert.ok(box && box.height < (mode.large ? 80 : 60), 'the deadline stays on one line');
      await shot(page, T, `${mode.name}-citizen-case`);

      await visible(page, '#case-supplement-open').click();
      await visible(page, '#case-supplement-submit').click();
      assert.equal(await text(page, '#case-supplement-error'), '请填写补充说明或上传照片', 'an empty 补充 is refused on the page');
      await visible(page, '#case-supplement-note textarea').fill('井盖旁边还有一处塌陷');
      await visible(page, '#case-supplement-photo-input').setInputFiles({ name: 'more.png', mimeType: 'image/png', buffer: png([mode.large ? 90 : 80, 30, 200]) });
      await visible(page, '#case-supplement-photo-count[data-count="1"]').waitFor();
      await visible(page, '#case-supplement-submit').click();
      const added = visible(page, '.case-step[data-action="case.supplement"]');
      await added.waitFor();
      assert.match((await added.innerText()).trim(), /补充信息[\s\S]*市民[\s\S]*井盖旁边还有一处塌陷/);
      assert.equal(await visible(page, '#case-supplement-open').count(), 1, 'the panel closed and can be used again');
      await shot(page, T, `${mode.name}-citizen-supplement`);
    });
    await page.close();
    // the staff on the case are told
    for (const who of ['chief-nancheng', 'unit-roads']) await inboxReceives(who, '市民补充了问题信息', id);
  });
}

test('citizen: withdraws a report not yet handled; the chief and the unit see it withdrawn; a stranger cannot', async () => {
  const id = await reportAt(j.sys, 'citizen', WELL, '0102', '污水井盖松动', 71);
  await actOnCase(j.sys, 'chief-nancheng', id, { action: 'accept' });
  await actOnCase(j.sys, 'chief-nancheng', id, { action: 'dispatch', unitId: 'org-roads-nc' });
  const page = await j.phone('citizen', MODES[0]);
  await withFailureShot(page, `${T}-withdraw`, async () => {
    await open(page, j.sys, `/packages/citizen/pages/case/index?id=${id}`, MODES[0]);
    await visible(page, '#case-withdraw-open').click();
    assert.match(await pageText(page), /撤回后不再处理，也不能恢复/, 'asked once more before withdrawing');
    await visible(page, '#case-withdraw-reason textarea').fill('物业已经修好了');
    await visible(page, '#case-withdraw-submit').click();
    await visible(page, '#case-state[data-state="withdrawn"]').waitFor();
    assert.equal(await text(page, '#case-state'), '已撤回');
    assert.equal(await text(page, '#case-state-text'), '您已撤回该上报，不再处理');
    assert.equal(await visible(page, '#case-withdraw').count(), 0, 'no second withdrawal');
    assert.equal(await visible(page, '#case-supplement').count(), 0, 'nothing more to add');
    await shot(page, T, 'citizen-withdrawn');
  });
  await page.close();

  const unit = await j.phone('unit-roads', MODES[0]);
  await withFailureShot(unit, `${T}-withdraw-unit`, async () => {
    await open(unit, j.sys, `/packages/chief/pages/case/index?id=${id}`, MODES[0]);
    await visible(unit, '#case-state[data-state="withdrawn"]').waitFor();
    assert.match(await pageText(unit), /市民已撤回上报，无需处置/);
    assert.equal(await visible(unit, '#case-no-actions').count(), 1, 'nothing left to do');
    await open(unit, j.sys, '/packages/chief/pages/queue/index', MODES[0]);
    await visible(unit, '#queue-filters').waitFor();
    await waitUntil('the queue loaded', async () => (await visible(unit, '.queue-item, #queue-empty').count()) > 0);
    assert.equal(await visible(unit, `.queue-item[data-id="${id}"]`).count(), 0, 'gone from the open queue');
  });
  await unit.close();
  for (const who of ['chief-nancheng', 'unit-roads']) await inboxReceives(who, '市民已撤回上报', id);

  const stranger = await j.sys.login('citizen2');
  const c = await j.sys.api('GET', `/api/cases/${id}`, { token: (await j.sys.login('citizen')).token });
  const r = await j.sys.api('POST', `/api/cases/${id}/actions`, { token: stranger.token, body: { action: 'withdraw', version: c.json.data.version } });
  assert.equal(r.status, 404);
});

for (const mode of MODES) test(`[${mode.name}] area chief: the overdue cases counted per unit; 催办 sends the unit one reminder, and twice a day is refused`, async () => {
  const id = await reportAt(j.sys, 'citizen2', mode.large ? LAMP : WELL, mode.large ? '0102' : '0103', '井盖缺失很危险', mode.large ? 83 : 81);
  await actOnCase(j.sys, 'chief-nancheng', id, { action: 'accept' });
  await actOnCase(j.sys, 'chief-nancheng', id, { action: 'dispatch', unitId: 'org-roads-nc' });
  // its handling deadline passed (before the system's clock), as time would have it
  const past = new Date('2026-12-01T01:00:00Z');
  await j.sys.db.collection('cases').updateOne({ _id: id as never }, { $set: { deadline: past, 'stepDue.at': past } });
  // the scheduler escalates it first (超期督办), a new version of the case the chief's page must read
  await waitUntil('the overdue case is escalated', async () => (await j.sys.db.collection('cases').findOne({ _id: id as never }))?.stepDue?.escalated === true, 45_000); // the escalation timer runs every 12 s, later on a busy machine

  const page = await j.phone('chief-nancheng', mode);
  await withFailureShot(page, `${T}-${mode.name}-remind`, async () => {
    await open(page, j.sys, '/packages/chief/pages/queue/index', mode);
    const perUnit = visible(page, '#queue-overdue-units .queue-overdue-unit[data-unit="org-roads-nc"]');
    await perUnit.waitFor();
    assert.match((await perUnit.innerText()).replace(/\s+/g, ' ').trim(), /^南城市政道路养护公司 超期 \d+ 件$/);
    assert.ok(Number(await perUnit.getAttribute('data-count')) >= 1);
    await shot(page, T, `${mode.name}-chief-overdue-by-unit`);

    await visible(page, `.queue-item[data-id="${id}"]`).click();
    await visible(page, '#case-action-remind').click();
    await visible(page, '#case-form[data-action="remind"]').waitFor();
    await visible(page, '#case-form-reason textarea').fill('请今天下班前处理完毕');
    // impatient taps: the button is pressed three times at once (the server lets one through)
    await visible(page, '#case-submit').evaluate((el) => {
      for (let i = 0; i < 3; i++) (el as HTMLElement).click();
    });
    await visible(page, '#case-reminded').waitFor();
    await waitUntil('the remind button is gone for today', async () => (await visible(page, '#case-action-remind').count()) === 0);
    await shot(page, T, `${mode.name}-chief-reminded`);

    await open(page, j.sys, '/packages/chief/pages/queue/index', mode);
    await visible(page, `.queue-item[data-id="${id}"] .queue-reminded`).waitFor();
  });
  await page.close();

  await inboxReceives('unit-roads', '片长催办', id);
  const reminders = (await inboxTitles('unit-roads')).filter((m) => m.title.startsWith('片长催办') && m.link!.includes(id));
  assert.equal(reminders.length, 1, 'the unit got exactly one reminder');
  const chief = await j.sys.login('chief-nancheng');
  const c = await j.sys.api('GET', `/api/cases/${id}`, { token: chief.token });
  const again = await j.sys.api('POST', `/api/cases/${id}/actions`, { token: chief.token, body: { action: 'remind', version: c.json.data.version } });
  assert.deepEqual([again.status, again.json.error], [409, 'already_reminded']);
});

for (const mode of MODES) test(`[${mode.name}] patroller: facility tasks with the distance and a route link; the round’s progress moves after a check-in`, async () => {
  // standing about 330 m north of the bus shelter
  const away = { lng: BUS.lng, lat: BUS.lat + 0.003 };
  const page = await j.phone('patroller-nancheng', mode, away);
  await withFailureShot(page, `${T}-${mode.name}-patrol`, async () => {
    await open(page, j.sys, '/packages/patrol/pages/today/index', mode);
    const task = visible(page, `.patrol-task[data-facility="${BUS.id}"]`);
    await task.waitFor();
    await visible(page, '#patrol-locating[data-phase="ok"]').waitFor();
    const distance = task.locator('.patrol-distance');
    assert.match((await distance.innerText()).trim(), /^距您约 3[2-4]0 米$/);
    const href = (await task.locator('.patrol-nav').getAttribute('data-href')) ?? '';
    assert.match(href, /^https:\/\/uri\.amap\.com\/marker\?position=113\.755000,23\.005000&name=%E5%85%83%E7%BE%8E/);
    // the web map is outside this machine: answer its address locally, the page only has to open it
    await page.context().route('https://uri.amap.com/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>map</title>' }));
    const popup = page.context().waitForEvent('page', { timeout: 5_000 });
    await task.locator('.patrol-nav').click();
    const map = await popup;
    assert.match(map.url(), /uri\.amap\.com\/marker/, 'the route link opens the web map');
    await map.close();
    const progress = visible(page, '#patrol-round');
    const before = Number(await progress.getAttribute('data-done'));
    const total = Number(await progress.getAttribute('data-total'));
    assert.ok(total > before, 'something is still due');
    assert.match(await text(page, '#patrol-round'), new RegExp(`本期已巡 ${before} / ${total} 次`));
    await shot(page, T, `${mode.name}-patrol-today-before`);

    // walk to the shelter, open the task, check in, and come back to the list
    const w = gcj02ToWgs84(BUS);
    await page.context().setGeolocation({ latitude: w.lat, longitude: w.lng, accuracy: 8 });
    await task.click();
    await fillTaroInput(page, '#patrol-code-input', j.sys.codeUrl(BUS.id));
    await visible(page, '#patrol-facility').waitFor();
    await visible(page, '#patrol-submit').click();
    await visible(page, '#patrol-result').waitFor();
    await page.goBack();
    await waitUntil('the progress moved', async () => Number(await visible(page, '#patrol-round').getAttribute('data-done')) === before + 1);
    assert.match(await text(page, '#patrol-round'), new RegExp(`本期已巡 ${before + 1} / ${total} 次`));
    await shot(page, T, `${mode.name}-patrol-today-after`);
  });
  await page.close();
});

for (const mode of MODES) test(`[${mode.name}] admin: the facility list names grids, not ids; the import hints are Chinese`, async () => {
  const page = await j.phone('admin', mode);
  await withFailureShot(page, `${T}-${mode.name}-admin`, async () => {
    await open(page, j.sys, '/packages/admin/pages/facilities/index', mode);
    await fillTaroInput(page, '#facility-search', '鸿福路上水井盖');
    await visible(page, '#facility-search input').press('Enter');
    const row = visible(page, `.facility-row[data-id="${WELL}"]`);
    await row.waitFor();
    await waitUntil('grid names loaded', async () => !/未知网格/.test(await row.innerText())).catch(() => undefined);
    const meta = (await row.locator('.facility-meta').innerText()).trim();
    assert.equal(meta, '上水井盖 · 南城第一网格');
    assert.doesNotMatch(await pageText(page), /nc-0\d|org-/, 'no raw grid or unit ids');
    await row.locator('.facility-edit').click();
    assert.equal((await visible(page, '.facility-grid').innerText()).trim(), '调整到其他网格（可选）');
    await shot(page, T, `${mode.name}-admin-facilities`);

    for (const [route, hint, sample] of [
      ['/packages/admin/pages/classes/index', '#classes-hint', '#classes-csv'],
      ['/packages/admin/pages/calendar/index', '#calendar-hint', '#calendar-text'],
      ['/packages/admin/pages/grids/index', '#grid-import-hint', '#grid-import-text'],
    ] as const) {
      await open(page, j.sys, route, mode);
      await visible(page, hint).waitFor();
      assert.doesNotMatch(await text(page, hint), /[A-Za-z]/, `${route}: no English in the hint`);
      assert.doesNotMatch((await visible(page, hint).locator('xpath=..').innerText()).split('\n')[0], /[A-Za-z]/, `${route}: no English in the title`);
      const box = visible(page, `${sample} textarea`).first();
      assert.doesNotMatch((await box.getAttribute('placeholder')) ?? '', /[A-Za-z]/, `${route}: no English in the sample`);
      await shot(page, T, `${mode.name}-admin-hint-${route.split('/')[4]}`);
    }
  });
  await page.close();
});

test('no page crashed', () => {
  assert.deepEqual(j.errors, []);
});
