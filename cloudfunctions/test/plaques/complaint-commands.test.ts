/**
 * Complaint and appeal commands answer like every other state change: a wrong state or a stale record
 * version is a 409 with a stable code, a request without the version a 400 in Chinese, and a refused
 * command writes nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
let city: CityFixture;
let owner: { id: string; token: string };
const clock = Date.parse('2026-11-25T02:00:00Z'); // Wednesday 10:00 in Dongguan
const SHOP = 'pq_test0shop00042';
const tok = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
  owner = await sys.user('店主', [{ role: 'shopOwner', cityId: 'dongguan', townId: 'nancheng' }], { phone: '13911114242' });
  await sys.db.collection('shops').insertOne({
    _id: SHOP as never, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false,
    name: '测试店', licenceNo: 'LIC-42', address: '南城测试路 42 号', location: { lng: 113.746, lat: 23.004 },
    owner: { userId: owner.id, name: '店主', phone: '13911114242' }, zone: { frontageM: 6, depthM: 3 }, duties: ['sanitation', 'order'],
    scope: { cityId: 'dongguan', townId: 'nancheng', gridId: 'g-a', public: true }, score: 100, grade: 'A', gradeHistory: [], createdAt: new Date(clock),
  });
});
after(async () => sys.close());

const post = async (path: string, who: { id: string }, body: Record<string, unknown>) => sys.call('POST', path, { token: await tok(who.id), body });
const historyLength = async (id: string) => ((await sys.db.collection('plaque_complaints').findOne({ _id: id as never }))?.history as unknown[]).length;

test('complaint and appeal: wrong state and stale version are 409, a missing version is 400 in Chinese', async () => {
  const r = await post(`/api/plaques/${SHOP}/complaints`, city.citizen, { classCode: '0502', description: '店外摆卖占用人行道', photos: [await photo(sys, await tok(city.citizen.id), 'before-42')] });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id as string;
  const v1 = r.json.data.version as number;
  const after = await photo(sys, await tok(owner.id), 'after-42');

  const bare = await post(`/api/plaque-complaints/${id}/fix`, owner, { note: '已收回', photos: [after] });
  assert.equal(bare.status, 400);
  assert.match(bare.json.message, /缺少记录版本号，请刷新页面后重试/);
  const early = await post(`/api/plaque-complaints/${id}/answer`, city.citizen, { answer: 'confirm', version: v1 });
  assert.deepEqual([early.status, early.json.error, early.json.message], [409, 'invalid_transition', '商户尚未整改，暂不能确认']);
  const stale = await post(`/api/plaque-complaints/${id}/fix`, owner, { note: '已收回', photos: [after], version: v1 + 1 });
  assert.deepEqual([stale.status, stale.json.error], [409, 'stale_version']);
  assert.equal(await historyLength(id), 1, 'refused commands write nothing');

  const fixed = await post(`/api/plaque-complaints/${id}/fix`, owner, { note: '已收回', photos: [after], version: v1 });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.json));
  const twice = await post(`/api/plaque-complaints/${id}/fix`, owner, { note: '已收回', photos: [after], version: fixed.json.data.version });
  assert.deepEqual([twice.status, twice.json.error, twice.json.message], [409, 'invalid_transition', '该投诉已不在待整改状态']);
  const staleAnswer = await post(`/api/plaque-complaints/${id}/answer`, city.citizen, { answer: 'confirm', version: v1 });
  assert.deepEqual([staleAnswer.status, staleAnswer.json.error], [409, 'stale_version']);
  const confirmed = await post(`/api/plaque-complaints/${id}/answer`, city.citizen, { answer: 'confirm', version: fixed.json.data.version });
  assert.equal(confirmed.json.data.state, 'confirmed');

  const ap = await post(`/api/plaque-complaints/${id}/appeal`, owner, { reason: '货架属于隔壁商户' });
  assert.equal(ap.status, 200, JSON.stringify(ap.json));
  const ap2 = await post(`/api/plaque-complaints/${id}/appeal`, owner, { reason: '再申诉一次试试' });
  assert.deepEqual([ap2.status, ap2.json.error], [409, 'appeal_exists']);
  const d = await post(`/api/plaque-complaints/${id}/appeal-decision`, city.chiefA, { upheld: false, note: '经核实货架属本店' });
  assert.equal(d.json.data.appeal.status, 'rejected');
  const d2 = await post(`/api/plaque-complaints/${id}/appeal-decision`, city.chiefA, { upheld: true, note: '再审一次' });
  assert.deepEqual([d2.status, d2.json.error], [409, 'no_pending_appeal']);
  const events = (await sys.db.collection('plaque_complaints').findOne({ _id: id as never }))!.history as { action: string; role: string }[];
  assert.deepEqual(events.map((e) => [e.action, e.role]), [['complaint.create', 'citizen'], ['complaint.fix', 'shopOwner'], ['complaint.confirm', 'citizen'], ['complaint.appeal', 'shopOwner'], ['complaint.appeal_decision', 'areaChief']]);
});
