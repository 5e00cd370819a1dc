/**
 * Issue 17, what town and city regulators expect, at 390×844 and in large-text mode: 办理统计 over a period
 * (本月 by default, 本周, 本季度) with every town of the area shown (zeros included), the trend per week or month and
 * an Excel export; 督办 on a single case, seen by the unit, the area chief and the reporter; the shops by grade,
 * the worst first.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { shot, visible, withFailureShot } from '../helpers/browser';
import { waitUntil } from '../helpers/app';
import { MODES, open, reportAt, startJourney, text, type Journey, actOnCase } from './journey';

const T = 'regulators';
const AT = { normal: { id: 'fc_demo0nc01well1', classCode: '0101' }, large: { id: 'fc_demo0nc01lamp1', classCode: '0105' } } as const;

let j: Journey;
before(async () => {
  j = await startJourney(T);
});
after(async () => {
  await j?.stop();
  assert.deepEqual(j?.errors ?? [], [], 'no page errors');
});

/** The Beijing calendar day of an instant, YYYY-MM-DD. */
const bjDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
const firstOfMonth = (t: number) => `${bjDay(t).slice(0, 8)}01`;
const monday = (t: number) => {
  const d = new Date(t + 8 * 3_600_000);
  return bjDay(t - ((d.getUTCDay() + 6) % 7) * 86_400_000);
};

for (const mode of MODES) {
  test(`[${mode.name}] 办理统计: a period, every town, the trend and the Excel export`, async () => {
    const towns = (await j.sys.db.collection('regions').find({ kind: 'town', parentId: 'dongguan' }).toArray()).map((t) => String(t._id)).sort();
    assert.ok(towns.length >= 2);
    const page = await j.phone('city-regulator', mode);
    await withFailureShot(page, `${T}-${mode.name}-metrics`, async () => {
      await open(page, j.sys, '/packages/chief/pages/metrics/index', mode);
      const period = visible(page, '#metrics-period');
      await period.waitFor();
      const now = Date.now();
      assert.equal(await visible(page, '#stats-periods').getAttribute('data-period'), 'month', '本月 by default');
      assert.equal(await period.getAttribute('data-from'), firstOfMonth(now));
      assert.equal(await period.getAttribute('data-to'), bjDay(now));
      // every town of the city, a town without a case as 0 (not left out)
      const rows = visible(page, '.metrics-row');
      assert.deepEqual((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''))).sort(), towns);
      const api = await j.sys.api('GET', '/api/cases-metrics?by=town&period=month', { token: (await j.sys.login('city-regulator')).token });
      for (const r of api.json.data.rows as { key: string; counts: { filed: number } }[]) assert.equal(await visible(page, `.metrics-row[data-key="${r.key}"]`).getAttribute('data-filed'), String(r.counts.filed), r.key);
      assert.ok((await visible(page, '#stats-trend .trend-bucket').count()) >= 1, 'the trend is drawn');
      await shot(page, T, `${mode.name}-metrics-month`);

      // 本周: the period from Monday, one weekly bar
      await visible(page, '.stats-period[data-period="week"]').click();
      await page.waitForFunction((from) => document.querySelector('#metrics-period')?.getAttribute('data-from') === from, monday(now));
      assert.equal(await visible(page, '#stats-trend').getAttribute('data-unit'), 'week');
      assert.equal(await visible(page, '#stats-trend .trend-bucket').count(), 1);
      assert.equal(await visible(page, '.metrics-row').count(), towns.length, 'still every town');

      // 本季度: per month
      await visible(page, '.stats-period[data-period="quarter"]').click();
      await page.waitForFunction(() => document.querySelector('#stats-trend')?.getAttribute('data-unit') === 'month');
      const months = await visible(page, '#stats-trend .trend-bucket').count();
      assert.ok(months >= 1 && months <= 3, `the months of the quarter so far: ${months}`);
      await shot(page, T, `${mode.name}-metrics-quarter`);

      // the export: a real xlsx with the numbers the page shows
      await visible(page, '.metrics-by[data-by="grid"]').click();
      await page.waitForFunction(() => !!document.querySelector('.metrics-row[data-key^="nc-"]'));
      const download = page.waitForEvent('download');
      await visible(page, '#metrics-export').click();
      const file = await download;
      assert.match(file.suggestedFilename(), /^办理统计-按网格-\d{4}-\d{2}-01至\d{4}-\d{2}-\d{2}\.xlsx$/);
      const XLSX = await import('@e965/xlsx');
      const wb = XLSX.read(readFileSync((await file.path())!), { type: 'buffer' });
      assert.deepEqual(wb.SheetNames, ['办理统计', '趋势', '指标口径']);
      const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['办理统计'], { header: 1 });
      assert.match(String(sheet[0][1]), /^本季度（/);
      const shown = await visible(page, '.metrics-row').count();
      assert.equal(sheet.length - 4, shown, 'one line per group shown');
      assert.ok(sheet.slice(4).every((r) => !/^nc-|^dc-/.test(String(r[0]))), 'grid names, not ids');
      assert.equal(await visible(page, '#metrics-export-error').count(), 0);
    });
    await page.close();
  });

  test(`[${mode.name}] 督办: the regulator flags a case; the unit, the chief and the reporter see it`, async () => {
    const f = AT[mode.name];
    const caseId = await reportAt(j.sys, 'citizen', f.id, f.classCode, '井盖松动多日无人处理', mode.large ? 61 : 63);
    await actOnCase(j.sys, 'chief-nancheng', caseId, { action: 'accept' });
    await actOnCase(j.sys, 'chief-nancheng', caseId, { action: 'dispatch', unitId: 'org-roads-nc' });
    const note = mode.large ? '群众多次反映，请今日内处置' : '请尽快处置并反馈现场照片';

    const page = await j.phone('nancheng-regulator', mode);
    await withFailureShot(page, `${T}-${mode.name}-supervise`, async () => {
      await open(page, j.sys, `/packages/chief/pages/case/index?id=${caseId}`, mode);
      await visible(page, '#case-supervise').click();
      await visible(page, '#supervise-submit').click();
      assert.equal(await text(page, '#supervise-error'), '请填写督办意见', 'said before anything is sent');
      await visible(page, '#supervise-note textarea').fill(note);
      await visible(page, '.supervise-due[data-days="3"]').click();
      await shot(page, T, `${mode.name}-supervise-form`);
      await visible(page, '#supervise-submit').click();
      const shown = visible(page, '#case-supervision');
      await shown.waitFor();
      assert.match(await text(page, '#case-supervision'), new RegExp(`监管部门督办：${note}`));
      assert.equal(await visible(page, '#case-supervise').textContent(), '再次督办');
      await shot(page, T, `${mode.name}-supervised`);
    });
    await page.close();

    const stored = (await j.sys.db.collection('cases').findOne({ _id: caseId as never }))!;
    assert.equal(stored.supervision.note, note);
    assert.equal(stored.state, 'dispatched', 'the state does not change');
    assert.equal(bjDay(stored.supervision.dueAt.getTime()), bjDay(Date.now() + 3 * 86_400_000));
    assert.equal(new Date(stored.supervision.dueAt.getTime() + 8 * 3_600_000).toISOString().slice(11, 16), '18:00');
    assert.equal(await j.sys.db.collection('audit_log').countDocuments({ 'target.id': caseId, action: 'case.supervise' }), 1, 'audited');

    for (const persona of ['unit-roads', 'chief-nancheng']) {
      const { token } = await j.sys.login(persona);
      // delivery may finish on the notify timer after the write answered
      await waitUntil(`${persona} is told`, async () => (await j.sys.api('GET', '/api/inbox', { token })).json.data.items.some((i: { title: string; link?: string }) => i.title.startsWith('监管部门督办') && !!i.link?.includes(caseId)));
    }
    const unit = await j.phone('unit-roads', mode);
    await withFailureShot(unit, `${T}-${mode.name}-unit`, async () => {
      await open(unit, j.sys, '/packages/chief/pages/queue/index', mode);
      await visible(unit, `.queue-item[data-id="${caseId}"] .queue-supervised`).waitFor();
      await open(unit, j.sys, `/packages/chief/pages/case/index?id=${caseId}`, mode);
      assert.match(await text(unit, '#case-supervision'), new RegExp(note));
      assert.equal(await visible(unit, '#case-supervise').count(), 0, 'only regulators 督办');
    });
    await unit.close();
    const citizen = await j.phone('citizen', mode);
    await withFailureShot(citizen, `${T}-${mode.name}-citizen`, async () => {
      await open(citizen, j.sys, `/packages/citizen/pages/case/index?id=${caseId}`, mode);
      assert.match(await text(citizen, '#case-supervision'), /监管部门督办/);
      await shot(citizen, T, `${mode.name}-citizen-supervised`);
    });
    await citizen.close();
  });

  test(`[${mode.name}] 基坑报警统计: the projects of the area over a period, the trend, the Excel export`, async () => {
    const projects = await j.sys.db.collection('pit_projects').countDocuments({ 'scope.cityId': 'dongguan' });
    assert.ok(projects > 0);
    const { token } = await j.sys.login('city-regulator');
    const api = (await j.sys.api('GET', '/api/pit-alarm-stats?period=quarter', { token })).json.data as { rows: { projectId: string; raised: number; red: number }[] };
    const page = await j.phone('city-regulator', mode);
    await withFailureShot(page, `${T}-${mode.name}-pit`, async () => {
      await open(page, j.sys, '/packages/chief/pages/metrics/index', mode);
      await visible(page, '#metrics-pit').click();
      await visible(page, '#pit-stats-period').waitFor();
      assert.equal(await visible(page, '#pit-stats-period').getAttribute('data-from'), firstOfMonth(Date.now()), '本月 by default');
      await visible(page, '.stats-period[data-period="quarter"]').click();
      // (办理统计 stays below in the page stack with its own trend: this page's one)
      await page.waitForFunction(() => document.querySelector('.city-pit-stats-page #stats-trend')?.getAttribute('data-unit') === 'month');
      const rows = visible(page, '.pit-stats-row');
      assert.equal(await rows.count(), projects, 'every project of the city, those without alarms as 0');
      assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), Number(e.getAttribute('data-raised'))])), api.rows.map((r) => [r.projectId, r.raised]), 'as the API counts, the most red first');
      const download = page.waitForEvent('download');
      await visible(page, '#pit-stats-export').click();
      const file = await download;
      assert.match(file.suggestedFilename(), /^基坑报警统计-\d{4}-\d{2}-01至\d{4}-\d{2}-\d{2}\.xlsx$/);
      const XLSX = await import('@e965/xlsx');
      const wb = XLSX.read(readFileSync((await file.path())!), { type: 'buffer' });
      assert.equal(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['基坑报警统计'], { header: 1 }).length - 3, projects);
      await shot(page, T, `${mode.name}-pit-stats`);
    });
    await page.close();
  });

  test(`[${mode.name}] 商户等级总览: shops by grade and town, the worst first`, async () => {
    const shops = await j.sys.db.collection('shops').find({ 'scope.cityId': 'zhongshan', active: { $ne: false } }).toArray();
    assert.ok(shops.length > 0, 'the demo has shops');
    const rank: Record<string, number> = { A: 0, B: 1, C: 2, D: 3 };
    const worst = [...shops].sort((a, b) => rank[b.grade] - rank[a.grade] || a.score - b.score)[0];
    // the demo's shops are in Zhongshan
    const page = await j.phone('zs-city-regulator', mode);
    await withFailureShot(page, `${T}-${mode.name}-shops`, async () => {
      await open(page, j.sys, '/packages/chief/pages/metrics/index', mode);
      await visible(page, '#metrics-shops').click();
      const grades = visible(page, '#shops-grades');
      await grades.waitFor();
      assert.equal(await grades.getAttribute('data-total'), String(shops.length));
      for (const g of ['A', 'B', 'C', 'D']) assert.equal(await visible(page, `.shops-grade[data-grade="${g}"]`).getAttribute('data-count'), String(shops.filter((s) => s.grade === g).length), g);
      const first = visible(page, '.shops-worst').first();
      assert.equal(await first.getAttribute('data-grade'), worst.grade, 'the worst grade first');
      const towns = await j.sys.db.collection('regions').countDocuments({ kind: 'town', parentId: 'zhongshan' });
      assert.equal(await visible(page, '.shops-town').count(), towns, 'every town, those without shops as 0');
      const download = page.waitForEvent('download');
      await visible(page, '#shops-export').click();
      const file = await download;
      assert.equal(file.suggestedFilename(), '商户等级总览.xlsx');
      const XLSX = await import('@e965/xlsx');
      const wb = XLSX.read(readFileSync((await file.path())!), { type: 'buffer' });
      assert.equal(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['按街道'], { header: 1 }).length - 1, towns, 'the workbook lists every town too');
      await shot(page, T, `${mode.name}-shops`);
    });
    await page.close();
  });
}
