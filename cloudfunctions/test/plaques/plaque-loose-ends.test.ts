/**
 * Issue 12 §5: a fix the complainant never answers settles as confirmed after the city's 72 h (both sides told);
 * deductions come from the city's score rules, keyed on the classes complaints carry; a shop fallen to D gives
 * the area chief a visit task with its deadline, done by their check-in at the plaque; the chief sees the live
 * complaints of their grids.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { issueToken } from '../../src/platform/auth/jwt';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { settleUnansweredFixes } from '../../src/contexts/plaques/settle-fixes';
import { rescoreShops } from '../../src/contexts/plaques/plaque.jobs';
import { PLAQUE_CLASSES } from '../../src/contexts/plaques/plaque-rules';
import { DEFAULT_SCORE_RULES } from '@cityloop/shared/plaques/score';

let sys: TestSystem;
let city: CityFixture;
let owner: { id: string };
let admin: { id: string };
let clock = Date.parse('2026-11-25T02:00:00Z'); // Wednesday 10:00 in Dongguan
const SHOP = 'pq_test0shop00077';
const SHOP_D = 'pq_test0shop00078';
const HOUR = 3600_000;
const tok = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));
const shopDoc = (id: string, licence: string, lng: number) => ({
  _id: id as never, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false,
  name: `测试店${licence}`, licenceNo: licence, address: '南城测试路', location: { lng, lat: 23.004 },
  owner: { userId: owner.id, name: '店主' }, zone: { frontageM: 6, depthM: 3 }, duties: ['sanitation', 'order'],
  scope: { cityId: 'dongguan', townId: 'nancheng', gridId: 'g-a', public: true }, score: 100, grade: 'A', gradeHistory: [], createdAt: new Date(clock),
});

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
  owner = await sys.user('店主', [{ role: 'shopOwner', cityId: 'dongguan', townId: 'nancheng' }], { phone: '13911117777' });
  admin = await sys.user('东莞管理员', [{ role: 'admin', cityId: 'dongguan' }]);
  await sys.db.collection('shops').insertMany([shopDoc(SHOP, 'LIC-77', 113.746), shopDoc(SHOP_D, 'LIC-78', 113.747)]);
});
after(async () => sys.close());

const post = async (path: string, who: { id: string }, body: Record<string, unknown>) => sys.call('POST', path, { token: await tok(who.id), body });
const inboxTitles = async (who: { id: string }) => (await sys.call('GET', '/api/inbox', { token: await tok(who.id) })).json.data.items.map((i: { title: string }) => i.title) as string[];

test('the published deduction table is keyed on exactly the classes plaque complaints carry', () => {
  assert.deepEqual(Object.keys(DEFAULT_SCORE_RULES.deductions).sort(), Object.keys(PLAQUE_CLASSES).sort());
});

let liveId = '';
test('an unanswered fix settles as confirmed after 72 h (not before), tells both sides, and counts half', async () => {
  const r = await post(`/api/plaques/${SHOP}/complaints`, city.citizen, { classCode: '0503', description: '门口堆放纸箱', photos: [await photo(sys, await tok(city.citizen.id), 'c77')] });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id as string;
  liveId = id;
  const live = await sys.call('GET', '/api/grid-complaints', { token: await tok(city.chiefA.id) });
  assert.deepEqual(live.json.data.map((x: { id: string; state: string }) => [x.id, x.state]), [[id, 'open']], 'the chief sees the live complaint before any escalation');
  const fixed = await post(`/api/plaque-complaints/${id}/fix`, owner, { note: '纸箱已清走', photos: [await photo(sys, await tok(owner.id), 'f77')], version: r.json.data.version });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.json));

  clock += 71 * HOUR;
  assert.deepEqual(await settleUnansweredFixes(sys.deps), { settled: 0 }, 'the complainant still has time');
  clock += 2 * HOUR;
  assert.deepEqual(await settleUnansweredFixes(sys.deps), { settled: 1 });
  assert.deepEqual(await settleUnansweredFixes(sys.deps), { settled: 0 }, 'once');
  const c = (await sys.db.collection('plaque_complaints').findOne({ _id: id as never }))!;
  assert.deepEqual([c.state, c.verified, c.settledBy], ['confirmed', true, 'timeout']);
  const last = (c.history as { action: string; role: string; reason: string }[]).at(-1)!;
  assert.deepEqual([last.action, last.role], ['complaint.settle', 'system']);
  assert.match(last.reason, /72 小时内未答复/);
  assert.ok((await inboxTitles(city.citizen)).includes('整改已视为确认'), 'the complainant is told');
  assert.ok((await inboxTitles(owner)).includes('整改已视为确认'), 'the shop owner is told');
  const shop = (await sys.db.collection('shops').findOne({ _id: SHOP as never }))!;
  assert.equal(shop.score, 100 - DEFAULT_SCORE_RULES.deductions['0503'] / 2, 'fixed in time: half the class deduction');
  const live2 = await sys.call('GET', '/api/grid-complaints', { token: await tok(city.chiefA.id) });
  assert.ok(!live2.json.data.some((x: { id: string }) => x.id === liveId), 'a settled complaint is no longer live');
});

test('the chief of another grid and a citizen see no live complaints of this grid', async () => {
  await post(`/api/plaques/${SHOP}/complaints`, city.citizen2, { classCode: '0102', description: '门前有暴露垃圾', photos: [await photo(sys, await tok(city.citizen2.id), 'c77b')] });
  assert.equal((await sys.call('GET', '/api/grid-complaints', { token: await tok(city.chiefA.id) })).json.data.length, 1);
  const other = await sys.call('GET', '/api/grid-complaints', { token: await tok(city.chiefB.id) });
  assert.deepEqual([other.status, other.json.data], [200, []]);
  assert.equal((await sys.call('GET', '/api/grid-complaints', { token: await tok(city.citizen.id) })).status, 403);
});

test('deductions come from the city’s score rules: the admin edits them (stale version → 409, another city → 403)', async () => {
  const before = await sys.call('GET', '/api/plaques/score-rules/dongguan', { token: await tok(admin.id) });
  assert.equal(before.json.data.version, null, 'no rules yet: the published default');
  const body = { version: null, deductions: { ...DEFAULT_SCORE_RULES.deductions, '0503': 30, '0502': 50 }, defaultDeduction: 5, settleAfterHours: 72, chiefVisitDays: 5 };
  const put = await sys.call('PUT', '/api/plaques/score-rules/dongguan', { token: await tok(admin.id), body });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  assert.equal(put.json.data.version, 1);
  const stale = await sys.call('PUT', '/api/plaques/score-rules/dongguan', { token: await tok(admin.id), body });
  assert.deepEqual([stale.status, stale.json.error], [409, 'stale_version']);
  const bad = await sys.call('PUT', '/api/plaques/score-rules/dongguan', { token: await tok(admin.id), body: { ...body, version: 1, deductions: { '05x3': 3 } } });
  assert.equal(bad.status, 400);
  const zs = await sys.user('中山管理员', [{ role: 'admin', cityId: 'zhongshan' }]);
  assert.equal((await sys.call('PUT', '/api/plaques/score-rules/dongguan', { token: await tok(zs.id), body: { ...body, version: 1 } })).status, 403);
  assert.equal((await sys.call('PUT', '/api/plaques/score-rules/dongguan', { token: await tok(city.chiefA.id), body: { ...body, version: 1 } })).status, 403);
  await rescoreShops(sys.deps);
  const shop = (await sys.db.collection('shops').findOne({ _id: SHOP as never }))!;
  assert.equal(shop.score, 85, 'the settled 0503 complaint now costs half of 30');
});

test('a shop fallen to D gives the area chief a visit task with its deadline; the chief’s check-in at the plaque completes it', async () => {
  // a disputed 0502 complaint (failed check: double 50 points) takes the shop to 0
  const t = new Date(clock - HOUR);
  await sys.db.collection('plaque_complaints').insertOne({
    _id: 'pc_test_d0000001' as never, version: 2, history: [], outbox: [], pendingAudit: [], hasPending: false, shopId: SHOP_D, shopName: '测试店LIC-78', classCode: '0502', className: '店外经营',
    description: '店外经营', photos: [], complainantId: city.citizen.id, state: 'escalated', escalationReason: 'disputed', deadline: t, verified: true,
    scope: { cityId: 'dongguan', townId: 'nancheng', gridId: 'g-a', public: false, createdBy: city.citizen.id, orgIds: [`shop:${SHOP_D}`] }, createdAt: t, updatedAt: t,
  });
  await rescoreShops(sys.deps);
  const shop = (await sys.db.collection('shops').findOne({ _id: SHOP_D as never }))!;
  assert.deepEqual([shop.score, shop.grade], [0, 'D']);
  const tasks = await sys.call('GET', '/api/patrol/tasks', { token: await tok(city.chiefA.id) });
  assert.equal(tasks.status, 200);
  const task = tasks.json.data.find((x: { targetId: string }) => x.targetId === SHOP_D);
  assert.ok(task, JSON.stringify(tasks.json.data));
  assert.equal(task.state, 'open');
  assert.equal(task.deadline, new Date(clock + 5 * 86_400_000).toISOString(), 'the city’s chiefVisitDays (5)');
  assert.ok((await inboxTitles(city.chiefA)).some((x) => x.startsWith('片长走访')), 'the chief is told');
  await rescoreShops(sys.deps);
  assert.equal(await sys.db.collection('patrol_tasks').countDocuments({ targetId: SHOP_D }), 1, 'no second task while the shop stays D');
  assert.deepEqual((await sys.call('GET', '/api/patrol/tasks', { token: await tok(city.chiefB.id) })).json.data, [], 'another grid’s chief has none');

  const code = signCodeUrl(sys.deps.config.codeSecret, 'https://code.example.cn', SHOP_D);
  const visit = await post('/api/patrol/checks', city.chiefA, { code, location: { lng: 113.7471, lat: 23.0041, accuracy: 10 }, condition: 'ok' });
  assert.equal(visit.status, 201, JSON.stringify(visit.json));
  assert.equal(visit.json.data.visitsDone, 1);
  const done = (await sys.call('GET', '/api/patrol/tasks', { token: await tok(city.chiefA.id) })).json.data.find((x: { targetId: string }) => x.targetId === SHOP_D);
  assert.equal(done.state, 'done');
});
