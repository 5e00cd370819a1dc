import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';

/** GET /api/people/:id/phone: the whole number for whom person.phone.read allows, each reveal audited. */
let sys: TestSystem;
let person: { id: string; token: string };
before(async () => {
  sys = await startTestSystem();
  await sys.db.collection('pit_projects').insertOne({ _id: 'pj_phone0test0001', name: '测试基坑', scope: { cityId: 'dongguan', townId: 'dongcheng', projectId: 'pj_phone0test0001' } } as never);
  person = await sys.user('被查看的巡查员', [
    { role: 'patroller', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01'] },
    { role: 'monitor', cityId: 'dongguan', projectIds: ['pj_phone0test0001'] },
  ], { phone: '13733330001' });
});
after(async () => sys.close());

const read = (token: string | undefined, id = person.id) => sys.call('GET', `/api/people/${id}/phone`, { token });

test('the city admin, regulators covering a binding (or the project’s town) and project partners see the whole number, audited', async () => {
  const allowed = [
    await sys.user('管理员', [{ role: 'admin', cityId: 'dongguan' }]),
    await sys.user('市级监管', [{ role: 'regulator', level: 'city', cityId: 'dongguan' }]),
    await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }]),
    await sys.user('东城监管（项目所在镇）', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'dongcheng' }]),
    await sys.user('同项目监理', [{ role: 'supervisor', cityId: 'dongguan', projectIds: ['pj_phone0test0001'] }]),
  ];
  for (const a of allowed) {
    const r = await read(a.token);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json.data, { id: person.id, name: '被查看的巡查员', phone: '13733330001' });
  }
  const audit = await sys.db.collection('audit_log').find({ action: 'person.phone.read', 'target.id': person.id }).toArray();
  assert.deepEqual(audit.map((a) => a.actorId).sort(), allowed.map((a) => a.id).sort(), 'one audit row per reveal, naming who looked');
});

test('everyone else: 403 and no audit row; unknown people 404; signed out 401', async () => {
  const denied = [
    await sys.user('市民', []),
    await sys.user('中山管理员', [{ role: 'admin', cityId: 'zhongshan' }]),
    await sys.user('莞城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'guancheng' }]),
    await sys.user('别的项目监理', [{ role: 'supervisor', cityId: 'dongguan', projectIds: ['pj_other'] }]),
    await sys.user('同网格片长', [{ role: 'areaChief', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01'] }]),
  ];
  const before = await sys.db.collection('audit_log').countDocuments({ action: 'person.phone.read' });
  for (const d of denied) {
    const r = await read(d.token);
    assert.equal(r.status, 403, JSON.stringify(r.json));
    assert.equal(r.json.error, 'phone_read_forbidden');
    assert.doesNotMatch(JSON.stringify(r.json), /13733330001/);
  }
  assert.equal(await sys.db.collection('audit_log').countDocuments({ action: 'person.phone.read' }), before);
  assert.equal((await read(denied[0].token, 'u_nobody')).status, 404);
  assert.equal((await read(undefined)).status, 401);
});
