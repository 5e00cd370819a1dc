/**
 * 申诉审核 list (GET /api/plaque-appeals): an area chief sees the pending appeals of their grids only (the
 * decide route's own rule), a regulator those of their area read-only, anyone else nothing; deciding from
 * the list works and moves the appeal to the decided list; nothing in it names the complainant.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
let city: CityFixture;
let clock = Date.parse('2026-11-25T02:00:00Z'); // Wednesday 10:00 in Dongguan
const tok = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));
type Owner = { id: string; token: string };
const shops: Record<'A' | 'B', { id: string; owner: Owner; complaintId: string; scoreBefore: number }> = {} as never;
let regulatorA: Owner;

async function shop(id: string, grid: string, town: string, ownerName: string, phone: string): Promise<Owner> {
  const owner = await sys.user(ownerName, [{ role: 'shopOwner', cityId: 'dongguan', townId: town }], { phone });
  await sys.db.collection('shops').insertOne({
    _id: id as never, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false,
    name: `${ownerName}的店`, licenceNo: `LIC-${id}`, address: `${town} 测试路 ${id.slice(-2)} 号`, location: { lng: 113.746, lat: 23.004 },
    owner: { userId: owner.id, name: ownerName, phone }, zone: { frontageM: 6, depthM: 3 }, duties: ['sanitation', 'order'],
    scope: { cityId: 'dongguan', townId: town, gridId: grid, public: true }, score: 100, grade: 'A', gradeHistory: [], createdAt: new Date(clock),
  });
  return owner;
}

/** complaint → fix with an after photo → confirmed (counted) → the shop appeals. */
async function appealedComplaint(shopId: string, owner: Owner, citizen: { id: string }, reason: string): Promise<string> {
  const r = await sys.call('POST', `/api/plaques/${shopId}/complaints`, { token: await tok(citizen.id), body: { classCode: '0502', description: '店外摆卖占用人行道', photos: [await photo(sys, await tok(citizen.id), `before-${shopId}`)] } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id as string;
  clock += 20 * 60_000;
  const fixed = await sys.call('POST', `/api/plaque-complaints/${id}/fix`, { token: await tok(owner.id), body: { note: '已收回', photos: [await photo(sys, await tok(owner.id), `after-${shopId}`)], version: r.json.data.version } });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.json));
  const confirmed = await sys.call('POST', `/api/plaque-complaints/${id}/answer`, { token: await tok(citizen.id), body: { answer: 'confirm', version: fixed.json.data.version } });
  assert.equal(confirmed.json.data.state, 'confirmed');
  const ap = await sys.call('POST', `/api/plaque-complaints/${id}/appeal`, { token: await tok(owner.id), body: { reason } });
  assert.equal(ap.status, 200, JSON.stringify(ap.json));
  return id;
}

const list = async (who: { id: string }, status = 'pending') => {
  const r = await sys.call('GET', `/api/plaque-appeals?status=${status}`, { token: await tok(who.id) });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.data as { id: string; shopName: string; shopAddress: string; description: string; className: string; photoUrls: string[]; fixPhotoUrls: string[]; appeal: { status: string; reason: string; note: string | null }; canDecide: boolean; gridId: string | null; gridName: string | null }[];
};
const score = async (id: string) => ((await sys.db.collection('shops').findOne({ _id: id as never }))!.score as number);

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
  regulatorA = await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }]);
  const ownerA = await shop('pq_test0appeal0a', 'g-a', 'nancheng', '甲店主', '13922220001');
  const ownerB = await shop('pq_test0appeal0b', 'g-b', 'dongcheng', '乙店主', '13922220002');
  shops.A = { id: 'pq_test0appeal0a', owner: ownerA, complaintId: await appealedComplaint('pq_test0appeal0a', ownerA, city.citizen, '货架属于隔壁商户'), scoreBefore: 0 };
  shops.B = { id: 'pq_test0appeal0b', owner: ownerB, complaintId: await appealedComplaint('pq_test0appeal0b', ownerB, city.citizen2, '当天店铺停业，不是本店'), scoreBefore: 0 };
  shops.A.scoreBefore = await score(shops.A.id);
  shops.B.scoreBefore = await score(shops.B.id);
});
after(async () => sys.close());

test('the area chief sees the pending appeals of their grids with shop, complaint, reason and photos — and no complainant', async () => {
  const rows = await list(city.chiefA);
  assert.deepEqual(rows.map((r) => r.id), [shops.A.complaintId]);
  const a = rows[0];
  assert.equal(a.shopName, '甲店主的店');
  assert.match(a.shopAddress, /nancheng 测试路/);
  assert.equal(a.className, '店外经营');
  assert.equal(a.description, '店外摆卖占用人行道');
  assert.deepEqual([a.appeal.status, a.appeal.reason], ['pending', '货架属于隔壁商户']);
  assert.equal(a.canDecide, true);
  assert.deepEqual([a.gridId, a.gridName], ['g-a', '网格A'], 'the grid by its name for the card (issue 17)');
  assert.equal(a.photoUrls.length, 1);
  assert.equal(a.fixPhotoUrls.length, 1);
  const img = await fetch(sys.url + a.fixPhotoUrls[0]);
  assert.equal(img.status, 200, 'the evidence link downloads');
  assert.ok(!JSON.stringify(rows).includes(city.citizen.id), 'the complainant is not named');
});

test('another grid’s chief, another town’s regulator, a citizen and a shop owner see nothing of it', async () => {
  assert.deepEqual((await list(city.chiefB)).map((r) => r.id), [shops.B.complaintId], 'chief B: only grid g-b');
  const regB = await list(city.regulatorB);
  assert.deepEqual(regB.map((r) => [r.id, r.canDecide]), [[shops.B.complaintId, false]], 'the 东城 regulator oversees 东城 only, read-only');
  const regA = await list(regulatorA);
  assert.deepEqual(regA.map((r) => [r.id, r.canDecide]), [[shops.A.complaintId, false]]);
  assert.deepEqual(await list(city.citizen), []);
  assert.deepEqual(await list(shops.A.owner), []);
  assert.equal((await sys.call('GET', '/api/plaque-appeals')).status, 401, 'signed out');
});

test('deciding from the list: chief A rejects (score kept), chief B upholds (deduction removed); both leave the pending list', async () => {
  const [a] = await list(city.chiefA);
  const wrong = await sys.call('POST', `/api/plaque-complaints/${a.id}/appeal-decision`, { token: await tok(city.chiefB.id), body: { upheld: true, note: '同意申诉' } });
  assert.equal(wrong.status, 404, 'chief B cannot decide grid g-a’s appeal');
  const byRegulator = await sys.call('POST', `/api/plaque-complaints/${a.id}/appeal-decision`, { token: await tok(regulatorA.id), body: { upheld: true, note: '同意申诉' } });
  assert.equal(byRegulator.status, 404, 'the regulator oversees, the area chief decides');
  const noReason = await sys.call('POST', `/api/plaque-complaints/${a.id}/appeal-decision`, { token: await tok(city.chiefA.id), body: { upheld: false, note: ' ' } });
  assert.equal(noReason.json.error, 'note_required');

  const rejected = await sys.call('POST', `/api/plaque-complaints/${a.id}/appeal-decision`, { token: await tok(city.chiefA.id), body: { upheld: false, note: '经现场核实，货架属本店' } });
  assert.equal(rejected.json.data.appeal.status, 'rejected');
  assert.equal(await score(shops.A.id), shops.A.scoreBefore, 'a rejected appeal keeps the deduction');
  assert.deepEqual(await list(city.chiefA), []);
  const decided = await list(city.chiefA, 'decided');
  assert.deepEqual(decided.map((r) => [r.id, r.appeal.status, r.appeal.note]), [[a.id, 'rejected', '经现场核实，货架属本店']]);

  const [b] = await list(city.chiefB);
  const upheld = await sys.call('POST', `/api/plaque-complaints/${b.id}/appeal-decision`, { token: await tok(city.chiefB.id), body: { upheld: true, note: '店铺当天停业属实' } });
  assert.equal(upheld.json.data.appeal.status, 'upheld');
  assert.equal(await score(shops.B.id), 100, 'the upheld appeal removes the deduction (96 → 100)');
  assert.equal(shops.B.scoreBefore, 96);
  assert.deepEqual(await list(city.chiefB), []);
  const twice = await sys.call('POST', `/api/plaque-complaints/${b.id}/appeal-decision`, { token: await tok(city.chiefB.id), body: { upheld: false, note: '再审' } });
  assert.equal(twice.json.error, 'no_pending_appeal');
});
