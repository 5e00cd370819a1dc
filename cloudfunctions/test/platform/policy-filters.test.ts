import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Scope } from '@cityloop/shared/policy/scope';

let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

const c = 'dongguan';
const docs: { _id: string; scope: Scope }[] = [
  { _id: 'r1', scope: { cityId: c, townId: 'nancheng', gridId: 'nc-01', orgIds: ['orgX'], createdBy: 'c1' } },
  { _id: 'r2', scope: { cityId: c, townId: 'nancheng', gridId: 'nc-02', orgIds: ['orgY'], createdBy: 'c2' } },
  { _id: 'r3', scope: { cityId: c, townId: 'dongcheng', gridId: 'dc-01', orgIds: ['orgX'], createdBy: 'c1' } },
  { _id: 'r4', scope: { cityId: 'zhongshan', townId: 'shiqi', gridId: 'sq-01', createdBy: 'c3' } },
  { _id: 'p1', scope: { cityId: c, townId: 'nancheng', projectId: 'p1' } },
  { _id: 'p2', scope: { cityId: c, townId: 'dongcheng', projectId: 'p2' } },
];
const actors: Record<string, Actor> = {
  citizen1: { userId: 'c1', roles: [] },
  cityRegulator: { userId: 'r0', roles: [{ role: 'regulator', level: 'city', cityId: c }] },
  nanchengRegulator: { userId: 'rA', roles: [{ role: 'regulator', level: 'town', cityId: c, townId: 'nancheng' }] },
  chief: { userId: 'ch', roles: [{ role: 'areaChief', cityId: c, townId: 'nancheng', gridIds: ['nc-01'] }] },
  unitX: { userId: 'ux', roles: [{ role: 'unit', cityId: c, orgId: 'orgX' }] },
  supervisorP1: { userId: 'sp', roles: [{ role: 'supervisor', cityId: c, projectIds: ['p1'] }] },
  anonymous: null,
};

/** List queries and single reads come from the same rules: on the real server they select the same documents. */
test('scopeFilter on the real database selects exactly what can() allows, for every actor and action', async () => {
  const coll = sys.db.collection<{ _id: string; scope: Scope }>('scoped');
  await coll.insertMany(docs);
  for (const [name, actor] of Object.entries(actors)) {
    for (const action of ['case.read', 'case.dispatch', 'case.report', 'project.read', 'project.act']) {
      const expected = docs.filter((d) => can(actor, action, { kind: 'x', scope: d.scope }).allow).map((d) => d._id).sort();
      const filter = scopeFilter(actor, action);
      const got = filter ? (await coll.find(filter).toArray()).map((d) => d._id).sort() : [];
      assert.deepEqual(got, expected, `${name} ${action}`);
    }
  }
});

test('a town regulator cannot read another town’s delivery log or notices over HTTP', async () => {
  const citizen = await sys.user('养护单位', [{ role: 'unit', cityId: c, townId: 'nancheng', orgId: 'org-test' }]); // notices reach people with a role in the area
  const dongcheng = await sys.user('东城监管', [{ role: 'regulator', level: 'town', cityId: c, townId: 'dongcheng' }]);
  const nancheng = await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: c, townId: 'nancheng' }]);
  const sent = await sys.call('POST', '/api/notices', { token: nancheng.token, body: { cityId: c, townId: 'nancheng', title: '南城通知', body: '内容', recipients: [citizen.id] } });
  assert.equal(sent.status, 201);
  // another town: 404 (not even its existence), not 403
  const peek = await sys.call('GET', `/api/notices/${sent.json.data.id}`, { token: dongcheng.token });
  assert.equal(peek.status, 404);
  const own = await sys.call('GET', `/api/notices/${sent.json.data.id}`, { token: nancheng.token });
  assert.equal(own.status, 200);
  const logA = await sys.call('GET', '/api/deliveries', { token: nancheng.token });
  const logB = await sys.call('GET', '/api/deliveries', { token: dongcheng.token });
  assert.ok(logA.json.data.length >= 2, 'own town sees its deliveries');
  assert.equal(logB.json.data.length, 0, 'other town sees none');
  // sending into another town is refused, nothing written
  const before = await sys.db.collection('notices').countDocuments();
  const cross = await sys.call('POST', '/api/notices', { token: dongcheng.token, body: { cityId: c, townId: 'nancheng', title: '越权', body: 'x', recipients: [citizen.id] } });
  assert.equal(cross.status, 403);
  assert.equal(await sys.db.collection('notices').countDocuments(), before);
});

test('a citizen cannot read another citizen’s inbox message', async () => {
  const a = await sys.user('甲');
  const b = await sys.user('乙');
  await sys.db.collection('inbox').insertOne({ _id: 'msg-a' as never, userId: a.id, title: 't', body: 'b', createdAt: new Date() });
  const r = await sys.call('POST', '/api/inbox/msg-a/read', { token: b.token });
  assert.equal(r.status, 404);
  const list = await sys.call('GET', '/api/inbox', { token: b.token });
  assert.equal(list.json.data.items.length, 0);
  const ok = await sys.call('POST', '/api/inbox/msg-a/read', { token: a.token });
  assert.equal(ok.status, 200);
});

// Issue 13 §2: before, a town regulator could SMS up to 200 recipients per notice, with no rate limit and recipients
// outside the town.
test('notices reach only people of the area, SMS notices are capped, and a sender has a limit that holds under concurrency', async () => {
  const sender = await sys.user('南城监管2', [{ role: 'regulator', level: 'town', cityId: c, townId: 'nancheng' }]);
  const inTown = await sys.user('南城养护', [{ role: 'unit', cityId: c, townId: 'nancheng', orgId: 'org-n' }]);
  const elsewhere = await sys.user('东城养护', [{ role: 'unit', cityId: c, townId: 'dongcheng', orgId: 'org-d' }]);
  const nobody = await sys.user('市民丙');
  const send = (recipients: string[], sms = false) => sys.call('POST', '/api/notices', { token: sender.token, body: { cityId: c, townId: 'nancheng', title: '通知', body: '内容', recipients, sms } });
  const before = await sys.db.collection('notices').countDocuments();
  const r = await send([inTown.id, elsewhere.id]);
  assert.deepEqual([r.status, r.json.error], [400, 'recipient_out_of_scope']);
  assert.match(r.json.message, /1 位接收人不在本通知的区域内/);
  const many = await Promise.all(Array.from({ length: 51 }, (_, i) => sys.user(`南城人员${i}`, [{ role: 'patroller', cityId: c, townId: 'nancheng', gridIds: ['g1'] }])));
  const tooMany = await send(many.map((u) => u.id), true);
  assert.deepEqual([tooMany.status, tooMany.json.error], [400, 'too_many_sms_recipients']);
  assert.equal(await sys.db.collection('notices').countDocuments(), before, 'nothing written');
  // 8 SMS notices at once from one sender: exactly 5 go (5 a day)
  const burst = await Promise.all(Array.from({ length: 8 }, () => send([inTown.id], true)));
  assert.equal(burst.filter((r) => r.status === 201).length, 5, burst.map((r) => r.status).join(','));
  assert.equal(burst.filter((r) => r.status === 429).length, 3);
  assert.equal((await send([inTown.id], false)).status, 201, 'inbox and WeChat notices still go');
  assert.equal((await send([nobody.id], false)).status, 201, 'a citizen (no role, no area) may be told, e.g. of a water cut');
});
