/**
 * Issue 17 on the plaque API: the owner reads what each counted complaint costs and until when to appeal; after a
 * dispute the owner reads the reason, the enforcement case names the shop and carries the shop's fix (after photo
 * and note) as a step; the complainant finds the complaint in 我的上报 (`GET /api/plaque-complaints/mine`).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
let city: CityFixture;
let owner: { id: string; token: string };
let clock = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 in Dongguan
const SHOP = 'pq_test0shop00017';
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
  const openid = await sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-owner`);
  owner = await sys.user('店主', [{ role: 'shopOwner', cityId: 'dongguan', townId: 'nancheng' }], { openid, phone: '13911113333' });
  await sys.db.collection('shops').insertOne({
    _id: SHOP as never, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false,
    name: '老王烧腊店', licenceNo: '91441900MA5TEST17', address: '南城鸿福路 12 号', location: { lng: 113.746, lat: 23.004 },
    owner: { userId: owner.id, name: '王老板', phone: '13911113333' }, zone: { frontageM: 8, depthM: 4 }, duties: ['sanitation', 'order'],
    scope: { cityId: 'dongguan', townId: 'nancheng', gridId: 'g-a', public: true }, score: 100, grade: 'A', gradeHistory: [], createdAt: new Date(clock),
  });
});
after(async () => sys.close());

const tok = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));
const complain = async (who: { id: string }, classCode: string, text: string) =>
  sys.call('POST', `/api/plaques/${SHOP}/complaints`, { token: await tok(who.id), body: { classCode, description: text, photos: [await photo(sys, await tok(who.id), text)] } });
const asOwner = async (id: string) => (await sys.call('GET', `/api/plaque-complaints/${id}`, { token: await tok(owner.id) })).json.data;
async function fix(id: string, note: string) {
  const r = await sys.call('POST', `/api/plaque-complaints/${id}/fix`, { token: await tok(owner.id), body: { note, photos: [await photo(sys, await tok(owner.id), `after-${id}`)], version: (await asOwner(id)).version } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.data as { version: number };
}

test('a confirmed complaint: the owner reads the points it costs and until when to appeal; the complainant does not', async () => {
  const r = await complain(city.citizen, '0502', '店外摆卖占用人行道');
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id;
  clock += 30 * 60_000;
  const fixed = await fix(id, '已收回店外货架');
  const ok = await sys.call('POST', `/api/plaque-complaints/${id}/answer`, { token: await tok(city.citizen.id), body: { answer: 'confirm', version: fixed.version } });
  assert.equal(ok.json.data.state, 'confirmed');
  const list = await sys.call('GET', '/api/shop/complaints', { token: await tok(owner.id) });
  const row = list.json.data.find((x: { id: string }) => x.id === id);
  assert.deepEqual(row.deduction, { points: 4, why: '按期自行整改，减半扣分' }, 'half of 8 points (店外经营), as the public score says');
  assert.equal((await sys.call('GET', `/api/plaques/${SHOP}`)).json.data.score, 96);
  assert.equal(Date.parse(row.appealBy) - clock, 7 * 86_400_000, 'seven days from the confirmation');
  assert.deepEqual((await asOwner(id)).deduction, { points: 4, why: '按期自行整改，减半扣分' });
  const asComplainant = await sys.call('GET', `/api/plaque-complaints/${id}`, { token: await tok(city.citizen.id) });
  assert.equal(asComplainant.json.data.deduction, null, 'the score detail is the owner’s');
  const open = await complain(city.citizen2, '0104', '门前油污一大片');
  const openRow = (await sys.call('GET', '/api/shop/complaints', { token: await tok(owner.id) })).json.data.find((x: { id: string }) => x.id === open.json.data.id);
  assert.deepEqual([openRow.deduction, openRow.appealBy], [null, null], 'an open complaint costs nothing yet and cannot be appealed');
});

test('a dispute: the owner reads the reason; the case names the shop and carries its fix; 我的上报 lists the complaint', async () => {
  const citizen = await sys.user('较真的市民', []);
  const r = await complain(citizen, '0503', '门口堆放大量纸箱');
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id;
  const fixed = await fix(id, '已清理');
  const disputed = await sys.call('POST', `/api/plaque-complaints/${id}/answer`, { token: await tok(citizen.id), body: { answer: 'dispute', reason: '纸箱只是挪到了隔壁门口', version: fixed.version } });
  assert.equal(disputed.json.data.state, 'escalated', JSON.stringify(disputed.json));

  assert.equal((await asOwner(id)).disputeReason, '纸箱只是挪到了隔壁门口', 'the owner reads why the fix was disputed');
  const inbox = await sys.db.collection('inbox').find({ userId: owner.id }).toArray();
  const told = await sys.db.collection('plaque_complaints').findOne({ _id: id });
  assert.match(JSON.stringify(inbox) + JSON.stringify(told?.outbox ?? []), /纸箱只是挪到了隔壁门口/, 'and is told it');

  const kase = await sys.db.collection('cases').findOne({ _id: told!.caseId as never });
  const fixPhotos = told!.fix.photos as string[];
  assert.equal(kase?.placeName, '老王烧腊店');
  assert.match(String(kase?.description), /商户整改说明：已清理/);
  const step = (kase?.history as { action: string; role: string; evidence: string[]; reason?: string }[]).find((h) => h.action === 'case.shop_fix');
  assert.deepEqual([step?.role, step?.evidence, step?.reason], ['shopOwner', fixPhotos, '已清理']);
  const staff = await sys.call('GET', `/api/cases/${kase?._id}`, { token: await tok(city.chiefA.id) });
  assert.equal(staff.json.data.placeName, '老王烧腊店');
  const entry = staff.json.data.timeline.find((e: { action: string }) => e.action === 'case.shop_fix');
  assert.deepEqual([entry?.label, entry?.photos, entry?.note], ['商户整改反馈', fixPhotos, '已清理']);
  assert.equal((await sys.call('GET', `/api/blobs/${fixPhotos[0]}`, { token: await tok(city.chiefA.id) })).status, 200, 'the chief opens the after photo through the case');
  assert.equal((await sys.call('GET', `/api/blobs/${fixPhotos[0]}`, { token: await tok(city.citizen2.id) })).status, 404, 'a stranger does not');

  const mine = await sys.call('GET', '/api/plaque-complaints/mine', { token: await tok(citizen.id) });
  assert.equal(mine.status, 200, JSON.stringify(mine.json));
  assert.deepEqual(mine.json.data.map((x: { id: string; shopName: string; escalationReason: string }) => [x.id, x.shopName, x.escalationReason]), [[id, '老王烧腊店', 'disputed']]);
  assert.equal(JSON.stringify(mine.json.data).includes(citizen.id), false, 'no complainant id in it');
  assert.deepEqual((await sys.call('GET', '/api/plaque-complaints/mine', { token: await tok(owner.id) })).json.data, [], 'only one’s own');
  assert.equal((await sys.call('GET', '/api/plaque-complaints/mine')).status, 401);
});
