/**
 * Issue 17, defect 3: 今日巡查 ignored plaque check-ins (本周已巡 0 次 after two successful check-ins, even after
 * a reload), listed only shops, the scan page opened from a task did not say which shop, and shops were called
 * 设施. The system's clock is set to a Monday 07:30 in Guangdong — before the shops' old 08:00–20:00 window, the
 * hour a patroller starts the round.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fillTaroInput, shot, visible, withFailureShot } from '../helpers/browser';
import { waitUntil } from '../helpers/app';
import { MODES, open, pageText, startJourney, text, type Journey } from './journey';

const T = 'defect-03';
const SHOPS = {
  normal: { name: '南城早点铺', licence: '91441900MA5DEF0301', lng: 113.7482, lat: 23.0062 },
  large: { name: '鸿福路粥粉店', licence: '91441900MA5DEF0302', lng: 113.7452, lat: 23.0042 },
} as const;

let j: Journey;
before(async () => {
  process.env.CITYLOOP_DEV_CLOCK = '2026-12-07T07:30:00+08:00';
  j = await startJourney(T);
});
after(async () => {
  delete process.env.CITYLOOP_DEV_CLOCK;
  await j?.stop();
});

for (const mode of MODES) {
  test(`[${mode.name}] two check-ins at a shop count on 今日巡查; the list holds facilities and shops, each called what it is`, async () => {
    const shop = SHOPS[mode.name];
    const chief = await j.sys.login('chief-nancheng');
    const reg = await j.sys.api('POST', '/api/plaques/shops', {
      token: chief.token,
      body: { cityId: 'dongguan', licenceNo: shop.licence, name: shop.name, address: '鸿福路 8 号', lng: shop.lng, lat: shop.lat, ownerName: '陈老板', ownerPhone: '13800009901', gridId: 'nc-01', frontageM: 6, depthM: 3 },
    });
    assert.equal(reg.status, 201, JSON.stringify(reg.json));
    const codeUrl: string = reg.json.data.codeUrl;

    const page = await j.phone('patroller-nancheng', mode, shop);
    await withFailureShot(page, `${T}-${mode.name}`, async () => {
      await open(page, j.sys, '/packages/patrol/pages/today/index', mode);
      const task = visible(page, `.patrol-task[data-facility="${reg.json.data.id}"]`);
      await task.waitFor();
      // facilities of the grid are on the round too, and each kind is named for what it is
      assert.ok((await visible(page, '.patrol-task[data-kind="facility"]').count()) > 0, 'facilities are listed beside the shops');
      assert.match(((await task.innerText()) ?? '').trim(), /商户|责任户/, 'the shop is called a shop');
      assert.doesNotMatch(((await task.innerText()) ?? '').trim(), /设施/, 'a shop is not called 设施');
      await shot(page, T, `${mode.name}-today-before`);

      // opened from the task, the scan page says which shop to go to
      await task.click();
      const target = visible(page, '#patrol-target');
      await target.waitFor();
      assert.match(await text(page, '#patrol-target'), new RegExp(shop.name));
      assert.doesNotMatch(await text(page, '#patrol-target'), /设施/);

      for (let i = 1; i <= 2; i++) {
        await fillTaroInput(page, '#patrol-code-input', codeUrl);
        await visible(page, '#patrol-facility').waitFor();
        assert.equal(await text(page, '#patrol-facility .patrol-facility-name'), shop.name);
        await visible(page, '#patrol-submit').click();
        const result = visible(page, '#patrol-result');
        await result.waitFor();
        assert.match(await text(page, '#patrol-result'), new RegExp(`本周已巡 ${i} 次`), `the result says the check-in counted (${i})`);
        await shot(page, T, `${mode.name}-check-in-${i}`);
        await visible(page, '#patrol-next').click();
        await result.waitFor({ state: 'hidden' });
      }

      await open(page, j.sys, '/packages/patrol/pages/today/index', mode);
      const after = visible(page, `.patrol-task[data-facility="${reg.json.data.id}"]`);
      await after.waitFor();
      await waitUntil('the task shows two check-ins', async () => /本周已巡 2 次/.test((await after.innerText()) ?? '')).catch(() => undefined);
      assert.match(((await after.innerText()) ?? '').trim(), /本周已巡 2 次/, 'both check-ins count after a reload');
      assert.equal(await after.getAttribute('data-remaining'), '0');
      assert.doesNotMatch(await pageText(page), /\b(pq_|fc_)[A-Za-z0-9]+/, 'no raw ids');
      await shot(page, T, `${mode.name}-today-after`);
    });
    await page.close();
  });
}

test('no page crashed', () => {
  assert.deepEqual(j.errors, []);
});
