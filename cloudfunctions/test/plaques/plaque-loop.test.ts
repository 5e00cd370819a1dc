import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { escalateOverdueComplaints } from '../../src/contexts/plaques/plaque.jobs';
import { rescoreShop } from '../../src/contexts/plaques/shop-score';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
let city: CityFixture;
let owner: { id: string; token: string; openid: string };
let clock = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 in Dongguan
const SHOP = 'pq_test0shop00001';
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
  const openid = await sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-owner`);
  owner = { ...(await sys.user('店主', [{ role: 'shopOwner', cityId: 'dongguan', townId: 'nancheng' }], { openid, phone: '13911112222' })), openid };
  await sys.db.collection('shops').insertOne({
    _id: SHOP as never, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false,
    name: '老王烧腊店', licenceNo: '91441900MA5TEST01', address: '南城鸿福路 12 号', location: { lng: 113.746, lat: 23.004 },
    owner: { userId: owner.id, name: '王老板', phone: '13911112222' }, zone: { frontageM: 8, depthM: 4 }, duties: ['sanitation', 'order'],
    scope: { cityId: 'dongguan', townId: 'nancheng', gridId: 'g-a', public: true }, score: 86, grade: 'B', gradeHistory: [], createdAt: new Date(clock),
  });
});
after(async () => sys.close());

const tok = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));
const complain = async (who: { id: string }, classCode = '0502', text = '店外摆卖占用人行道') =>
  sys.call('POST', `/api/plaques/${SHOP}/complaints`, { token: await tok(who.id), body: { classCode, description: text, photos: [await photo(sys, await tok(who.id), text)] } });

test('scan → public view: duties, grade, no personal data', async () => {
  const url = signCodeUrl(sys.deps.config.codeSecret, 'https://code.example.cn', SHOP);
  const code = await sys.call('GET', `/api/codes/${url.split('/c/')[1]}`);
  assert.equal(code.json.data.kind, 'plaque');
  const v = await sys.call('GET', `/api/plaques/${SHOP}`);
  assert.deepEqual(v.json.data.duties, ['包卫生', '包秩序']);
  const offered = v.json.data.complaintClasses.map((c: { code: string }) => c.code);
  assert.deepEqual(offered, ['0102', '0104', '0201', '0502', '0503', '0504'], 'only classes of its duties: no 0106 绿地脏乱 (包绿化)');
  assert.equal(v.json.data.grade, 'B');
  assert.equal(v.json.data.owner.phone, undefined);
  assert.ok(!JSON.stringify(v.json).includes('13911112222'));
  const edited = url.split('/c/')[1].replace('pq_test0shop00001', 'pq_test0shop00002');
  assert.equal((await sys.call('GET', `/api/codes/${edited}`)).json.error, 'code_forged');
});

test('complaint → the shop is told at once (SMS + WeChat + inbox) → fixes with an after photo → citizen confirms → score changes', async () => {
  const r = await complain(city.citizen);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id;
  assert.ok(sys.standins.log.some((e) => e.kind === 'SendSms' && e.to === '+8613911112222'));
  assert.ok(sys.standins.log.some((e) => e.kind === 'subscribeMessage.send' && e.to === owner.openid));
  const mine = await sys.call('GET', '/api/shop/complaints', { token: await tok(owner.id) });
  assert.equal(mine.json.data[0].id, id);
  assert.ok(!JSON.stringify(mine.json).includes(city.citizen.id), 'the shop never learns who complained');

  const noPhoto = await sys.call('POST', `/api/plaque-complaints/${id}/fix`, { token: await tok(owner.id), body: { note: '已收回', version: mine.json.data[0].version } });
  assert.equal(noPhoto.status, 400);
  assert.equal(noPhoto.json.error, 'photos_required');
  clock += 30 * 60_000;
  const fixed = await sys.call('POST', `/api/plaque-complaints/${id}/fix`, { token: await tok(owner.id), body: { note: '已收回店外货架', photos: [await photo(sys, await tok(owner.id), 'after')], version: mine.json.data[0].version } });
  assert.equal(fixed.json.data.state, 'fixed');
  assert.equal(fixed.json.data.fixInTime, true);
  const stranger = await sys.call('POST', `/api/plaque-complaints/${id}/answer`, { token: await tok(city.citizen2.id), body: { answer: 'confirm', version: fixed.json.data.version } });
  assert.equal(stranger.status, 404);
  const ok = await sys.call('POST', `/api/plaque-complaints/${id}/answer`, { token: await tok(city.citizen.id), body: { answer: 'confirm', version: fixed.json.data.version } });
  assert.equal(ok.json.data.state, 'confirmed');
  const v = await sys.call('GET', `/api/plaques/${SHOP}`);
  assert.equal(v.json.data.score, 96, 'a self-fix in time costs half of 8 points (店外经营)');
  assert.equal(v.json.data.recentComplaints[0].fixMinutes, 30);
});

test('second run: the shop lets the deadline pass → an enforcement case appears in the area chief’s queue', async () => {
  const r = await complain(city.citizen2, '0104', '门前油污一大片');
  clock += 5 * 3600_000; // 2 working hours for 道路不洁 (lunch 12:00–14:00 does not count) have passed
  assert.deepEqual(await escalateOverdueComplaints(sys.deps), { escalated: 1 });
  const c = await sys.db.collection('plaque_complaints').findOne({ _id: r.json.data.id });
  assert.equal(c?.state, 'escalated');
  const queue = await sys.call('GET', '/api/cases', { token: await tok(city.chiefA.id) });
  const kase = queue.json.data.find((x: { id: string }) => x.id === c?.caseId);
  assert.ok(kase, 'in the area chief’s queue');
  assert.match(kase.description, /门前三包转执法/);
  assert.deepEqual(await escalateOverdueComplaints(sys.deps), { escalated: 0 });
});

test('a complaint flood from one user is refused; a shop cannot complain about itself', async () => {
  const flood = await sys.user('刷屏者', []);
  const a = await complain(flood, '0102', '门口垃圾一');
  const b = await complain(flood, '0104', '门口垃圾二');
  const c = await complain(flood, '0201', '门口垃圾三');
  assert.deepEqual([a.status, b.status, c.status], [201, 201, 429]);
  const self = await complain(owner, '0102', '自己投诉自己');
  assert.equal(self.json.error, 'self_complaint');
});

test('a shop dropping from B to C gets its patrol frequency raised in the patroller’s list without anyone editing a rule (with hysteresis)', async () => {
  // B at the moment; its complaints so far leave it at 92 — under 90 + 3, so it does not climb to A (hysteresis)
  await sys.db.collection('shops').updateOne({ _id: SHOP as never }, { $set: { grade: 'B', score: 80 } });
  const asB = await rescoreShop(sys.deps, (await sys.db.collection('shops').findOne({ _id: SHOP as never })) as never);
  assert.deepEqual([asB.score, asB.grade], [92, 'B']);
  const ruleB = await sys.db.collection('patrol_rules').findOne({ _id: `pr_shop_${SHOP}` as never });
  assert.deepEqual([ruleB?.per, ruleB?.times, ruleB?.source], ['week', 2, 'plaque_grade']);
  const before = await sys.call('GET', '/api/patrol/today', { token: await tok(city.patrollerA.id) });
  assert.equal(before.json.data.find((t: { facilityId: string }) => t.facilityId === SHOP)?.per, 'week');
  // two more verified problems whose checks failed (double deductions): 92 − 2 × 10 = 72 → C
  for (let i = 0; i < 2; i++) {
    await sys.db.collection('plaque_complaints').insertOne({ _id: `pc_extra${i}` as never, shopId: SHOP, classCode: '0503', state: 'escalated', escalationReason: 'disputed', createdAt: new Date(clock - (i * 40 + 40) * 86_400_000), complainantId: 'x' } as never);
  }
  const asC = await rescoreShop(sys.deps, (await sys.db.collection('shops').findOne({ _id: SHOP as never })) as never);
  assert.deepEqual([asC.score, asC.grade], [72, 'C']);
  const ruleC = await sys.db.collection('patrol_rules').findOne({ _id: `pr_shop_${SHOP}` as never });
  assert.deepEqual([ruleC?.per, ruleC?.times], ['day', 1]);
  const after = await sys.call('GET', '/api/patrol/today', { token: await tok(city.patrollerA.id) });
  assert.equal(after.json.data.find((t: { facilityId: string }) => t.facilityId === SHOP)?.per, 'day');
});

test('appeal: the shop appeals a counted complaint, the area chief upholds it, the deduction goes away', async () => {
  const confirmed = await sys.db.collection('plaque_complaints').findOne({ shopId: SHOP, state: 'confirmed' });
  const before = (await sys.db.collection('shops').findOne({ _id: SHOP as never }))!.score as number;
  const stranger = await sys.call('POST', `/api/plaque-complaints/${confirmed!._id}/appeal`, { token: await tok(city.citizen.id), body: { reason: '这不是我们店的' } });
  assert.equal(stranger.status, 404);
  const ap = await sys.call('POST', `/api/plaque-complaints/${confirmed!._id}/appeal`, { token: await tok(owner.id), body: { reason: '货架属于隔壁商户' } });
  assert.equal(ap.status, 200, JSON.stringify(ap.json));
  assert.equal(ap.json.data.appeal.status, 'pending');
  const wrongChief = await sys.call('POST', `/api/plaque-complaints/${confirmed!._id}/appeal-decision`, { token: await tok(city.chiefB.id), body: { upheld: true, note: '同意' } });
  assert.equal(wrongChief.status, 404);
  const d = await sys.call('POST', `/api/plaque-complaints/${confirmed!._id}/appeal-decision`, { token: await tok(city.chiefA.id), body: { upheld: true, note: '经核实属实' } });
  assert.equal(d.json.data.appeal.status, 'upheld');
  const after = (await sys.db.collection('shops').findOne({ _id: SHOP as never }))!.score as number;
  assert.equal(after - before, 4, 'the half deduction (8 → 4) is returned');
});

test('one complaint: readable by its complainant and the shop owner only, never naming the complainant', async () => {
  const r = await complain(city.citizen2, '0201', '卷闸门上贴满小广告');
  const id = r.json.data.id;
  const mine = await sys.call('GET', `/api/plaque-complaints/${id}`, { token: await tok(city.citizen2.id) });
  assert.equal(mine.json.data.mine, true);
  const ownerView = await sys.call('GET', `/api/plaque-complaints/${id}`, { token: await tok(owner.id) });
  assert.equal(ownerView.status, 200);
  assert.ok(!JSON.stringify(ownerView.json).includes(city.citizen2.id));
  assert.equal((await sys.call('GET', `/api/plaque-complaints/${id}`, { token: await tok(city.citizen.id) })).status, 404);
});

test('a class outside the shop’s duties is neither offered nor accepted, and the refusal writes nothing', async () => {
  const someone = await sys.user('路人', []);
  const before = { complaints: await sys.db.collection('plaque_complaints').countDocuments(), log: sys.standins.log.length };
  const r = await complain(someone, '0106', '绿化带里堆满纸箱');
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'class_not_in_duties');
  assert.match(r.json.message, /包绿化/);
  assert.equal(await sys.db.collection('plaque_complaints').countDocuments(), before.complaints, 'no complaint written');
  assert.equal(sys.standins.log.length, before.log, 'nobody was notified');
  assert.equal(await sys.db.collection('plaque_complaints').countDocuments({ complainantId: someone.id }), 0);
});

test('a dispute opens an enforcement case that is not the complainant’s own report: followed, and outside their report limit', async () => {
  const citizen = await sys.user('较真的市民', []);
  const r = await complain(citizen, '0503', '门口堆放大量纸箱');
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const own = async () => (await sys.call('GET', `/api/plaque-complaints/${r.json.data.id}`, { token: await tok(owner.id) })).json.data;
  const fixed = await sys.call('POST', `/api/plaque-complaints/${r.json.data.id}/fix`, { token: await tok(owner.id), body: { note: '已清理', photos: [await photo(sys, await tok(owner.id), 'after-boxes')], version: (await own()).version } });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.json));
  const disputed = await sys.call('POST', `/api/plaque-complaints/${r.json.data.id}/answer`, { token: await tok(citizen.id), body: { answer: 'dispute', reason: '纸箱只是挪到了隔壁门口', version: fixed.json.data.version } });
  assert.equal(disputed.json.data.state, 'escalated', JSON.stringify(disputed.json));
  const kase = await sys.db.collection('cases').findOne({ _id: (await sys.db.collection('plaque_complaints').findOne({ _id: r.json.data.id }))!.caseId as never });
  assert.equal(kase?.source, 'plaque');
  assert.notEqual(kase?.reporterId, citizen.id, 'the system opened it, not the citizen');
  assert.deepEqual(kase?.followers, [citizen.id], 'the complainant follows it');
  const mine = await sys.call('GET', '/api/cases/mine', { token: await tok(citizen.id) });
  const row = mine.json.data.find((x: { id: string }) => x.id === String(kase?._id));
  assert.equal(row?.following, true, 'shown as followed, not as their report');
  assert.equal((await sys.call('GET', `/api/cases/${kase?._id}`, { token: await tok(citizen.id) })).status, 200);
  // five own reports in the hour are still theirs to make (limit 5/h)
  const statuses = [];
  for (let i = 0; i < 6; i++) {
    const t = await tok(citizen.id);
    statuses.push((await sys.call('POST', '/api/cases', { token: t, body: { kind: 'event', classCode: '0104', description: `路面油污第${i}处`, photos: [await photo(sys, t, `own-${i}`)], location: { lng: 113.745, lat: 23.005, accuracy: 15 } } })).status);
  }
  assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
});

// Issue 13 §1: before, 20 concurrent complaints by one citizen against one shop → 20 × 201, the shop's public
// score fell from 100/A to 0/D in one burst and 8 enforcement cases opened.
test('20 concurrent complaints by one citizen against one shop: exactly 2 filed, the score moves by 2 complaints only', async () => {
  const burst = await sys.user('并发投诉者', []);
  const t = await tok(burst.id);
  const pic = await photo(sys, t, 'burst-complaint');
  const all = await Promise.all(Array.from({ length: 20 }, (_, i) => sys.call('POST', `/api/plaques/${SHOP}/complaints`, { token: t, body: { classCode: '0102', description: `门口垃圾堆放第${i}次`, photos: [pic] } })));
  const statuses = all.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 2, statuses.join(','));
  assert.equal(statuses.filter((s) => s === 429).length, 18);
  assert.equal(await sys.db.collection('plaque_complaints').countDocuments({ complainantId: burst.id }), 2);
});
