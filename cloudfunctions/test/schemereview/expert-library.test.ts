/**
 * The expert library: admission by the exact contract (refused with every reason, nothing written), the
 * keeper's entry and a person's own application, a bad integrity record suspends (and takes the expert out of
 * the draws and the public list), the yearly review, statistics by specialty.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildReviewWorld, type ReviewWorld } from '../helpers/review-factory';

let sys: TestSystem;
let w: ReviewWorld;
before(async () => {
  sys = await startTestSystem({ now: () => new Date('2026-11-25T02:00:00Z') });
  w = await buildReviewWorld(sys);
});
after(async () => sys.close());

const post = (token: string, path: string, body: unknown) => sys.call('POST', path, { token, body });
const count = () => sys.db.collection('dw_experts').countDocuments({});

test('an inadmissible applicant is refused with every reason, nothing written', async () => {
  const before = await count();
  const r = await post(w.cityRegulator.token, '/api/experts?cityId=dongguan', { name: '张工', phone: '13912340001', title: '中级', years: 10, badCredit: true, specialties: ['geotech'], employer: '某公司' });
  assert.deepEqual([r.status, r.json.error], [400, 'expert_not_admissible']);
  assert.deepEqual(r.json.data.reasons, ['title_not_senior', 'experience_insufficient', 'integrity_record']);
  assert.match(r.json.message, /张工 不符合专家入库条件：须具有高级或正高级职称；须从事本专业 15 年以上/);
  assert.equal(await count(), before);
  assert.equal(await sys.db.collection('users').countDocuments({ phone: '13912340001' }), 0, 'no contact account either');
});

test('a person applies (待审核), the keeper admits; only the city regulators keep the library', async () => {
  const me = await sys.user('李工', [], { phone: '13912340002' });
  const r = await post(me.token, '/api/experts?cityId=dongguan', { name: '李工', phone: '13912340002', title: '高级', years: 8, richExperience: true, specialties: ['lifting'], employer: null });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.state, 'pending');
  const town = await post(w.townRegulator.token, `/api/experts/${r.json.data.id}/action`, { action: 'admit', version: r.json.data.version });
  assert.equal(town.status, 403);
  const ok = await post(w.cityRegulator.token, `/api/experts/${r.json.data.id}/action`, { action: 'admit', version: r.json.data.version });
  assert.equal(ok.json.data.state, 'active');
  const twice = await post(me.token, '/api/experts?cityId=dongguan', { name: '李工', phone: '13912340002', title: '高级', years: 8, richExperience: true, specialties: ['lifting'], employer: null });
  assert.deepEqual([twice.status, twice.json.error], [409, 'expert_exists']);
});

test('a bad integrity record suspends: out of the public list; the yearly review keeps or removes', async () => {
  const e = w.experts[5];
  const cur = (await sys.call('GET', `/api/experts/${e.expertId}`, { token: w.cityRegulator.token })).json.data;
  const bad = await post(w.cityRegulator.token, `/api/experts/${e.expertId}/integrity`, { kind: 'bad', note: '论证意见与现场明显不符，经查属实', version: cur.version });
  assert.equal(bad.json.data.state, 'suspended');
  assert.equal(bad.json.data.integrity.length, 1);
  const pub = (await sys.call('GET', '/api/experts/public?cityId=dongguan')).json.data as { id: string; name: string }[];
  assert.ok(!pub.some((x) => x.id === e.expertId));
  assert.ok(pub.some((x) => x.id === w.experts[6].expertId));
  assert.equal(JSON.stringify(pub).includes('1380000'), false, 'no phone in the public list');
  const yr = await post(w.cityRegulator.token, `/api/experts/${e.expertId}/action`, { action: 'yearly_review', pass: false, note: '年度考核不合格', version: bad.json.data.version });
  assert.equal(yr.json.data.state, 'removed');
  const noOutcome = await post(w.cityRegulator.token, `/api/experts/${w.experts[6].expertId}/action`, { action: 'yearly_review', note: '考核', version: 1 });
  assert.deepEqual([noOutcome.status, noOutcome.json.error], [400, 'outcome_required']);
  const stats = (await sys.call('GET', '/api/review-stats?cityId=dongguan', { token: w.cityRegulator.token })).json.data;
  assert.equal(stats.expertsBySpecialty.find((s: { key: string }) => s.key === 'geotech').active, 9);
  assert.equal(stats.expertsBySpecialty.find((s: { key: string }) => s.key === 'formwork').active, 3);
  assert.equal((await sys.call('GET', '/api/review-stats?cityId=dongguan', { token: w.contractor.token })).status, 403);
});
