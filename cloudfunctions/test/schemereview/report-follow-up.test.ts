/**
 * A report's follow-up (the scheme takes the conclusion; each expert's attendance goes into the integrity record)
 * is written after the review's own command. When a crash cuts it short, the repair sweep finishes it — once: a
 * second sweep, or a step that was already done, writes nothing again.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { seedReviewDemo } from '../../dev/seed/review-demo';
import { FOLLOW_UP_GRACE_MS, reportFollowUpSweep } from '../../src/contexts/schemereview/report-follow-up';

let sys: TestSystem;
let clock = Date.now();
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  await sys.db.collection('regions').insertMany([
    { _id: 'nancheng', kind: 'town', name: '南城', parentId: 'dongguan' },
    { _id: 'dongcheng', kind: 'town', name: '东城', parentId: 'dongguan' },
  ] as never[]);
  let n = 0;
  await seedReviewDemo(sys.deps, async (p) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${p}-${n++}`));
});
after(async () => sys.close());

const reviews = () => sys.db.collection<any>('dw_reviews');
const experts = () => sys.db.collection<any>('dw_experts');
const schemes = () => sys.db.collection<any>('dw_schemes');
const sweep = () => reportFollowUpSweep(sys.deps, { budgetMs: 30_000 } as never);
const entriesFor = async (reviewId: string, expertIds: string[]) =>
  (await experts().find({ _id: { $in: expertIds } }).toArray()).map((e) => (e.integrity as { reviewId?: string }[]).filter((x) => x.reviewId === reviewId).length);

/** What a crash right after the review's own write leaves: no integrity entries for it, the scheme still pending, no mark. */
async function crashAfterReport(r: any, schemeToo: boolean) {
  const panel = r.invitations.filter((i: { status: string }) => i.status === 'accepted').map((i: { expertId: string }) => i.expertId);
  for (const id of panel) {
    const e = await experts().findOne({ _id: id });
    const had = e.integrity.filter((x: { reviewId?: string; kind: string }) => x.reviewId === r._id && x.kind === 'good').length;
    const kept = e.integrity.filter((x: { reviewId?: string }) => x.reviewId !== r._id);
    await experts().updateOne({ _id: id }, { $set: { integrity: kept, reviewsSat: e.reviewsSat - had } });
  }
  if (schemeToo) await schemes().updateOne({ _id: r.schemeId }, { $set: { state: 'review_pending', revisionToInform: false }, $unset: { lastConclusion: '', reviewedVersion: '' } });
  // reported just now (the demo's reports are dated in the past)
  await reviews().updateOne({ _id: r._id }, { $set: { 'report.at': new Date(clock) }, $unset: { 'report.followedUpAt': '' } });
  return panel as string[];
}

test('every report filed through the command is marked followed up', async () => {
  const reported = await reviews().find({ report: { $exists: true } }).toArray();
  assert.equal(reported.length, 3);
  for (const r of reported) assert.ok(r.report.followedUpAt instanceof Date, `${r._id} followed up`);
  assert.deepEqual((await sweep()).repaired, 0);
});

test('a crash after the report: the sweep (after the grace) moves the scheme and writes each record exactly once', async () => {
  const r = await reviews().findOne({ 'report.conclusion': '修改后通过' });
  const sat = Object.fromEntries((await experts().find({}).toArray()).map((e) => [e._id, e.reviewsSat]));
  const panel = await crashAfterReport(r, true);
  assert.deepEqual(await entriesFor(r._id, panel), panel.map(() => 0));

  assert.equal((await sweep()).repaired, 0, 'within the grace a request may still be finishing it');
  clock += FOLLOW_UP_GRACE_MS + 60_000;
  assert.equal((await sweep()).repaired, 1);
  const s = await schemes().findOne({ _id: r.schemeId });
  assert.deepEqual([s.state, s.lastConclusion, s.revisionToInform], ['revising', '修改后通过', true]);
  assert.deepEqual(await entriesFor(r._id, panel), panel.map(() => 1));
  for (const e of await experts().find({ _id: { $in: panel } }).toArray()) assert.equal(e.reviewsSat, sat[e._id], `${e.name}'s reviews sat restored`);
  assert.ok((await reviews().findOne({ _id: r._id })).report.followedUpAt instanceof Date);

  assert.equal((await sweep()).repaired, 0, 'a second sweep finds nothing');
  assert.deepEqual(await entriesFor(r._id, panel), panel.map(() => 1));
});

test('a crash halfway (the scheme moved, the records not): only the records are written, the scheme is left alone', async () => {
  const r = await reviews().findOne({ 'report.conclusion': '通过' });
  const before = await schemes().findOne({ _id: r.schemeId });
  const panel = await crashAfterReport(r, false);
  clock += FOLLOW_UP_GRACE_MS + 60_000;
  assert.equal((await sweep()).repaired, 1);
  const after = await schemes().findOne({ _id: r.schemeId });
  assert.deepEqual([after.state, after.version], [before.state, before.version], 'no second transition');
  assert.deepEqual(await entriesFor(r._id, panel), panel.map(() => 1));
});
