/**
 * The acceptance journey through the API: a 5.5 m excavation and 9 m high formwork are both 超规模; the scheme is
 * signed (after a return that keeps its history), reviewed and applied for; the draw excludes the participants'
 * employees and the declared conflict; a decline and a silence are replaced; five sign in and conclude
 * 修改后通过 (sign-in and opinions only when checked in at the venue with face + GPS through the check-in machinery;
 * a report signed by 4 and a split conclusion are refused, nothing written); the contractor revises,
 * re-signs and informs them; archived; the replay reproduces the draw and refuses a tampered seed; the QR shows a
 * citizen the public part and a regulator the whole trail; a forged QR is refused.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { replayDraw } from '@cityloop/shared/dangerous-works/review-draw';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { applyFor, approvedScheme, buildReviewWorld, byUser, pdf, registerProject, venueCheckin, VENUE, type ReviewWorld } from '../helpers/review-factory';
import { invitationSweep } from '../../src/contexts/schemereview/invitations';
import { runExpertsReplay } from '../../src/cli/experts-replay.command';
import { signCodeUrl } from '../../src/platform/codes/signed-code';

let sys: TestSystem;
let w: ReviewWorld;
let clock = Date.parse('2026-11-25T02:00:00Z'); // Wednesday 10:00 in Dongguan
const MEETING = new Date('2026-11-27T01:30:00Z'); // Friday 09:30

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  w = await buildReviewWorld(sys);
});
after(async () => sys.close());

const call = (method: string, path: string, who: { token: string }, body?: unknown) => sys.call(method, path, { token: who.token, ...(body ? { body } : {}) });
const reviewDoc = (id: string) => sys.db.collection('dw_reviews').findOne({ _id: id as never }) as Promise<any>;
const cli = async (args: string[]) => {
  let out = '';
  const io = { readFile: async () => '', readStdin: async () => '', stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t) };
  const code = await runExpertsReplay(args, io, { MONGODB_URI: sys.deps.config.mongodbUri, MONGODB_DB: sys.deps.config.dbName });
  return { code, out };
};

let reviewId = '';

test('registration classifies both items 超规模 and lists what each needs', async () => {
  const p = await registerProject(sys, w);
  assert.deepEqual(p.items.map((i) => i.level), ['超规模危大', '超规模危大']);
  const full = (await call('GET', `/api/dw-projects/${w.projectId}`, w.contractor)).json.data;
  assert.deepEqual(full.needs.map((x: { needs: string }) => x.needs), ['专项施工方案 + 专家论证', '专项施工方案 + 专家论证']);
  assert.equal(full.schemes.length, 2);
  assert.equal(full.projectLevel, '超规模危大');
});

test('scheme: signed, returned (history kept), signed again, approved, applied for with the commitment published', async () => {
  const p = (await call('GET', `/api/dw-projects/${w.projectId}`, w.contractor)).json.data;
  const schemeId = p.items[0].schemeId;
  const get = async () => (await call('GET', `/api/dw-schemes/${schemeId}`, w.contractor)).json.data;
  // applying before the sign-offs is refused
  const early = await call('POST', `/api/dw-schemes/${schemeId}/reviews`, w.contractor, { meetingAt: MEETING.toISOString(), venue: '会议室', venueLocation: VENUE, version: (await get()).version });
  assert.deepEqual([early.status, early.json.error], [409, 'scheme_not_approved']);
  const sign0 = await call('POST', `/api/dw-schemes/${schemeId}/sign`, w.contractor, { version: (await get()).version });
  assert.deepEqual([sign0.status, sign0.json.error], [400, 'documents_incomplete']);
  const docs = { scheme: await pdf(sys, w.contractor.token, 'v1s'), calculations: await pdf(sys, w.contractor.token, 'v1c'), drawings: await pdf(sys, w.contractor.token, 'v1d') };
  assert.equal((await call('POST', `/api/dw-schemes/${schemeId}/versions`, w.contractor, { ...docs, version: (await get()).version })).status, 200);
  assert.equal((await call('POST', `/api/dw-schemes/${schemeId}/sign`, w.contractor, { version: (await get()).version })).status, 200);
  const byContractor = await call('POST', `/api/dw-schemes/${schemeId}/approve`, w.contractor, { version: (await get()).version });
  assert.equal(byContractor.status, 403);
  const ret = await call('POST', `/api/dw-schemes/${schemeId}/return`, w.supervisor, { note: '计算书缺少支护结构抗倾覆验算', version: (await get()).version });
  assert.equal(ret.json.data.state, 'returned');
  const version = await approvedScheme(sys, w, schemeId, 'v2');
  const s = await get();
  assert.equal(s.state, 'approved');
  assert.equal(s.versions.length, 2, 'the returned version is kept');
  assert.deepEqual(s.history.map((e: { action: string }) => e.action), ['scheme.create', 'scheme.upload', 'scheme.sign', 'scheme.return', 'scheme.upload', 'scheme.sign', 'scheme.approve']);
  const conflictExpert = w.experts[2].expertId;
  const r = await applyFor(sys, w, schemeId, version, MEETING, [conflictExpert]);
  reviewId = r.id;
  assert.match(r.draw.commitment, /^[0-9a-f]{64}$/);
  assert.equal(r.draw.seed, null);
  assert.equal((await get()).state, 'review_pending');
});

test('the draw excludes the participants\' employees and the declared conflict; names hidden from the parties', async () => {
  const d = await call('POST', `/api/reviews/${reviewId}/draw`, w.townRegulator);
  assert.equal(d.status, 200, JSON.stringify(d.json));
  const doc = await reviewDoc(reviewId);
  assert.deepEqual(doc.draw.excluded, { [w.experts[0].expertId]: 'employer_is_project_participant', [w.experts[1].expertId]: 'employer_is_project_participant', [w.experts[2].expertId]: 'declared_conflict', ...Object.fromEntries(w.experts.slice(10).map((e) => [e.expertId, 'specialty_mismatch'])) });
  assert.equal(doc.draw.eligible.length, 7);
  assert.deepEqual(doc.invitations.map((i: { expertId: string }) => i.expertId), doc.draw.order.slice(0, 5));
  assert.equal(d.json.data.draw.seed, null, 'the seed stays secret until the meeting is over');
  assert.equal(JSON.stringify(d.json).includes(doc.draw.seedSealed), false);
  const seen = (await call('GET', `/api/reviews/${reviewId}`, w.contractor)).json.data;
  assert.equal(seen.namesVisible, false);
  for (const e of w.experts) assert.equal(JSON.stringify(seen).includes(e.name), false, `${e.name} hidden from the contractor`);
  // the invitations went by SMS to the five invited, and to nobody else
  const texted = new Set(sys.standins.log.filter((e) => e.service === 'sms' && e.kind === 'SendSms').map((e) => e.to));
  const invited = new Set(doc.invitations.map((i: { userId: string }) => i.userId));
  for (const e of w.experts) assert.equal(texted.has(`+86${e.phone}`), invited.has(e.id), e.name);
});

test('too few eligible experts: the formwork draw is refused saying how many are missing, nothing written', async () => {
  const p = (await call('GET', `/api/dw-projects/${w.projectId}`, w.contractor)).json.data;
  const schemeId = p.items[1].schemeId;
  const v = await approvedScheme(sys, w, schemeId, 'fw');
  const r = await applyFor(sys, w, schemeId, v, MEETING);
  const before = await reviewDoc(r.id);
  const d = await call('POST', `/api/reviews/${r.id}/draw`, w.cityRegulator);
  assert.deepEqual([d.status, d.json.error], [400, 'too_few_experts']);
  assert.match(d.json.message, /仅 3 名，还差 2 名/);
  const afterDoc = await reviewDoc(r.id);
  assert.equal(afterDoc.version, before.version);
  assert.equal(afterDoc.state, 'committed');
  assert.equal(afterDoc.invitations.length, 0);
});

test('a decline and a silence are replaced by the next in the draw order; five acceptances convene', async () => {
  let doc = await reviewDoc(reviewId);
  const [first, second, ...rest] = doc.invitations.map((i: { userId: string }) => byUser(w, i.userId));
  const dec = await call('POST', `/api/reviews/${reviewId}/respond`, first, { accept: false, reason: '当日另有安排' });
  assert.equal(dec.status, 200, JSON.stringify(dec.json));
  doc = await reviewDoc(reviewId);
  assert.equal(doc.invitations.length, 6);
  assert.equal(doc.invitations[5].expertId, doc.draw.order[5]);
  for (const e of [...rest, byUser(w, doc.invitations[5].userId)]) {
    const a = await call("POST", `/api/reviews/${reviewId}/respond`, e, { accept: true });
    assert.equal(a.status, 200, JSON.stringify(a.json));
  }
  // the second stays silent past the 24 h deadline
  clock += 24 * 3_600_000 + 60_000;
  const swept = await invitationSweep(sys.deps, { budgetMs: 5000, trigger: 'test' });
  assert.equal(swept.reviews, 1);
  doc = await reviewDoc(reviewId);
  assert.equal(doc.invitations.find((i: { userId: string }) => i.userId === second.id).status, 'expired');
  assert.equal(doc.invitations.length, 7);
  assert.equal(doc.invitations[6].expertId, doc.draw.order[6]);
  const late = await call('POST', `/api/reviews/${reviewId}/respond`, second, { accept: true });
  assert.deepEqual([late.status, late.json.error], [409, 'no_pending_invitation']);
  const lastOne = await call('POST', `/api/reviews/${reviewId}/respond`, byUser(w, doc.invitations[6].userId), { accept: true });
  assert.equal(lastOne.status, 200, JSON.stringify(lastOne.json));
  doc = await reviewDoc(reviewId);
  assert.equal(doc.state, 'convened');
  assert.equal(doc.invitations.filter((i: { status: string }) => i.status === 'accepted').length, 5);
});

test('the meeting: sign-in only after a face + GPS check-in at the venue; refusals write nothing', async () => {
  clock = MEETING.getTime() - 30 * 60_000; // the meeting day
  const seen = (await call('GET', `/api/reviews/${reviewId}`, w.contractor)).json.data;
  assert.equal(seen.namesVisible, true, 'names visible to the parties on the meeting day');
  const doc = await reviewDoc(reviewId);
  const panel = doc.invitations.filter((i: { status: string }) => i.status === 'accepted').map((i: { userId: string }) => byUser(w, i.userId));
  const checkins = () => sys.db.collection('checkins').countDocuments({ siteKind: 'review_meeting', siteId: reviewId });
  // 2 km from the venue: the check-in route refuses it, naming the venue and the distance
  const far = await venueCheckin(sys, reviewId, panel[0], { gps: { lng: VENUE.lng + 0.02, lat: VENUE.lat }, accuracyM: 10 });
  assert.deepEqual([far.status, far.json.error], [400, 'outside_geofence'], JSON.stringify(far.json));
  assert.match(far.json.message, /您距离“南城住建局三楼会议室（南城中心商务楼主楼基坑专家论证会）”约 2\.0 公里，超出 500 米签到范围/);
  // someone else's face at the venue
  const other = await venueCheckin(sys, reviewId, panel[0], { face: 'not-the-expert' });
  assert.deepEqual([other.status, other.json.error], [400, 'face_mismatch']);
  assert.equal(await checkins(), 0);
  // not checked in: the review refuses the sign-in, naming the expert
  const noCheckin = await call('POST', `/api/reviews/${reviewId}/sign-in`, panel[0], {});
  assert.deepEqual([noCheckin.status, noCheckin.json.error], [409, 'not_at_venue']);
  assert.match(noCheckin.json.message, new RegExp(`^${panel[0].name}专家此刻没有在论证会现场（南城住建局三楼会议室）的有效签到.*不能签到`));
  // neither a citizen nor an expert not on the panel has a place at the venue
  const outsider = await venueCheckin(sys, reviewId, { ...w.citizen, name: '张市民' });
  assert.deepEqual([outsider.status, outsider.json.error], [404, 'site_not_found']);
  const notPanel = w.experts.find((e) => !doc.invitations.some((i: { userId: string; status: string }) => i.userId === e.id && i.status === 'accepted'))!;
  assert.equal((await venueCheckin(sys, reviewId, notPanel)).status, 404);
  assert.equal((await call('POST', `/api/reviews/${reviewId}/sign-in`, w.citizen, {})).status, 404);
  assert.equal((await reviewDoc(reviewId)).signIns.length, 0);
  assert.equal((await reviewDoc(reviewId)).version, doc.version, 'refused sign-ins write nothing');
  assert.equal(await checkins(), 0, 'refused check-ins write nothing');
  for (const e of panel) {
    const ck = await venueCheckin(sys, reviewId, e);
    assert.equal(ck.status, 201, JSON.stringify(ck.json));
    assert.equal(ck.json.data.role, '评审专家');
    assert.equal(ck.json.data.faceMatch, true);
    const r = await call('POST', `/api/reviews/${reviewId}/sign-in`, e, {});
    assert.equal(r.status, 200, JSON.stringify(r.json));
  }
  const signed = (await reviewDoc(reviewId)).signIns;
  const first = await sys.db.collection('checkins').findOne({ siteKind: 'review_meeting', siteId: reviewId, userId: panel[0].id });
  assert.equal(signed[0].checkinId, first!._id, 'the sign-in records the check-in it rests on');
  assert.equal(signed[0].photo, first!.photoHash);
  assert.deepEqual(signed.map((x: { expertId: string }) => x.expertId), panel.map((e: { expertId: string }) => e.expertId));
  // a regulator of the area reads the venue's check-ins
  const list = await call('GET', `/api/checkins?siteKind=review_meeting&siteId=${reviewId}`, w.townRegulator);
  assert.equal(list.status, 200, JSON.stringify(list.json));
});

test('an expert who checked out cannot give an opinion until checked in again; 5 conclude 修改后通过', async () => {
  let doc = await reviewDoc(reviewId);
  const panel = doc.invitations.filter((i: { status: string }) => i.status === 'accepted').map((i: { userId: string }) => byUser(w, i.userId));
  clock += 5 * 60_000;
  assert.equal((await venueCheckin(sys, reviewId, panel[4], { direction: 'out' })).status, 201);
  clock += 5 * 60_000;
  const away = await call('POST', `/api/reviews/${reviewId}/opinion`, panel[4], { text: '同意', conclusion: '修改后通过', sign: true });
  assert.deepEqual([away.status, away.json.error], [409, 'not_at_venue']);
  assert.match(away.json.message, /不能提交论证意见/);
  assert.equal((await reviewDoc(reviewId)).version, doc.version, 'nothing written');
  assert.equal((await venueCheckin(sys, reviewId, panel[4])).status, 201);
  for (const e of panel.slice(0, 4)) assert.equal((await call('POST', `/api/reviews/${reviewId}/opinion`, e, { text: '支护桩嵌固深度需复核', conclusion: '修改后通过', sign: true })).status, 200);
  await call('POST', `/api/reviews/${reviewId}/opinion`, panel[4], { text: '同意', conclusion: '修改后通过', sign: false });
  doc = await reviewDoc(reviewId);
  const four = await call('POST', `/api/reviews/${reviewId}/report`, panel[0], { conclusion: '修改后通过', summary: '按意见修改', version: doc.version });
  assert.deepEqual([four.status, four.json.error], [409, 'fewer_than_5_experts']);
  await call('POST', `/api/reviews/${reviewId}/opinion`, panel[4], { text: '可以实施', conclusion: '通过', sign: true });
  doc = await reviewDoc(reviewId);
  const split = await call('POST', `/api/reviews/${reviewId}/report`, panel[0], { conclusion: '修改后通过', summary: '按意见修改', version: doc.version });
  assert.deepEqual([split.status, split.json.error], [409, 'report_must_state_a_unanimous_conclusion']);
  const unchanged = await reviewDoc(reviewId);
  assert.equal(unchanged.version, doc.version, 'refused reports write nothing');
  assert.equal(unchanged.draw.seed, null);
  await call('POST', `/api/reviews/${reviewId}/opinion`, panel[4], { text: '同意修改后通过', conclusion: '修改后通过', sign: true });
  doc = await reviewDoc(reviewId);
  const report = await call('POST', `/api/reviews/${reviewId}/report`, panel[0], { conclusion: '修改后通过', summary: '补充抗倾覆验算后实施', document: await pdf(sys, panel[0].token, 'report'), version: doc.version });
  assert.equal(report.status, 200, JSON.stringify(report.json));
  assert.equal(report.json.data.state, 'concluded');
  assert.equal(report.json.data.report.signers.length, 5);
  assert.match(report.json.data.report.nextStep, /^按专家意见逐条修改 -> 重新履行第十一条/);
  assert.match(report.json.data.draw.seed, /^[0-9a-f]{64}$/, 'the seed is revealed after the meeting');
  const e0 = await sys.db.collection('dw_experts').findOne({ _id: panel[0].expertId as never });
  assert.equal(e0!.integrity.at(-1).kind, 'good');
  assert.equal(e0!.reviewsSat, 1);
});

test('the replay reproduces the draw; a tampered seed is refused', async () => {
  const doc = await reviewDoc(reviewId);
  const rec = (await call('GET', `/api/reviews/${reviewId}/draw`, w.contractor)).json.data;
  const r = replayDraw(rec);
  assert.ok(r.ok && r.matches);
  assert.deepEqual(rec.invited, doc.invitations.map((i: { expertId: string }) => i.expertId));
  const ok = await cli([reviewId]);
  assert.equal(ok.code, 0, ok.out);
  assert.equal(JSON.parse(ok.out).reproduced, true);
  const tampered = await cli([reviewId, '--seed', (doc.draw.seed[0] === 'a' ? 'b' : 'a') + doc.draw.seed.slice(1)]);
  assert.equal(tampered.code, 1);
  assert.equal(JSON.parse(tampered.out).reason, 'seed_does_not_match_commitment');
});

test('修改后通过: archive waits; the contractor revises, re-signs (art. 11) and informs the experts; archived', async () => {
  let doc = await reviewDoc(reviewId);
  const early = await call('POST', `/api/reviews/${reviewId}/archive`, w.townRegulator, { version: doc.version });
  assert.deepEqual([early.status, early.json.error], [409, 'inform_pending']);
  const noRevision = await call('POST', `/api/reviews/${reviewId}/inform`, w.contractor, { note: '已补充验算', version: doc.version });
  assert.deepEqual([noRevision.status, noRevision.json.error], [409, 'revision_not_signed']);
  const s = (await call('GET', `/api/dw-schemes/${doc.schemeId}`, w.contractor)).json.data;
  assert.equal(s.state, 'revising');
  await approvedScheme(sys, w, doc.schemeId, 'v3');
  const inf = await call('POST', `/api/reviews/${reviewId}/inform`, w.contractor, { note: '已按意见补充抗倾覆验算并调整嵌固深度', version: doc.version });
  assert.equal(inf.status, 200, JSON.stringify(inf.json));
  assert.equal((await call('GET', `/api/dw-schemes/${doc.schemeId}`, w.contractor)).json.data.state, 'passed');
  doc = await reviewDoc(reviewId);
  const panel = doc.invitations.filter((i: { status: string }) => i.status === 'accepted').map((i: { userId: string }) => i.userId);
  const told = await sys.db.collection('inbox').find({ title: '论证方案修改情况告知' }).toArray();
  assert.deepEqual(told.map((m) => m.userId).sort(), [...panel].sort(), 'the five experts are told of the revision');
  const arch = await call('POST', `/api/reviews/${reviewId}/archive`, w.townRegulator, { version: doc.version });
  assert.equal(arch.status, 200, JSON.stringify(arch.json));
  assert.equal(arch.json.data.state, 'archived');
  assert.equal(arch.json.data.archive.documents.filter((d: { label: string }) => d.label.startsWith('方案')).length, 3);
  assert.match(arch.json.data.archive.trailHash, /^[0-9a-f]{64}$/);
});

test('QR: a citizen sees the public part, a regulator the whole trail; a forged code is refused', async () => {
  const url = signCodeUrl(sys.deps.config.codeSecret, sys.deps.config.codeBaseUrl, reviewId);
  const token = url.split('/c/')[1];
  const pub = await sys.call('GET', `/api/codes/${token}`);
  assert.equal(pub.status, 200);
  assert.deepEqual(Object.keys(pub.json.data.data).sort(), ['category', 'conclusion', 'id', 'itemName', 'projectName', 'state', 'stateLabel']);
  assert.equal(pub.json.data.data.state, 'archived');
  const forged = await sys.call('GET', `/api/codes/${reviewId}.AAAAAAAAAAAAAAAA`);
  assert.deepEqual([forged.status, forged.json.error], [400, 'code_forged']);
  const trail = await call('GET', `/api/reviews/${reviewId}/trail`, w.cityRegulator);
  assert.equal(trail.json.data.audience, 'regulator');
  const t = trail.json.data;
  assert.equal(t.project.items.length, 2);
  assert.equal(t.scheme.versions.length, 3);
  assert.ok(t.review.draw.seed && t.review.draw.commitment && t.review.draw.excluded.length === 6);
  assert.equal(t.review.opinions.length, 5);
  assert.equal(t.review.report.conclusion, '修改后通过');
  assert.ok(t.review.archive.documents.length >= 9);
  assert.equal((await call('GET', `/api/reviews/${reviewId}/trail`, w.citizen)).status, 404);
  assert.equal((await call('GET', `/api/reviews/${reviewId}/trail`, w.contractor)).json.data.review.draw.excluded, undefined, 'the parties do not see who was excluded');
});
