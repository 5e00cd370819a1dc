/**
 * The lists the concrete pages read: the plant's open batches and its projects, tickets by plant and blocked
 * certificate, groups by state for the lab, a pour with the witness's policy, the plant's credit history, failed
 * inspection batches, a case with each party's step, the ticket's QR — each scoped to who may read it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildConcrete, batchBody, chipSet, deliveredTicket, devicePost, loadFor, sampledGroup, type ConcreteFixture } from '../helpers/concrete-factory';

let sys: TestSystem;
let f: ConcreteFixture;
const MEMBER = '2F 梁 L3';
before(async () => {
  sys = await startTestSystem();
  f = await buildConcrete(sys);
});
after(async () => sys.close());

const get = async (path: string, who: keyof ConcreteFixture['people']) => sys.call('GET', path, { token: f.people[who].token });

test('the plant sees its projects and the batches not yet on a ticket; nobody else does', async () => {
  const b = await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f));
  assert.equal(b.status, 201, JSON.stringify(b.json));
  const open = await get(`/api/concrete/plants/${f.plantId}/batches`, 'plant');
  assert.ok(open.json.data.some((x: any) => x.id === b.json.data.id && x.mixId === f.mixId), JSON.stringify(open.json));
  const projects = await get(`/api/concrete/plants/${f.plantId}/projects`, 'plant');
  assert.ok(projects.json.data.some((p: any) => p.id === f.projectId));
  await sys.call('POST', `/api/concrete/plants/${f.plantId}/tickets`, { token: f.people.plant.token, body: { projectId: f.projectId, member: MEMBER, mixId: f.mixId, volumeM3: 4, batchIds: [b.json.data.id], departAt: new Date().toISOString() } });
  const after = await get(`/api/concrete/plants/${f.plantId}/batches`, 'plant');
  assert.ok(!after.json.data.some((x: any) => x.id === b.json.data.id), 'a batch on a ticket is no longer offered');
  assert.equal((await get(`/api/concrete/plants/${f.plantId}/batches`, 'contractor')).status, 404);
  assert.equal((await get(`/api/concrete/plants/${f.plantId}/projects`, 'lab')).status, 404);
});

test('the chain read back through the lists: pour with the sample policy, groups by state, failed batch, blocked certificates, credit history, case steps', async () => {
  const tickets = [await deliveredTicket(sys, f, MEMBER), await deliveredTicket(sys, f, MEMBER), await deliveredTicket(sys, f, MEMBER)];
  const groups: { id: string; chips: string[] }[] = [];
  let pourId: string | undefined;
  for (const t of tickets) {
    const chips = chipSet('L');
    const g = await sampledGroup(sys, f, MEMBER, t, chips, pourId);
    pourId = g.pourId;
    groups.push({ id: g.groupId, chips });
  }
  const pour = await get(`/api/concrete/pours/${pourId}/detail`, 'supervisor');
  assert.deepEqual([pour.json.data.groups.length, pour.json.data.projectId, pour.json.policies.sample], [3, f.projectId, true]);
  assert.equal((await get(`/api/concrete/pours/${pourId}/detail`, 'contractor')).json.policies.sample, false);
  assert.equal((await get(`/api/concrete/pours/${pourId}/detail`, 'otherSupervisor')).status, 404);
  const projectPours = await get(`/api/concrete/projects/${f.projectId}/pours`, 'contractor');
  assert.equal(projectPours.json.data.pours[0].requiredGroups, pour.json.data.requiredGroups);

  const waiting = await get('/api/concrete/groups?state=sampled', 'lab');
  assert.deepEqual(waiting.json.data.map((g: any) => g.id).sort(), groups.map((g) => g.id).sort());
  assert.deepEqual((await get('/api/concrete/groups?state=sampled', 'otherLab')).json.data, [], 'another lab sees none');
  const strengths = [36, 35, 25];
  for (const [i, g] of groups.entries()) {
    assert.equal((await sys.call('POST', `/api/concrete/groups/${g.id}/receipt`, { token: f.people.lab.token, body: { chipsRead: g.chips } })).status, 200);
    for (const c of g.chips) await devicePost(sys, 'loads', f.press.id, f.press.key, { chip: c, loadKN: loadFor(strengths[i]), testedAt: new Date().toISOString() });
  }
  assert.equal((await get('/api/concrete/groups?state=tested', 'lab')).json.data.length, 3);

  const failed = await get('/api/concrete/inspection-batches?failed=1', 'townRegulator');
  assert.deepEqual(failed.json.data.map((b: any) => [b.projectId, b.passed, b.groups, b.projectName.startsWith('翠亨花园')]), [[f.projectId, false, 3, true]]);
  assert.deepEqual((await get('/api/concrete/inspection-batches?failed=1', 'otherTownRegulator')).json.data, []);
  const blocked = await get('/api/concrete/tickets?blocked=1', 'townRegulator');
  assert.deepEqual(blocked.json.data.map((t: any) => t.id).sort(), [...tickets].sort());
  const plantTickets = await get(`/api/concrete/tickets?plantId=${f.plantId}`, 'plant');
  assert.ok(tickets.every((t) => plantTickets.json.data.some((x: any) => x.id === t)));

  const plant = await get(`/api/concrete/plants/${f.plantId}`, 'townRegulator');
  assert.deepEqual(plant.json.data.creditHistory.map((h: any) => [h.event, h.delta]), [['batch_failed', -10], ['group_failed', -5]]);
  assert.equal(plant.json.data.creditHistory[0].label, '检验批评定不合格');
  assert.equal((await get(`/api/concrete/plants/${f.plantId}`, 'contractor')).status, 404);

  const insitu = (await get('/api/concrete/cases', 'owner')).json.data.find((c: any) => c.kind === 'insitu');
  const asOwner = await get(`/api/concrete/cases/${insitu.id}`, 'owner');
  assert.deepEqual(asOwner.json.policies, { commission: true, record: false, close: false });
  assert.deepEqual((await get(`/api/concrete/cases/${insitu.id}`, 'townRegulator')).json.policies, { commission: false, record: false, close: true });

  const qr = await get(`/api/concrete/tickets/${tickets[0]}/qr`, 'plant');
  assert.equal(qr.status, 200, JSON.stringify(qr.json));
  assert.equal(qr.json.data.rows.length, qr.json.data.size);
  assert.ok(qr.json.data.rows.every((r: string) => r.length === qr.json.data.size && /^[01]+$/.test(r)));
  assert.match(qr.json.data.url, new RegExp(`/c/${tickets[0]}\\.`));
  assert.equal((await get(`/api/concrete/tickets/${tickets[0]}/qr`, 'otherLab')).status, 404);
});
