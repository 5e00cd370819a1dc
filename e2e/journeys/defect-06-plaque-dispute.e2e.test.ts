/**
 * Issue 17, defect 6: the plaque complaint after a dispute. A citizen complains about a shop, the shop fixes it
 * with an after photo and a note, the citizen disputes the fix. Then: the complaint is in the citizen's 我的上报;
 * the enforcement case names the shop (not 按位置上报), goes to the town's 城管执法 for 店外经营 / 乱堆物堆料 (not
 * sanitation) and carries the shop's fix photo and note; the owner reads the dispute reason; complaint and fix
 * photos are labelled on both sides.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { shot, visible, withFailureShot } from '../helpers/browser';
import { MODES, open, pageText, png, startJourney, text, uploadPhoto, type Journey } from './journey';

const T = 'defect-06';
const SHOP = { id: 'pq_demo0shop0001', name: '老王烧腊店' };
const RUN = {
  normal: { citizen: 'citizen', classCode: '0502', text: '门口摆了三个货架，占用人行道', fix: '已收回店外货架', dispute: '货架只是挪到了隔壁门口，还在占道' },
  large: { citizen: 'citizen2', classCode: '0503', text: '门口堆放泡沫箱和杂物，行人绕行', fix: '杂物已清走，门前已清扫', dispute: '泡沫箱还堆在侧门，没有清理干净' },
} as const;

let j: Journey;
before(async () => {
  j = await startJourney(T);
});
after(async () => {
  await j?.stop();
});

/** Complaint → fix with an after photo and a note → dispute; the complaint id and its enforcement case. */
async function disputedComplaint(mode: keyof typeof RUN) {
  const r = RUN[mode];
  const citizen = await j.sys.login(r.citizen);
  const photo = await uploadPhoto(j.sys, citizen.token, png([210, 90, mode === 'large' ? 40 : 20]));
  const c = await j.sys.api('POST', `/api/plaques/${SHOP.id}/complaints`, { token: citizen.token, body: { classCode: r.classCode, description: r.text, photos: [photo] } });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const id: string = c.json.data.id;
  const owner = await j.sys.login('shop-owner');
  const fixPhoto = await uploadPhoto(j.sys, owner.token, png([60, 170, mode === 'large' ? 120 : 100]));
  const fixed = await j.sys.api('POST', `/api/plaque-complaints/${id}/fix`, { token: owner.token, body: { version: c.json.data.version, photos: [fixPhoto], note: r.fix } });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.json));
  const disputed = await j.sys.api('POST', `/api/plaque-complaints/${id}/answer`, { token: citizen.token, body: { answer: 'dispute', reason: r.dispute, version: fixed.json.data.version } });
  assert.equal(disputed.status, 200, JSON.stringify(disputed.json));
  const doc = await j.sys.db.collection<{ _id: string; caseId?: string }>('plaque_complaints').findOne({ _id: id });
  assert.ok(doc?.caseId, 'the dispute opened an enforcement case');
  return { id, caseId: doc.caseId, fixPhoto };
}

for (const mode of MODES) {
  test(`[${mode.name}] after a dispute: 我的上报, the enforcement case, the owner's view, labelled photos`, async () => {
    const r = RUN[mode.name];
    const { id, caseId, fixPhoto } = await disputedComplaint(mode.name);

    const citizen = await j.phone(r.citizen, mode);
    await withFailureShot(citizen, `${T}-${mode.name}-citizen`, async () => {
      await open(citizen, j.sys, '/packages/citizen/pages/cases/index', mode);
      const row = visible(citizen, `.complaint-item[data-id="${id}"]`);
      await row.waitFor();
      assert.match(((await row.innerText()) ?? '').trim(), new RegExp(SHOP.name), 'the plaque complaint is in 我的上报, by shop');
      await shot(citizen, T, `${mode.name}-my-reports`);
      await row.click();
      await visible(citizen, '#complaint-card').waitFor();
      await visible(citizen, '#complaint-fix-photo-list').waitFor();
      const all = await pageText(citizen);
      assert.match(all, /投诉照片/, 'the complaint photos are labelled');
      assert.match(all, /整改后照片/, 'the fix photos are labelled');
    });
    await citizen.close();

    const owner = await j.phone('shop-owner', mode);
    await withFailureShot(owner, `${T}-${mode.name}-owner`, async () => {
      await open(owner, j.sys, `/packages/shop/pages/complaint/index?id=${id}`, mode);
      await visible(owner, '#shop-complaint-card').waitFor();
      assert.match(await text(owner, '#shop-complaint-dispute'), new RegExp(r.dispute), 'the owner reads why the citizen disputed the fix');
      const all = await pageText(owner);
      assert.match(all, /投诉照片/);
      assert.match(all, /整改后照片/);
      await shot(owner, T, `${mode.name}-owner-dispute`);
    });
    await owner.close();

    const chief = await j.phone('chief-shiqi', mode);
    await withFailureShot(chief, `${T}-${mode.name}-chief`, async () => {
      await open(chief, j.sys, `/packages/chief/pages/case/index?id=${caseId}`, mode);
      await visible(chief, '#case-state').waitFor();
      assert.match(await text(chief, '#case-facility'), new RegExp(SHOP.name), 'the case names the shop');
      assert.equal(await text(chief, '#case-unit'), '石岐城管执法中队', 'shop-front order goes to enforcement, not sanitation');
      const all = await pageText(chief);
      assert.doesNotMatch(all, /按位置上报/);
      assert.match(all, new RegExp(r.fix), 'the shop’s fix note is on the case');
      const fix = visible(chief, `.case-step[data-action="case.shop_fix"]`);
      assert.equal(await fix.count(), 1, 'the shop’s fix is a step of the case');
      assert.equal(await fix.locator('.city-case-photos').getAttribute('data-count'), '1', 'with its after photo');
      await shot(chief, T, `${mode.name}-enforcement-case`);

      await open(chief, j.sys, '/packages/chief/pages/queue/index?state=open', mode);
      const row = visible(chief, `[data-id="${caseId}"]`).first();
      await row.waitFor();
      const said = ((await row.innerText()) ?? '').trim();
      assert.doesNotMatch(said, /按位置上报/);
      assert.match(said, new RegExp(SHOP.name));
    });
    await chief.close();
    const kase = await j.sys.db.collection<{ _id: string; history: { action: string; evidence?: string[] }[] }>('cases').findOne({ _id: caseId });
    assert.deepEqual(kase?.history.find((h) => h.action === 'case.shop_fix')?.evidence, [fixPhoto]);
  });
}

test('no page crashed', () => {
  assert.deepEqual(j.errors, []);
});
