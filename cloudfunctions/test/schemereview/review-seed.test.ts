/** The 危大工程 demo seed runs through the real commands: 30 experts, five projects, reviews in each outcome; idempotent. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { seedReviewDemo } from '../../dev/seed/review-demo';

let sys: TestSystem;
before(async () => {
  sys = await startTestSystem();
  await sys.db.collection('regions').insertMany([
    { _id: 'nancheng', kind: 'town', name: '南城', parentId: 'dongguan' },
    { _id: 'dongcheng', kind: 'town', name: '东城', parentId: 'dongguan' },
  ] as never[]);
});
after(async () => sys.close());

test('the review demo: library, projects, one review per outcome, the deep pit linked; a second run adds nothing', async () => {
  let n = 0;
  const openidFor = async (p: string) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${p}-${n++}`);
  const r = await seedReviewDemo(sys.deps, openidFor);
  assert.deepEqual(r, { projects: 5, experts: 30 });
  assert.equal(await sys.db.collection('dw_experts').countDocuments({ state: 'active' }), 30);
  assert.equal(await sys.db.collection('dw_experts').countDocuments({ state: 'pending' }), 2, 'two applications wait for the keeper');
  const reviews = await sys.db.collection('dw_reviews').find({}).toArray();
  assert.deepEqual(reviews.map((x) => x.state).sort(), ['archived', 'committed', 'concluded', 'concluded', 'inviting']);
  assert.deepEqual(reviews.filter((x) => x.report).map((x) => x.report.conclusion).sort(), ['不通过', '修改后通过', '通过']);
  const pit = reviews.find((x) => x.pitProjectId === 'pj_demo0nc0pit0a');
  assert.equal(pit?.state, 'archived');
  // the experts checked in (and out) at each concluded review's venue through the check-in machinery: face + GPS
  const checkins = await sys.db.collection('checkins').find({ siteKind: 'review_meeting' }).toArray();
  assert.deepEqual([checkins.filter((c) => c.direction === 'in').length, checkins.filter((c) => c.direction === 'out').length], [15, 15]);
  assert.ok(checkins.every((c) => c.role === '评审专家' && c.faceMatch && c.inGeofence && c.flags.length === 0), 'every check-in a matched face inside the venue fence');
  const signIns = reviews.flatMap((x) => x.signIns);
  assert.equal(signIns.length, 15);
  assert.ok(signIns.every((si) => checkins.some((c) => c._id === si.checkinId && c.direction === 'in')), 'each sign-in rests on a check-in');
  assert.deepEqual(await seedReviewDemo(sys.deps, openidFor), { skipped: true });
  assert.equal(await sys.db.collection('dw_reviews').countDocuments({}), 5);
});
