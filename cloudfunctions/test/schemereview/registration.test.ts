/**
 * Registration and classification through the API (the exact contract decides each level), what each item
 * needs, and reclassification on change (37号令 art. 16: the scheme is drafted and signed again). Refusals write nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { approvedScheme, buildReviewWorld, PARTICIPANTS, VENUE, type ReviewWorld } from '../helpers/review-factory';

let sys: TestSystem;
let w: ReviewWorld;
before(async () => {
  sys = await startTestSystem({ now: () => new Date('2026-11-25T02:00:00Z') });
  w = await buildReviewWorld(sys);
});
after(async () => sys.close());

const base = { name: '东城花园', address: '东城街道 1 号', townId: 'nancheng', location: VENUE, participants: PARTICIPANTS };
const put = (token: string, body: unknown) => sys.call('PUT', `/api/dw-projects/${w.projectId}`, { token, body });
const project = async () => (await sys.call('GET', `/api/dw-projects/${w.projectId}`, { token: w.contractor.token })).json.data;

const unregistered = async (token: string) => (await sys.call('GET', '/api/dw-projects/unregistered', { token })).json.data as { id: string; name: string | null }[];

test('the contractor sees the projects of their binding not registered yet (no name known: null, never the id as a name)', async () => {
  assert.deepEqual(await unregistered(w.contractor.token), [{ id: w.projectId, name: null }]);
  assert.deepEqual(await unregistered(w.supervisor.token), [], 'only a contractor registers');
});

test('refusals write nothing: a wrong number names the item, a non-contractor is refused, an unknown town', async () => {
  const bad = await put(w.contractor.token, { ...base, items: [{ name: '塔吊安拆', category: 'crane_erection', fields: { ratedLoadKN: -5 } }] });
  assert.deepEqual([bad.status, bad.json.error], [400, 'item_invalid']);
  assert.match(bad.json.message, /塔吊安拆/);
  const sup = await put(w.supervisor.token, { ...base, items: [] });
  assert.equal(sup.status, 403);
  const town = await put(w.contractor.token, { ...base, townId: 'nowhere', items: [] });
  assert.deepEqual([town.status, town.json.error], [400, 'unknown_town']);
  const unknown = await put(w.contractor.token, { ...base, items: [{ name: 'x', category: 'rocket', fields: {} }] });
  assert.equal(unknown.status, 400);
  assert.equal(await sys.db.collection('dw_projects').countDocuments({}), 0);
  assert.equal(await sys.db.collection('dw_schemes').countDocuments({}), 0);
});

test('each item is classified by the contract; 危大 items get a scheme, only 超规模 ones need a review', async () => {
  const r = await put(w.contractor.token, {
    ...base,
    items: [
      { name: '地下室基坑', category: 'excavation', fields: { depthM: 2.9, complexConditions: true } },
      { name: '落地脚手架', category: 'scaffold_floor', fields: { heightM: 23.9 } },
      { name: '钢结构屋盖', category: 'steel_structure', fields: { spanM: 36 } },
    ],
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const p = await project();
  assert.deepEqual(p.items.map((i: { level: string }) => i.level), ['危大', '非危大', '超规模危大']);
  assert.deepEqual(p.needs.map((n: { needs: string }) => n.needs), ['专项施工方案', '无需专项方案', '专项施工方案 + 专家论证']);
  assert.equal(p.schemes.length, 2);
  assert.equal(p.projectLevel, '超规模危大');
  const again = await put(w.contractor.token, { ...base, items: [] });
  assert.deepEqual([again.status, again.json.error], [400, 'already_registered']);
});

test('a 危大 scheme cannot apply for a review; changing the item reclassifies it and reopens its scheme', async () => {
  let p = await project();
  const pit = p.items[0];
  const v = await approvedScheme(sys, w, pit.schemeId, 'pit');
  const apply = await sys.call('POST', `/api/dw-schemes/${pit.schemeId}/reviews`, { token: w.contractor.token, body: { meetingAt: '2026-11-30T01:30:00Z', venue: '会议室', venueLocation: VENUE, version: v } });
  assert.deepEqual([apply.status, apply.json.error], [409, 'review_not_required']);
  const ch = await sys.call('POST', `/api/dw-projects/${w.projectId}/items/${pit.id}/change`, { token: w.contractor.token, body: { fields: { depthM: 6.2 }, reason: '设计变更加深地下室', version: p.version } });
  assert.equal(ch.status, 200, JSON.stringify(ch.json));
  assert.deepEqual([ch.json.data.from, ch.json.data.to], ['危大', '超规模危大']);
  const s = (await sys.call('GET', `/api/dw-schemes/${pit.schemeId}`, { token: w.contractor.token })).json.data;
  assert.equal(s.state, 'drafting');
  assert.equal(s.level, '超规模危大');
  assert.equal(s.versions.length, 1, 'the approved version is kept');
  assert.equal(s.history.at(-1).action, 'scheme.reopen');
  // the scaffold grows over 24 m: now 危大, and it gets its scheme
  p = await project();
  const sc = p.items[1];
  const grow = await sys.call('POST', `/api/dw-projects/${w.projectId}/items/${sc.id}/change`, { token: w.contractor.token, body: { fields: { heightM: 24 }, reason: '增加层数', version: p.version } });
  assert.equal(grow.json.data.to, '危大');
  p = await project();
  assert.equal(p.schemes.length, 3);
  const stale = await sys.call('POST', `/api/dw-projects/${w.projectId}/items`, { token: w.contractor.token, body: { name: '幕墙', category: 'curtain_wall', fields: { constructionHeightM: 50 }, version: 1 } });
  assert.deepEqual([stale.status, stale.json.error], [409, 'stale_version']);
});

test('a registered project is no longer waiting for registration', async () => {
  assert.deepEqual(await unregistered(w.contractor.token), []);
});
