/**
 * Issue 17, defect 4: raw ids instead of names on staff pages. The unit read 网格 nc-01 and 责任单位
 * org-roads-nc on its case (its directory request was refused, 403), and the appeal card showed the grid as
 * sq-01. Every staff viewer reads names, and the unit may read its own town's directory.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { shot, visible, withFailureShot } from '../helpers/browser';
import { waitUntil } from '../helpers/app';
import { MODES, open, pageText, reportAt, startJourney, text, type Journey, actOnCase } from './journey';

const T = 'defect-04';
/** a facility per mode (a second report of the same class at one facility would be a duplicate) */
const AT = { normal: { id: 'fc_demo0nc01well1', classCode: '0101' }, large: { id: 'fc_demo0nc01lamp1', classCode: '0105' } } as const;
const RAW_ID = /\b(nc-0\d|sq-0\d|org-[a-z-]+|u_[a-z0-9]{8,}|cs_[a-z0-9]{8,})\b/;

let j: Journey;
before(async () => {
  j = await startJourney(T);
});
after(async () => {
  await j?.stop();
});

const act = (persona: string, caseId: string, body: Record<string, unknown>) => actOnCase(j.sys, persona, caseId, body);

test('the unit may read its own town’s directory (names of grids and units), not another town’s', async () => {
  const { token } = await j.sys.login('unit-roads');
  const own = await j.sys.api('GET', '/api/city/directory?townId=nancheng', { token });
  assert.equal(own.status, 200, JSON.stringify(own.json));
  assert.ok(own.json.data.grids.some((g: { id: string; name: string }) => g.id === 'nc-01' && g.name === '南城第一网格'));
  const other = await j.sys.api('GET', '/api/city/directory?townId=dongcheng', { token });
  assert.equal(other.status, 404, JSON.stringify(other.json));
});

for (const mode of MODES) {
  test(`[${mode.name}] the unit and the patroller read the grid and unit by name on the case page`, async () => {
    const id = await reportAt(j.sys, 'citizen', AT[mode.name].id, AT[mode.name].classCode, '井盖破损，请尽快更换', mode.large ? 13 : 9);
    await act('chief-nancheng', id, { action: 'accept' });
    await act('chief-nancheng', id, { action: 'dispatch', unitId: 'org-roads-nc' });
    for (const persona of ['unit-roads', 'patroller-nancheng']) {
      const page = await j.phone(persona, mode);
      await withFailureShot(page, `${T}-${mode.name}-${persona}`, async () => {
        await open(page, j.sys, `/packages/chief/pages/case/index?id=${id}`, mode);
        await visible(page, '#case-state').waitFor();
        // names may follow the case by a moment (the directory is a second request)
        await waitUntil('the grid has a name', async () => (await text(page, '#case-grid')) !== 'nc-01').catch(() => undefined);
        assert.equal(await text(page, '#case-grid'), '南城第一网格');
        assert.equal(await text(page, '#case-unit'), '南城市政道路养护公司');
        const all = await pageText(page);
        assert.doesNotMatch(all, RAW_ID, `no raw id on the ${persona}'s case page`);
        await shot(page, T, `${mode.name}-${persona}-case`);
      });
      await page.close();
    }
  });

  test(`[${mode.name}] the appeal card names the grid, not sq-01`, async () => {
    const chief = await j.phone('chief-shiqi', mode);
    await withFailureShot(chief, `${T}-${mode.name}-appeals`, async () => {
      await open(chief, j.sys, '/packages/chief/pages/appeals/index', mode);
      const card = visible(chief, '.appeal-item').first();
      await card.waitFor();
      const said = ((await card.innerText()) ?? '').trim();
      assert.doesNotMatch(said, RAW_ID, `no raw id on the appeal card: ${said}`);
      assert.match(said, /网格/, 'the grid by its name');
      await shot(chief, T, `${mode.name}-appeal-card`);
    });
    await chief.close();
  });
}

test('no page crashed', () => {
  assert.deepEqual(j.errors, []);
});
