/**
 * The acceptance refusals of ready-mixed concrete tracing (issue 16): each is refused with a specific code and
 * nothing of the refused thing is written — a ticket from an unqualified plant, a chip bound twice, a specimen whose
 * chip belongs to another group (the regulator is alerted), a strength typed by the lab, a press post with a forged
 * signature or a replayed nonce, a batch using a failed cement lot.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { batchBody, buildConcrete, chipSet, deliveredTicket, devicePost, loadFor, pourCheckin, sampledGroup, type ConcreteFixture } from '../helpers/concrete-factory';

let sys: TestSystem;
let f: ConcreteFixture;
before(async () => {
  sys = await startTestSystem();
  f = await buildConcrete(sys);
});
after(async () => sys.close());

const count = (coll: string, filter: Record<string, unknown> = {}) => sys.db.collection(coll).countDocuments(filter);
const snapshot = async (coll: string, id: string) => JSON.stringify(await sys.db.collection(coll).findOne({ _id: id as never }));

test('a batch using a failed cement lot is refused, naming the lot; an untested lot too; nothing is written', async () => {
  const before_ = await count('concrete_batches');
  const r = await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f, { cementLot: f.lots.cementFailed }));
  assert.equal(r.status, 409, JSON.stringify(r.json));
  assert.equal(r.json.error, 'lot_failed');
  assert.match(r.json.message, /水泥批次 C-2612-02.*不合格/);
  const sup = await sys.db.collection('concrete_suppliers').findOne({ plantId: f.plantId });
  const pending = await sys.call('POST', `/api/concrete/plants/${f.plantId}/lots`, { token: f.people.plant.token, body: { supplierId: sup!._id, material: 'cement', lotNo: 'C-2612-03', quantityT: 300, test: { result: 'pending' } } });
  const untested = await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f, { cementLot: pending.json.data.id }));
  assert.deepEqual([untested.status, untested.json.error], [409, 'lot_untested']);
  assert.equal(await count('concrete_batches'), before_);
  const retest = await sys.call('PUT', `/api/concrete/lots/${f.lots.cementFailed}/test`, { token: f.people.plant.token, body: { result: 'pass' } });
  assert.deepEqual([retest.status, retest.json.error], [409, 'lot_tested'], 'a failed lot stays failed');
  const ok = await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f));
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  assert.equal(ok.json.data.flagged, false);
  assert.equal(await count('concrete_batches'), before_ + 1);
});

test('a batch weighed beyond the mix tolerance is written flagged and the regulator alerted', async () => {
  const r = await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f, { cementFactor: 1.05 }));
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.flagged, true);
  assert.deepEqual(r.json.data.deviations.map((d: any) => [d.material, d.deviationPct, d.tolerancePct]), [['cement', 5, 2]]);
  const alerts = await sys.call('GET', '/api/concrete/alerts', { token: f.people.townRegulator.token });
  assert.ok(alerts.json.data.some((a: any) => a.kind === 'batch_deviation' && a.message.includes('水泥 +5%')), JSON.stringify(alerts.json));
});

test('a batching post with a forged signature or a replayed nonce is refused; the batch is not written', async () => {
  const before_ = await count('concrete_batches');
  const forged = await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f), { sig: 'ab'.repeat(32) });
  assert.deepEqual([forged.status, forged.json.error], [401, 'device_signature_invalid']);
  const nonce = 'replay-nonce-0000001';
  assert.equal((await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f), { nonce })).status, 201);
  const replay = await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f), { nonce });
  assert.deepEqual([replay.status, replay.json.error], [401, 'device_replay']);
  assert.equal(await count('concrete_batches'), before_ + 1);
});

test('only a qualified plant issues a ticket: unqualified and suspended plants are refused and no ticket is written', async () => {
  const b = await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f));
  const body = { projectId: f.projectId, member: '5F 梁板', mixId: f.mixId, volumeM3: 4, batchIds: [b.json.data.id], departAt: new Date().toISOString() };
  const q = await sys.call('PUT', `/api/concrete/plants/${f.plantId}/qualification`, { token: f.people.townRegulator.token, body: { conditionsMet: ['licence', 'lab', 'environment'], reason: '计量设备检定过期' } });
  assert.equal(q.json.data.status, 'unqualified');
  assert.equal((await sys.call('PUT', `/api/concrete/plants/${f.plantId}/qualification`, { token: f.people.plant.token, body: { conditionsMet: ['licence', 'lab', 'batching', 'environment'], reason: '自己恢复' } })).status, 403, 'a plant cannot requalify itself');
  const before_ = await count('concrete_tickets');
  const r = await sys.call('POST', `/api/concrete/plants/${f.plantId}/tickets`, { token: f.people.plant.token, body });
  assert.deepEqual([r.status, r.json.error], [409, 'plant_not_qualified']);
  assert.match(r.json.message, /岐江混凝土.*资质不全/);
  await sys.call('PUT', `/api/concrete/plants/${f.plantId}/qualification`, { token: f.people.townRegulator.token, body: { conditionsMet: ['licence', 'lab', 'batching', 'environment'], suspended: true, reason: '停业整顿' } });
  assert.equal((await sys.call('POST', `/api/concrete/plants/${f.plantId}/tickets`, { token: f.people.plant.token, body })).json.error, 'plant_not_qualified');
  assert.equal(await count('concrete_tickets'), before_);
  await sys.call('PUT', `/api/concrete/plants/${f.plantId}/qualification`, { token: f.people.townRegulator.token, body: { conditionsMet: ['licence', 'lab', 'batching', 'environment'], reason: '整改完成' } });
  const okr = await sys.call('POST', `/api/concrete/plants/${f.plantId}/tickets`, { token: f.people.plant.token, body });
  assert.equal(okr.status, 201, JSON.stringify(okr.json));
  assert.match(okr.json.data.codeUrl, /\/c\/dt_[0-9a-z]+\.[A-Za-z0-9_-]{16}$/);
  const again = await sys.call('POST', `/api/concrete/plants/${f.plantId}/tickets`, { token: f.people.plant.token, body });
  assert.equal(again.json.error, 'batch_on_ticket', 'a batch goes on one ticket only');
});

test('a chip bound twice is refused; neither the group nor any chip binding is written', async () => {
  const t1 = await deliveredTicket(sys, f, '2F 柱');
  const chips = chipSet('TWICE');
  const first = await sampledGroup(sys, f, '2F 柱', t1, chips);
  const groups = await count('concrete_groups');
  const bindings = await count('concrete_chips');
  const pour = await snapshot('concrete_pours', first.pourId);
  const r = await sys.call('POST', `/api/concrete/pours/${first.pourId}/groups`, { token: f.people.supervisor.token, body: { ticketId: t1, chips: [chips[1], ...chipSet('NEW').slice(0, 2)] } });
  assert.deepEqual([r.status, r.json.error], [409, 'chip_bound']);
  assert.ok(r.json.message.includes(chips[1]), 'names the chip');
  assert.equal(await count('concrete_groups'), groups);
  assert.equal(await count('concrete_chips'), bindings);
  assert.equal(await snapshot('concrete_pours', first.pourId), pour);
  const outsider = await sys.call('POST', `/api/concrete/pours/${first.pourId}/groups`, { token: f.people.otherSupervisor.token, body: { ticketId: t1, chips: chipSet('OUT') } });
  assert.equal(outsider.status, 404, 'another project’s supervisor does not see the pour');
  const contractor = await sys.call('POST', `/api/concrete/pours/${first.pourId}/groups`, { token: f.people.contractor.token, body: { ticketId: t1, chips: chipSet('CON') } });
  assert.equal(contractor.status, 403, 'the witness is the supervisor’s');
});

test('at receipt a chip of another group, an unknown chip or a missing chip refuses the specimen (group unchanged) and alerts the regulator; a typed strength is refused', async () => {
  const t = await deliveredTicket(sys, f, '3F 板 B2');
  const a = chipSet('SWAPA');
  const b = chipSet('SWAPB');
  const ga = await sampledGroup(sys, f, '3F 板 B2', t, a);
  const gb = await sampledGroup(sys, f, '3F 板 B2', t, b, ga.pourId);
  const before_ = await snapshot('concrete_groups', ga.groupId);
  const alerts0 = await count('concrete_alerts', { kind: 'specimen_refused' });
  const swapped = await sys.call('POST', `/api/concrete/groups/${ga.groupId}/receipt`, { token: f.people.lab.token, body: { chipsRead: [a[0], a[1], b[2]] } });
  assert.deepEqual([swapped.status, swapped.json.error], [409, 'chip_other_group']);
  assert.ok(swapped.json.message.includes(b[2]));
  const unknown = await sys.call('POST', `/api/concrete/groups/${ga.groupId}/receipt`, { token: f.people.lab.token, body: { chipsRead: [a[0], a[1], 'FFFF0000FFFF'] } });
  assert.equal(unknown.json.error, 'chip_unknown');
  const missing = await sys.call('POST', `/api/concrete/groups/${ga.groupId}/receipt`, { token: f.people.lab.token, body: { chipsRead: [a[0], a[1]] } });
  assert.equal(missing.json.error, 'chip_missing');
  const typed = await sys.call('POST', `/api/concrete/groups/${ga.groupId}/receipt`, { token: f.people.lab.token, body: { chipsRead: a, strengthMPa: 35.2 } });
  assert.equal(typed.status, 400, JSON.stringify(typed.json));
  assert.match(typed.json.message, /strengthMPa/);
  const notOurs = await sys.call('POST', `/api/concrete/groups/${ga.groupId}/receipt`, { token: f.people.otherLab.token, body: { chipsRead: a } });
  assert.deepEqual([notOurs.status, notOurs.json.error], [403, 'lab_not_commissioned'], 'a lab the owner did not commission');
  assert.equal(await snapshot('concrete_groups', ga.groupId), before_, 'the group is untouched');
  assert.equal(await count('concrete_alerts', { kind: 'specimen_refused' }), alerts0 + 3);
  const seen = await sys.call('GET', '/api/concrete/alerts', { token: f.people.cityRegulator.token });
  assert.ok(seen.json.data.some((x: any) => x.kind === 'specimen_refused' && x.message.includes(b[2])), 'the regulator sees which chip');
  const inbox = await sys.db.collection('concrete_alerts').findOne({ kind: 'specimen_refused' });
  assert.ok((inbox!.outbox as any[]).some((m) => m.userId === f.people.townRegulator.id), 'the town regulator is told');
  assert.equal((await sys.call('POST', `/api/concrete/groups/${gb.groupId}/receipt`, { token: f.people.lab.token, body: { chipsRead: b } })).status, 200);
});

test('a press post with a forged signature or a replayed nonce is refused and no load is written; a strength cannot be posted', async () => {
  const t = await deliveredTicket(sys, f, '4F 墙');
  const chips = chipSet('PRESS');
  const g = await sampledGroup(sys, f, '4F 墙', t, chips);
  assert.equal((await sys.call('POST', `/api/concrete/groups/${g.groupId}/receipt`, { token: f.people.lab.token, body: { chipsRead: chips } })).status, 200);
  const body = { chip: chips[0], loadKN: loadFor(38), testedAt: new Date().toISOString() };
  const forged = await devicePost(sys, 'loads', f.press.id, 'not-the-key-000000000000000000000000000000', body);
  assert.deepEqual([forged.status, forged.json.error], [401, 'device_signature_invalid']);
  const nonce = 'press-nonce-00000001';
  assert.equal((await devicePost(sys, 'loads', f.press.id, f.press.key, body, { nonce })).status, 201);
  const replay = await devicePost(sys, 'loads', f.press.id, f.press.key, { ...body, chip: chips[1] }, { nonce });
  assert.deepEqual([replay.status, replay.json.error], [401, 'device_replay']);
  const strength = await devicePost(sys, 'loads', f.press.id, f.press.key, { chip: chips[1], loadKN: 850, strengthMPa: 37.8, testedAt: new Date().toISOString() });
  assert.equal(strength.status, 400, 'the press posts loads, never strengths');
  const doc = await sys.db.collection('concrete_groups').findOne({ _id: g.groupId as never });
  assert.deepEqual((doc!.loads as any[]).map((l) => l.chip), [chips[0]]);
});

test('only the owner commissions the lab (57号令 art. 21)', async () => {
  const r = await sys.call('POST', `/api/concrete/projects/${f.projectId}/commission`, { token: f.people.contractor.token, body: { labId: f.labId } });
  assert.equal(r.status, 403);
  assert.match(r.json.message, /建设单位/);
});

test('a witness not checked in at the pour is refused (witness_not_on_site), nothing written; checked in, the group records presence', async () => {
  const pour = async (member: string) => (await sys.call('POST', '/api/concrete/pours', { token: f.people.contractor.token, body: { projectId: f.projectId, member, grade: 'C30', volumeM3: 60, date: new Date().toISOString() } })).json.data.id as string;
  const member = '5F 梁 W1';
  const [pourId, elsewhere] = [await pour(member), await pour('5F 板 W2')];
  const ticketId = await deliveredTicket(sys, f, member);
  const sample = () => sys.call('POST', `/api/concrete/pours/${pourId}/groups`, { token: f.people.supervisor.token, body: { ticketId, chips: chipSet('WIT') } });
  const state = async () => [await count('concrete_groups'), await count('concrete_chips'), await snapshot('concrete_pours', pourId)];
  const before_ = await state();
  const refusedHere = async (why: string) => {
    const r = await sample();
    assert.equal(r.status, 403, `${why}: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.error, 'witness_not_on_site', why);
    assert.match(r.json.message, /未在“5F 梁 W1”浇筑现场签到.*不能见证取样/, why);
    assert.deepEqual(await state(), before_, `${why}: nothing written`);
  };
  await refusedHere('never checked in');
  // checked in at another pour of the project: not at this one
  assert.equal((await pourCheckin(sys, f, elsewhere)).status, 201);
  await refusedHere('checked in at another pour');
  // the check-in route itself: 400 m away is outside the 300 m fence, another face does not match, the contractor is not a witness
  const far = await pourCheckin(sys, f, pourId, { metres: 400 });
  assert.deepEqual([far.status, far.json.error], [400, 'outside_geofence']);
  assert.match(far.json.message, /300 米/);
  assert.deepEqual([(await pourCheckin(sys, f, pourId, { label: 'someone-else' })).json.error], ['face_mismatch']);
  const contractor = await pourCheckin(sys, f, pourId, { token: f.people.contractor.token });
  assert.equal(contractor.status, 404);
  await refusedHere('refused check-ins do not count');
  const inn = await pourCheckin(sys, f, pourId);
  assert.equal(inn.status, 201, JSON.stringify(inn.json));
  assert.deepEqual([inn.json.data.role, inn.json.data.inGeofence, inn.json.data.faceMatch], ['见证员', true, true]);
  const ok = await sample();
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  const g = await sys.db.collection('concrete_groups').findOne({ _id: ok.json.data.id as never });
  assert.equal(g!.witnessPresence, 'present');
  assert.equal(g!.history[0].data.presence, 'present');
  // checked out: no longer on site
  assert.equal((await pourCheckin(sys, f, pourId, { direction: 'out' })).status, 201);
  const after_ = await sample();
  assert.deepEqual([after_.status, after_.json.error], [403, 'witness_not_on_site']);
});
