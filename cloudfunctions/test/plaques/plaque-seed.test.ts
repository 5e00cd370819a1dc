/**
 * The plaque demo data holds up: each demo shop's seeded score and grade are what the published rule
 * (the nightly `plaque-scores` job) computes from its seeded complaints, so rescoring leaves them alone;
 * there is a B and a C shop with complaint history and a pending appeal the area chief can see and open.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { seedDemo } from '../../dev/seed/seed';
import { DEMO_SHOPS, seedPlaqueDemo } from '../../dev/seed/plaque-demo';
import { rescoreShops } from '../../src/contexts/plaques/plaque.jobs';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
let clock = Date.parse('2026-03-18T06:00:00Z');
const openidFor = async (persona: string) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${persona}`);
const shopsNow = async () => Object.fromEntries((await sys.db.collection('shops').find({ _id: { $in: DEMO_SHOPS.map((s) => s.id) as never[] } }).toArray()).map((s) => [String(s._id), { score: s.score, grade: s.grade, points: s.gradeHistory.length }]));

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  await seedDemo(sys.db, openidFor, new Date(clock));
  await seedPlaqueDemo(sys.deps, openidFor, new Date(clock));
});
after(async () => sys.close());

test('the seeded scores are the published rule’s: 100/A (no complaints), 83/B, 66/C (a repeat doubled)', async () => {
  const seeded = await shopsNow();
  assert.deepEqual(
    DEMO_SHOPS.map((s) => [s.name, seeded[s.id].score, seeded[s.id].grade]),
    [
      ['老王烧腊店', 100, 'A'],
      // 店外经营 8 (late) + 道路不洁 4 × ½ + 非法小广告 5 (late) + 道路不洁 4 × ½ (35 days apart: no repeat)
      ['鸿福便利店', 83, 'B'],
      // 店外经营 8 (late) + 店外经营 again within 30 days 8 × 2 + 乱堆物堆料 5 + 暴露垃圾 5
      ['粤味茶餐厅', 66, 'C'],
    ],
  );
  assert.ok(seeded.pq_demo0shop0003.points > 1, 'the C shop has a score history (trend chart)');
});

test('a rescoring run (today, and the next night) changes nothing', async () => {
  const seeded = await shopsNow();
  const run = await rescoreShops(sys.deps);
  assert.deepEqual(run, { shops: DEMO_SHOPS.length, changed: 0 });
  assert.deepEqual(await shopsNow(), seeded);
  clock += 86_400_000;
  assert.deepEqual(await rescoreShops(sys.deps), { shops: DEMO_SHOPS.length, changed: 0 });
  assert.deepEqual(await shopsNow(), seeded);
  // the patrol frequency follows the grade: C daily, B twice a week
  const rules = await sys.db.collection('patrol_rules').find({ _id: { $in: ['pr_shop_pq_demo0shop0002', 'pr_shop_pq_demo0shop0003'] as never[] } }).sort({ _id: 1 }).toArray();
  assert.deepEqual(rules.map((r) => [r.per, r.times]), [['week', 2], ['day', 1]]);
  // a shop is patrolled whenever the patroller passes: every check-in at its plaque counts (issue 17)
  assert.deepEqual(rules.map((r) => r.window), [{ start: '00:00', end: '23:59' }, { start: '00:00', end: '23:59' }]);
});

test('seeding again is a no-op; a database seeded with the old typed-in 86/B is brought in line', async () => {
  await sys.db.collection('shops').updateOne({ _id: 'pq_demo0shop0001' as never }, { $set: { score: 86, grade: 'B' } });
  const r = await seedPlaqueDemo(sys.deps, openidFor, new Date(clock));
  assert.deepEqual(r, { shops: 3, complaints: 8 });
  assert.equal(await sys.db.collection('plaque_complaints').countDocuments({}), 8);
  const now = await shopsNow();
  assert.deepEqual([now.pq_demo0shop0001.score, now.pq_demo0shop0001.grade], [100, 'A']);
  assert.deepEqual([now.pq_demo0shop0002.score, now.pq_demo0shop0003.score], [83, 66]);
});

test('the pending appeal is on the area chief’s list, with photos that download; the complainant sees the fix', async () => {
  const chief = await sys.db.collection('users').findOne({ persona: 'chief-shiqi' });
  const token = await issueToken(sys.deps.config.jwtSecret, String(chief!._id), 3600, new Date(clock));
  const list = await sys.call('GET', '/api/plaque-appeals', { token });
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.data.map((a: { shopName: string; canDecide: boolean }) => [a.shopName, a.canDecide]), [['粤味茶餐厅', true]]);
  const res = await fetch(sys.url + list.json.data[0].fixPhotoUrls[0]);
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');

  const complainant = await sys.db.collection('users').findOne({ persona: 'citizen2' });
  const c = await sys.call('GET', `/api/plaque-complaints/${list.json.data[0].id}`, { token: await issueToken(sys.deps.config.jwtSecret, String(complainant!._id), 3600, new Date(clock)) });
  assert.equal(c.json.data.mine, true);
  const fix = await fetch(sys.url + c.json.data.fixPhotoUrls[0]);
  assert.equal(createHash('sha256').update(Buffer.from(await fix.arrayBuffer())).digest('hex'), c.json.data.fixPhotos[0]);
});
