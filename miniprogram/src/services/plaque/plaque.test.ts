import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpRequest, HttpResponse } from '../api';
import { recordingApi } from '../fake-api.testing';
import { PLAQUE_PAGES, SHOP_PAGES, createPlaqueApi } from './api';
import { canAnswer, canAppeal, canFix, countdown, durationText, fixText, formatScore, gradeLabel, gradeOf, sortShopComplaints, stateLabel, zoneText } from './view-model';
import { canSeeShop, plaquePageFor } from '../plaque-access';
import { validateAppeal, validateComplaint, validateDispute, validateFix } from './form-rules';

function fakeApi(respond: (req: HttpRequest) => HttpResponse = () => ({ status: 200, body: { ok: true, data: {} } })) {
  const { calls, api } = recordingApi(respond);
  return { calls, plaque: createPlaqueApi(api) };
}

test('plaque API: paths and bodies', async () => {
  const { calls, plaque } = fakeApi();
  await plaque.view('pq_demo0shop0001');
  await plaque.complain('pq_demo0shop0001', { classCode: '0502', description: '店外摆卖', photos: ['a'.repeat(64)] });
  await plaque.complaint('pc 1');
  await plaque.answer('pc_1', { answer: 'dispute', reason: '货架还在门口', version: 3 });
  await plaque.shopMine();
  await plaque.shopComplaints();
  await plaque.fix('pc_1', { photos: ['b'.repeat(64)], note: '已收回', version: 2 });
  await plaque.appeal('pc_1', '货架属于隔壁');
  assert.deepEqual(
    calls.map((c) => `${c.method} ${c.url}`),
    [
      'GET /api/plaques/pq_demo0shop0001',
      'POST /api/plaques/pq_demo0shop0001/complaints',
      'GET /api/plaque-complaints/pc%201',
      'POST /api/plaque-complaints/pc_1/answer',
      'GET /api/shop/mine',
      'GET /api/shop/complaints',
      'POST /api/plaque-complaints/pc_1/fix',
      'POST /api/plaque-complaints/pc_1/appeal',
    ],
  );
  assert.deepEqual(calls[1].body, { classCode: '0502', description: '店外摆卖', photos: ['a'.repeat(64)] });
  assert.deepEqual(calls[3].body, { answer: 'dispute', reason: '货架还在门口', version: 3 });
  assert.deepEqual(calls[7].body, { reason: '货架属于隔壁' });
});

test('plaque API: a 429 flood refusal surfaces the server’s Chinese message', async () => {
  const { plaque } = fakeApi(() => ({ status: 429, body: { ok: false, error: 'rate_limited', message: '投诉过于频繁，请稍后再试（同一商户每天最多 2 次）' } }));
  await assert.rejects(plaque.complain('pq_1', { classCode: '0502', description: '店外摆卖', photos: [] }), /投诉过于频繁/);
});

test('pages and the scan route of a plaque', () => {
  assert.equal(PLAQUE_PAGES.view('pq_demo0shop0001'), '/packages/plaque/pages/view/index?id=pq_demo0shop0001');
  assert.equal(PLAQUE_PAGES.complain('pq_1'), '/packages/plaque/pages/complain/index?id=pq_1');
  assert.equal(PLAQUE_PAGES.complaint('pc_1'), '/packages/plaque/pages/complaint/index?id=pc_1');
  assert.equal(SHOP_PAGES.mine, '/packages/shop/pages/mine/index');
  assert.equal(SHOP_PAGES.complaint('pc_1'), '/packages/shop/pages/complaint/index?id=pc_1');
  assert.equal(plaquePageFor({ kind: 'plaque', id: 'pq_demo0shop0001' }), '/packages/plaque/pages/view/index?id=pq_demo0shop0001');
  assert.equal(plaquePageFor({ kind: 'facility', id: 'fc_1' }), null);
  assert.equal(plaquePageFor({ kind: 'plaque' }), null);
  assert.equal(plaquePageFor(null), null);
});

test('the shop entry is for shop owners only', () => {
  assert.equal(canSeeShop({ id: 'u', name: '王老板', roles: [{ role: 'shopOwner' }] }), true);
  assert.equal(canSeeShop({ id: 'u', name: '张三', roles: [] }), false);
  assert.equal(canSeeShop({ id: 'u', name: '刘片长', roles: [{ role: 'areaChief' }] }), false);
  assert.equal(canSeeShop(null), false);
});

test('grades and scores', () => {
  assert.equal(gradeLabel('B'), 'B 级 · 良好');
  assert.equal(gradeLabel('X'), '未评级');
  assert.equal(gradeOf('A'), 'A');
  assert.equal(gradeOf(undefined), 'D');
  assert.equal(formatScore(86), '86 分');
  assert.equal(formatScore(95.5), '95.5 分');
  assert.equal(formatScore(null), '—');
});

test('durations and the live countdown', () => {
  assert.equal(durationText(0), '1 分钟');
  assert.equal(durationText(30), '30 分钟');
  assert.equal(durationText(120), '2 小时');
  assert.equal(durationText(125), '2 小时 5 分钟');
  assert.equal(durationText(1500), '1 天 1 小时');
  assert.equal(durationText(2880), '2 天');
  assert.equal(durationText(null), '—');

  const deadline = '2026-11-26T06:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);
  assert.deepEqual(countdown(deadline, at('2026-11-26T04:54:48Z')), { overdue: false, urgent: false, ms: 3912_000, text: '剩余 1 小时 05 分 12 秒' });
  const soon = countdown(deadline, at('2026-11-26T05:45:01Z'));
  assert.equal(soon.text, '剩余 14 分 59 秒');
  assert.equal(soon.urgent, true);
  assert.equal(countdown(deadline, at('2026-11-24T03:00:00Z')).text, '剩余 2 天 3 小时');
  const late = countdown(deadline, at('2026-11-26T06:12:30Z'));
  assert.equal(late.overdue, true);
  assert.equal(late.text, '已逾期 12 分钟');
  assert.equal(countdown('not a date', 0).text, '—');
  // one second later, one second less
  assert.notEqual(countdown(deadline, at('2026-11-26T05:00:00Z')).text, countdown(deadline, at('2026-11-26T05:00:01Z')).text);
});

test('how a public complaint was handled', () => {
  assert.equal(fixText({ state: 'confirmed', fixMinutes: 30, fixInTime: true }), '按期整改 · 用时 30 分钟');
  assert.equal(fixText({ state: 'fixed', fixMinutes: 190, fixInTime: false }), '逾期整改 · 用时 3 小时 10 分钟');
  assert.equal(fixText({ state: 'open', fixMinutes: null, fixInTime: null }), '整改中');
  assert.equal(fixText({ state: 'escalated', fixMinutes: null, fixInTime: null }), '未整改，已转执法');
  assert.equal(stateLabel('fixed'), '已整改待确认');
  assert.equal(stateLabel('fixed', '服务端文案'), '服务端文案');
});

test('what each side may do with a complaint', () => {
  assert.equal(canFix({ state: 'open' }), true);
  assert.equal(canFix({ state: 'fixed' }), false);
  assert.equal(canAppeal({ state: 'confirmed', appeal: null }), true);
  assert.equal(canAppeal({ state: 'escalated', appeal: null }), true);
  assert.equal(canAppeal({ state: 'confirmed', appeal: { status: 'pending', reason: 'x', note: null } }), false);
  assert.equal(canAppeal({ state: 'open', appeal: null }), false);
  assert.equal(canAnswer({ state: 'fixed', mine: true }), true);
  assert.equal(canAnswer({ state: 'fixed', mine: false }), false, 'the shop owner does not answer its own fix');
  assert.equal(canAnswer({ state: 'confirmed', mine: true }), false);
});

test('the shop’s list: open ones by deadline first, then the rest newest first', () => {
  const rows = [
    { id: 'a', state: 'confirmed' as const, deadline: '2026-11-20T00:00:00Z', createdAt: '2026-11-20T00:00:00Z' },
    { id: 'b', state: 'open' as const, deadline: '2026-11-26T08:00:00Z', createdAt: '2026-11-26T01:00:00Z' },
    { id: 'c', state: 'escalated' as const, deadline: '2026-11-25T00:00:00Z', createdAt: '2026-11-24T00:00:00Z' },
    { id: 'd', state: 'open' as const, deadline: '2026-11-26T05:00:00Z', createdAt: '2026-11-26T02:00:00Z' },
  ];
  assert.deepEqual(sortShopComplaints(rows).map((r) => r.id), ['d', 'b', 'c', 'a']);
});

test('form checks', () => {
  assert.equal(validateComplaint({ classCode: null, description: '门口堆满纸箱', photoCount: 1 }), '请选择问题类型');
  assert.equal(validateComplaint({ classCode: '0503', description: ' 纸箱 ', photoCount: 1 }), '请描述问题（至少 4 个字）');
  assert.equal(validateComplaint({ classCode: '0503', description: '门口堆满纸箱', photoCount: 0 }), '请至少上传 1 张现场照片');
  assert.equal(validateComplaint({ classCode: '0503', description: '门口堆满纸箱', photoCount: 1 }), null);
  assert.equal(validateFix('', 1), '请说明整改情况');
  assert.equal(validateFix('已收回货架', 0), '请上传整改后的照片');
  assert.equal(validateFix('已收回货架', 1), null);
  assert.match(validateAppeal('不是') ?? '', /申诉理由/);
  assert.equal(validateAppeal('货架属于隔壁商户'), null);
  assert.match(validateDispute('') ?? '', /异议原因/);
  assert.equal(validateDispute('货架还在门口'), null);
  assert.equal(zoneText({ frontageM: 8, depthM: 4 }), '门前 8 米 × 进深 4 米');
  assert.equal(zoneText(undefined), null);
});
