/**
 * Issue 15, the expert library kept in the product: the city regulator imports a sheet of experts whose one bad line
 * is refused with its line number (nothing written), fixes it and commits; admits an application (with what
 * `expertAdmission` says); changes an expert's employer; suspends one with a reason. An expert — who holds no role
 * binding — sees "我的论证邀请" on the home page and answers the invitation there.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startE2eSystem, type E2eSystem } from './helpers/system';
import { fillTaroInput, launchBrowser, openRoute, shot, visible, withFailureShot } from './helpers/browser';
import { waitUntil } from './helpers/app';
import { drawnReview, phones, text, type Phone } from './helpers/review';
import { idNumberCheckDigitOk } from '../shared/src/checkin/checkin.contract';
import { problemsOf } from './helpers/text-checks';

const T = 'review-library';
const LIBRARY = '/packages/review/pages/library/index';
let sys: E2eSystem;
let browser: Browser;
let ph: ReturnType<typeof phones>;
let reg: Phone;

before(async () => {
  sys = await startE2eSystem(T);
  browser = await launchBrowser();
  ph = phones(browser, sys);
  reg = await ph.persona('city-regulator');
});
after(async () => {
  await ph?.closeAll();
  await browser?.close();
  await sys?.stop();
});

const experts = () => sys.db.collection<any>('dw_experts');
const HEADER = '姓名,手机号,身份证号,职称,从业年限,专业,工作单位,丰富经验';
const idNo = (n: number) => {
  const body = `4419001972${String(1001 + n).padStart(4, '0')}${String(200 + n).slice(-3)}`;
  return body + [...'0123456789X'].find((c) => idNumberCheckDigitOk(body + c))!;
};
const line = (n: number, title = '高级') => `页面导入专家${n},1392000${String(n).padStart(4, '0')},${idNo(n)},${title},${16 + n},岩土/深基坑、安全管理,东莞理工学院,否`;
const csv = (lines: string[]) => ({ name: '专家.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8') });
const card = (id: string) => `.lib-card[data-expert="${id}"]`;
/** Nothing a person must not read: broken times or codes, cut text, raw ids, English words. */
const readable = async (p: Phone['page']) => assert.deepEqual(await problemsOf(p, ['broken', 'cut', 'raw-id', 'english', 'punctuation']), []);

test('the regulator imports a sheet: the bad line is refused with its number and nothing is written; the fixed file commits whole', () =>
  withFailureShot(reg.page, `${T}-import`, async () => {
    const before = await experts().countDocuments({});
    const p = reg.page;
    await openRoute(p, sys.url, '/packages/review/pages/reviews/index');
    await visible(p, '#review-library-link').click();
    await visible(p, '#lib-import').click();
    await p.locator('#lib-import-input').setInputFiles(csv([line(1), line(2, '中级'), line(3)]));
    await visible(p, '#lib-import-check').click();
    await visible(p, '#lib-import-problems').waitFor();
    assert.deepEqual(await p.locator('.lib-import-problem').evaluateAll((els) => els.map((e) => e.getAttribute('data-row'))), ['3']);
    assert.match(await text(p, '.lib-import-problem'), /第 3 行 职称：不符合专家入库条件：须具有高级或正高级职称/);
    assert.match((await visible(p, '#lib-import-commit').getAttribute('class')) ?? '', /nut-button-disabled/, 'a file with a problem cannot be committed');
    await shot(p, T, '01-import-refused');
    await readable(p);
    // the commit itself refuses the same file whole (what the disabled button guards)
    const commit = await sys.api('POST', '/api/experts/import', { token: (await sys.login('city-regulator')).token, body: { cityId: 'dongguan', fileName: '专家.csv', contentBase64: csv([line(1), line(2, '中级'), line(3)]).buffer.toString('base64'), commit: true } });
    assert.deepEqual([commit.status, commit.json.error, commit.json.data.problems[0].row], [400, 'import_rejected', 3]);
    assert.equal(await experts().countDocuments({}), before, 'nothing written');

    await p.locator('#lib-import-input').setInputFiles(csv([line(1), line(2), line(3)]));
    await visible(p, '#lib-import-check').click();
    await visible(p, '#lib-import-preview').waitFor();
    assert.match(await text(p, '#lib-import-preview'), /将导入 3 名专家（尚未写入）/);
    assert.equal(await experts().countDocuments({}), before, 'the dry run wrote nothing');
    await visible(p, '#lib-import-commit').click();
    await visible(p, '#lib-import-done').waitFor();
    assert.equal(await text(p, '#lib-import-done'), '已导入 3 名专家');
    assert.equal(await experts().countDocuments({ name: /^页面导入专家/, state: 'active', active: true }), 3);
    await shot(p, T, '02-imported');
    await readable(p);
  }));

test('the regulator admits an application, changes an expert’s employer and suspends one with a reason', () =>
  withFailureShot(reg.page, `${T}-manage`, async () => {
    const citizen = await sys.login('citizen');
    const app = await sys.api('POST', '/api/experts?cityId=dongguan', { token: citizen.token, body: { name: '申请专家', phone: '13920009999', title: '正高级', years: 9, richExperience: true, specialties: ['lifting'], employer: '广东建工集团' } });
    assert.equal(app.status, 201, JSON.stringify(app.json));
    const p = reg.page;
    await openRoute(p, sys.url, LIBRARY);
    await visible(p, '#lib-tab-pending').click();
    await visible(p, card(app.json.data.id)).waitFor();
    assert.match(await text(p, `${card(app.json.data.id)} .lib-admission`), /入库条件核验（职称 正高级，从业 9 年，有丰富经验）：符合/);
    await shot(p, T, '03-application');
    await readable(p);
    await visible(p, `${card(app.json.data.id)} .lib-admit`).click();
    await waitUntil('admitted', async () => (await experts().findOne({ _id: app.json.data.id })).state === 'active');

    await visible(p, '#lib-tab-active').click();
    const moved = await experts().findOne({ name: '页面导入专家1' });
    await fillTaroInput(p, `${card(moved._id)} .lib-employer`, '华南建设监理');
    await visible(p, `${card(moved._id)} .lib-employer-save`).click();
    await waitUntil('employer changed', async () => (await text(p, `${card(moved._id)} .lib-employer-now`)) === '华南建设监理');
    assert.equal((await experts().findOne({ _id: moved._id })).employer, '华南建设监理');

    const susp = await experts().findOne({ name: '页面导入专家2' });
    await fillTaroInput(p, `${card(susp._id)} .lib-note`, '论证会无故缺席两次');
    await visible(p, `${card(susp._id)} .lib-suspend`).click();
    await waitUntil('suspended', async () => (await experts().findOne({ _id: susp._id })).state === 'suspended');
    await visible(p, '#lib-tab-suspended').click();
    await visible(p, `${card(susp._id)}[data-state="suspended"]`).waitFor();
    assert.match(await text(p, `${card(susp._id)} .lib-history`), /暂停：论证会无故缺席两次/);
    await shot(p, T, '04-suspended');
    await readable(p);
    const pub = (await sys.api('GET', '/api/experts/public?cityId=dongguan')).json.data as { id: string }[];
    assert.ok(!pub.some((e) => e.id === susp._id), 'a suspended expert leaves the public list');
    assert.ok(pub.some((e) => e.id === app.json.data.id), 'the admitted applicant joins it');
  }));

test('an expert sees “我的论证邀请” on the home page and accepts the invitation there; a contractor has no such entry', async () => {
  const { reviewId } = await drawnReview(sys);
  const inv = (await sys.db.collection<any>('dw_reviews').findOne({ _id: reviewId })).invitations[0];
  const e = await ph.expert(inv.userId);
  await withFailureShot(e.page, `${T}-expert`, async () => {
    await openRoute(e.page, sys.url, '/pages/index/index');
    await visible(e.page, '#home-expert').waitFor();
    await waitUntil('the expert is named as such, not 市民', async () => (await text(e.page, '#home-user-role')) === '论证专家');
    await shot(e.page, T, '05-expert-home');
    await readable(e.page);
    await visible(e.page, '#home-expert').click();
    const item = `.expert-work[data-review="${reviewId}"]`;
    await visible(e.page, `${item}[data-next="reply"]`).waitFor();
    assert.match(await text(e.page, item), /前回复，逾期视为谢绝/);
    await shot(e.page, T, '06-invitation');
    await readable(e.page);
    await visible(e.page, `${item} .expert-work-accept`).click();
    await visible(e.page, `${item}[data-next="sign_in"]`).waitFor();
    assert.equal(await visible(e.page, `${item} .expert-work-checkin`).count(), 1, 'next: check in at the venue');
  });
  const after = (await sys.db.collection<any>('dw_reviews').findOne({ _id: reviewId })).invitations.find((i: { userId: string }) => i.userId === inv.userId);
  assert.equal(after.status, 'accepted');

  const c = await ph.persona('review-contractor');
  const asked = c.page.waitForResponse((r) => r.url().includes('/api/experts/me'));
  await openRoute(c.page, sys.url, '/pages/index/index');
  assert.deepEqual((await (await asked).json()).data, { expert: null, items: [], consultations: [] });
  await visible(c.page, '#home-review').waitFor();
  assert.equal(await visible(c.page, '#home-expert').count(), 0);
  assert.deepEqual(ph.errors, []);
});
