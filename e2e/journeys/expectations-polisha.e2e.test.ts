/**
 * Issue 17, what the citizen, area chief, unit and shop owner expect (the parts this branch adds), at 390×844
 * and in large-text mode: the shop owner finds the pending complaint on top, the points each complaint cost and
 * the appeal deadline; the unit's queue is ordered by deadline with the overdue ones counted and marked; the
 * area chief checks with the unit's after photo beside the 核查 form; a citizen can report without a code
 * from home.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { shot, visible, withFailureShot } from '../helpers/browser';
import { MODES, open, png, reportAt, startJourney, text, uploadPhoto, type Journey, actOnCase } from './journey';

const T = 'expect';
const SHOP = { id: 'pq_demo0shop0001', name: '老王烧腊店' };
const AT = { normal: { id: 'fc_demo0nc01well1', classCode: '0101' }, large: { id: 'fc_demo0nc01lamp1', classCode: '0105' } } as const;
const COMPLAINTS = { normal: ['0104', '0201'], large: ['0102', '0504'] } as const;

let j: Journey;
before(async () => {
  j = await startJourney(T);
});
after(async () => {
  await j?.stop();
});

const act = (persona: string, caseId: string, body: Record<string, unknown>) => actOnCase(j.sys, persona, caseId, body);

for (const mode of MODES) {
  test(`[${mode.name}] shop owner: the pending complaint on top, the points each complaint cost, the appeal deadline`, async () => {
    const [confirmedClass, openClass] = COMPLAINTS[mode.name];
    // one complainant per mode (a citizen may file two complaints a day against one shop)
    const citizen = await j.sys.login(mode.large ? 'citizen2' : 'citizen');
    const owner = await j.sys.login('shop-owner');
    const complain = async (classCode: string, seed: number) => {
      const photo = await uploadPhoto(j.sys, citizen.token, png([seed, 120, 80]));
      const r = await j.sys.api('POST', `/api/plaques/${SHOP.id}/complaints`, { token: citizen.token, body: { classCode, description: '门前问题请处理一下', photos: [photo] } });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      return r.json.data as { id: string; version: number };
    };
    const done = await complain(confirmedClass, mode.large ? 31 : 21);
    const fixed = await j.sys.api('POST', `/api/plaque-complaints/${done.id}/fix`, { token: owner.token, body: { version: done.version, note: '已处理', photos: [await uploadPhoto(j.sys, owner.token, png([40, 160, mode.large ? 91 : 81]))] } });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.json));
    const confirmed = await j.sys.api('POST', `/api/plaque-complaints/${done.id}/answer`, { token: citizen.token, body: { answer: 'confirm', version: fixed.json.data.version } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.json));
    const pending = await complain(openClass, mode.large ? 33 : 23);

    const page = await j.phone('shop-owner', mode);
    await withFailureShot(page, `${T}-${mode.name}-shop`, async () => {
      await open(page, j.sys, '/packages/shop/pages/mine/index', mode);
      const top = visible(page, '#shop-pending');
      await top.waitFor();
      assert.equal(await top.locator(`.shop-complaint[data-id="${pending.id}"]`).count(), 1, 'the open complaint is in the card on top');
      const topBox = await top.boundingBox();
      const chartBox = await visible(page, '.plaque-chart-card').boundingBox();
      assert.ok(topBox && chartBox && topBox.y < chartBox.y, 'above the score chart');
      assert.ok(topBox.y < 844, 'on the first screen');
      const counted = visible(page, `#shop-complaints .shop-complaint[data-id="${done.id}"] .shop-deduction`);
      assert.match(((await counted.textContent()) ?? '').trim(), /^扣 \d+(\.\d+)? 分 · 按期自行整改，减半扣分$/);
      await shot(page, T, `${mode.name}-shop-mine`);

      await open(page, j.sys, `/packages/shop/pages/complaint/index?id=${done.id}`, mode);
      await visible(page, '#shop-complaint-deduction').waitFor();
      assert.match(await text(page, '#shop-complaint-deduction'), /本投诉扣 \d+(\.\d+)? 分/);
      assert.match(await text(page, '#shop-appeal-by'), /^申诉截止：/);
      await shot(page, T, `${mode.name}-shop-complaint`);
    });
    await page.close();
  });

  test(`[${mode.name}] unit: the queue by deadline, the overdue counted and first; chief: the unit's after photo beside 核查`, async () => {
    const f = AT[mode.name];
    const overdueId = await reportAt(j.sys, 'citizen', f.id, f.classCode, '设施损坏已经很久了', mode.large ? 41 : 43);
    await act('chief-nancheng', overdueId, { action: 'accept' });
    await act('chief-nancheng', overdueId, { action: 'dispatch', unitId: 'org-roads-nc' });
    // its handling deadline passed (moved into the past, as the clock would)
    await j.sys.db.collection('cases').updateOne({ _id: overdueId as never }, { $set: { 'stepDue.at': new Date(Date.now() - 3_600_000) } });

    const unit = await j.phone('unit-roads', mode);
    await withFailureShot(unit, `${T}-${mode.name}-unit`, async () => {
      await open(unit, j.sys, '/packages/chief/pages/queue/index', mode);
      await visible(unit, '#queue-order').waitFor();
      assert.equal(await visible(unit, '#queue-order').getAttribute('data-sort'), 'due');
      assert.match(await text(unit, '#queue-overdue'), /^\d+ 件已超期，请优先办理$/);
      const first = visible(unit, '.queue-item').first();
      assert.equal(await first.getAttribute('data-overdue'), '1', 'an overdue case leads the list');
      assert.equal(await visible(unit, `.queue-item[data-id="${overdueId}"]`).getAttribute('data-overdue'), '1');
      assert.match(await text(unit, `.queue-item[data-id="${overdueId}"] .queue-step-overdue`), /^处置已超期（时限 /, 'the row says which step is late');
      await shot(unit, T, `${mode.name}-unit-queue`);
    });
    await unit.close();

    // the unit works it and reports with an after photo; the chief opens 核查
    await act('unit-roads', overdueId, { action: 'start' });
    const u = await j.sys.login('unit-roads');
    const after = await uploadPhoto(j.sys, u.token, png([20, 140, mode.large ? 201 : 200]));
    await act('unit-roads', overdueId, { action: 'report', photos: [after], reason: '已更换新井盖' });
    const chief = await j.phone('chief-nancheng', mode);
    await withFailureShot(chief, `${T}-${mode.name}-chief`, async () => {
      await open(chief, j.sys, `/packages/chief/pages/case/index?id=${overdueId}`, mode);
      await visible(chief, '#case-state[data-state="handled"]').waitFor();
      await visible(chief, '#case-action-verify').click();
      const beside = visible(chief, '#case-form #case-form-unit-report');
      await beside.waitFor();
      assert.equal(await beside.getAttribute('data-count'), '1');
      assert.match(((await beside.innerText()) ?? '').trim(), /责任单位处置后照片[\s\S]*处置说明：已更换新井盖/);
      await shot(chief, T, `${mode.name}-chief-verify`);
    });
    await chief.close();
  });
}

test('a citizen reports without a code from home: 随手拍 opens the report form placed by position', async () => {
  const page = await j.phone('citizen2', MODES[1], { lng: 113.748, lat: 23.006 });
  await withFailureShot(page, `${T}-report-here`, async () => {
    await open(page, j.sys, '/pages/index/index', MODES[1]);
    await visible(page, '#home-report-here').click();
    await visible(page, '#report-description').waitFor();
    assert.equal(await visible(page, '#report-facility').count(), 0, 'no facility: placed by position');
    await visible(page, '#report-location[data-phase="ok"]').waitFor();
    await shot(page, T, 'report-here');
  });
  await page.close();
});

test('no page crashed', () => {
  assert.deepEqual(j.errors, []);
});
