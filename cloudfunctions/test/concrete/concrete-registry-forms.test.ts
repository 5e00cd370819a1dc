/**
 * What the registry pages read besides the registry writes: the city's towns and qualification conditions for the
 * plant form, the plant's own suppliers for the lot form, and the ticket's self-test policy (the plant, once).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildConcrete, deliveredTicket, type ConcreteFixture } from '../helpers/concrete-factory';

let sys: TestSystem;
let f: ConcreteFixture;
before(async () => {
  sys = await startTestSystem();
  f = await buildConcrete(sys);
});
after(async () => sys.close());

const call = (method: string, path: string, who: keyof ConcreteFixture['people'], body?: unknown) => sys.call(method, path, { token: f.people[who].token, ...(body ? { body } : {}) });

test('the plant form offers the city’s towns and the conditions the city’s rules list', async () => {
  await sys.db.collection('regions').updateOne({ _id: f.townId as never }, { $setOnInsert: { kind: 'town', name: '石岐街道', parentId: f.cityId } }, { upsert: true });
  const r = await call('GET', `/api/concrete/cities/${f.cityId}/registry-options`, 'cityRegulator');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.ok(r.json.data.towns.some((t: any) => t.id === f.townId && t.name), JSON.stringify(r.json.data.towns));
  const plant = await call('GET', `/api/concrete/plants/${f.plantId}`, 'cityRegulator');
  assert.deepEqual(r.json.data.conditions.map((c: any) => c.key), plant.json.data.conditions.map((c: any) => c.key));
  assert.ok(r.json.data.conditions.length > 0);
});

test('the plant lists its own suppliers; a contractor cannot', async () => {
  const added = await call('POST', `/api/concrete/plants/${f.plantId}/suppliers`, 'plant', { name: '登记表单测试砂场', materials: ['sand'] });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  const list = await call('GET', `/api/concrete/plants/${f.plantId}/suppliers`, 'plant');
  assert.deepEqual(list.json.data.find((s: any) => s.id === added.json.data.id), { id: added.json.data.id, name: '登记表单测试砂场', materials: ['sand'] });
  assert.ok([403, 404].includes((await call('GET', `/api/concrete/plants/${f.plantId}/suppliers`, 'contractor')).status));
});

test('the ticket offers the plant its self-test once; others never; the value is shown after', async () => {
  const t = await deliveredTicket(sys, f, '4F 柱 Z1');
  assert.equal((await call('GET', `/api/concrete/tickets/${t}`, 'contractor')).json.policies.selfTest, false);
  const before = await call('GET', `/api/concrete/tickets/${t}`, 'plant');
  assert.deepEqual([before.json.policies.selfTest, before.json.data.selfTestMPa], [true, null]);
  assert.equal((await call('POST', `/api/concrete/tickets/${t}/self-test`, 'plant', { strengthMPa: 38.5, ageDays: 28 })).status, 200);
  const after = await call('GET', `/api/concrete/tickets/${t}`, 'plant');
  assert.deepEqual([after.json.policies.selfTest, after.json.data.selfTestMPa], [false, 38.5]);
});
