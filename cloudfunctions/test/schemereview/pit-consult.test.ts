/**
 * A 深基坑 review linked to its pit monitoring project: on an orange alarm the regulator opens the review trail
 * from the alarm and invites the original experts — one has since joined a participant and is not invited, a
 * supplementary expert is drawn — and their joint opinion appears in the alarm's handling trail.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, loopFile, type PitFixture } from '../helpers/pit-factory';
import { buildReviewWorld, concludedReview, registerProject, type ReviewWorld } from '../helpers/review-factory';

let sys: TestSystem;
let pit: PitFixture;
let w: ReviewWorld;
let clock = Date.now();
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  pit = await buildPit(sys);
  w = await buildReviewWorld(sys, { pitProjectId: pit.projectId });
});
after(async () => sys.close());

test('orange alarm → the regulator invites the original experts; a since-conflicted one is replaced by a supplementary draw; their opinion joins the alarm trail', async () => {
  const p = await registerProject(sys, w);
  const { reviewId, panel } = await concludedReview(sys, w, p.items[0].schemeId, new Date(clock + 3_600_000), '通过');
  // one of the panel has since joined the general contractor
  const moved = panel[1];
  const cur = (await sys.call('GET', `/api/experts/${moved.expertId}`, { token: w.cityRegulator.token })).json.data;
  assert.equal((await sys.call('POST', `/api/experts/${moved.expertId}/employer`, { token: w.cityRegulator.token, body: { employer: '广东粤建工程', version: cur.version } })).status, 200);

  const up = await sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, body: { format: 'gsi', text: loopFile(9.0, 1.5, 0, 41), observedAt: new Date(clock - 3 * 3600_000).toISOString() } });
  assert.equal(up.status, 201, JSON.stringify(up.json));
  const alarmId = up.json.data.alarms[0] as string;
  const alarm = await sys.db.collection('pit_alarms').findOne({ _id: alarmId as never });
  assert.equal(alarm!.level, 'orange');

  // the trail from the alarm: regulators only
  const trail = await sys.call('GET', `/api/pit-alarms/${alarmId}/review`, { token: w.townRegulator.token });
  assert.equal(trail.status, 200, JSON.stringify(trail.json));
  assert.equal(trail.json.data.id, reviewId);
  assert.equal((await sys.call('GET', `/api/pit-alarms/${alarmId}/review`, { token: pit.people.otherTownRegulator.token })).status, 404);
  assert.equal((await sys.call('POST', `/api/pit-alarms/${alarmId}/expert-consultation`, { token: w.contractor.token, body: {} })).status, 404);

  const c = await sys.call('POST', `/api/pit-alarms/${alarmId}/expert-consultation`, { token: w.townRegulator.token, body: { note: '请原论证专家研判' } });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const doc = await sys.db.collection('dw_reviews').findOne({ _id: reviewId as never });
  const cons = doc!.consultations[0];
  assert.deepEqual(cons.notInvited, { [moved.expertId]: 'employer_is_project_participant' });
  assert.deepEqual(cons.invite, panel.filter((e) => e !== moved).map((e) => e.expertId));
  assert.equal(cons.supplementary.length, 1);
  assert.ok(!panel.some((e) => e.expertId === cons.supplementary[0]));
  assert.match(cons.draw.commitment, /^[0-9a-f]{64}$/);
  const again = await sys.call('POST', `/api/pit-alarms/${alarmId}/expert-consultation`, { token: w.townRegulator.token, body: {} });
  assert.deepEqual([again.status, again.json.error], [409, 'already_consulted']);

  const supp = w.experts.find((e) => e.expertId === cons.supplementary[0])!;
  assert.equal((await sys.call('POST', `/api/reviews/${reviewId}/consultations/${cons.id}/opinion`, { token: moved.token, body: { text: '不该能提交' } })).status, 404);
  const op = await sys.call('POST', `/api/reviews/${reviewId}/consultations/${cons.id}/opinion`, { token: supp.token, body: { text: '立即坑边卸载，ZQS1 附近加密监测至每 2 小时一次，必要时回填反压' } });
  assert.equal(op.status, 200, JSON.stringify(op.json));
  const a = await sys.call('GET', `/api/pit/alarms/${alarmId}`, { token: pit.people.supervisor.token });
  const actions = a.json.data.history.map((e: { action: string }) => e.action);
  assert.ok(actions.includes('alarm.expert_consultation'));
  const opinion = a.json.data.history.find((e: { action: string }) => e.action === 'alarm.expert_opinion');
  assert.match(opinion.note, /专家联合意见.*立即坑边卸载/);
  // the parties are told
  const told = await sys.db.collection('inbox').countDocuments({ userId: pit.people.supervisor.id, title: /专家意见/ } as never);
  assert.equal(told, 1);
  const revealed = (await sys.db.collection('dw_reviews').findOne({ _id: reviewId as never }))!.consultations[0].draw.seed;
  assert.match(revealed, /^[0-9a-f]{64}$/);
});
