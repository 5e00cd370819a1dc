import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';

/**
 * 我的 names the projects a role binds a person to: a pit project or a registered 危大工程 by name; a project no
 * context has registered yet is counted, never shown by its id.
 */
let sys: TestSystem;
before(async () => {
  sys = await startTestSystem({ now: () => new Date('2026-11-25T02:00:00Z') });
});
after(async () => sys.close());

test('a party bound to a registered 危大工程 and to a project not registered yet reads names and a count, no ids', async () => {
  const k = Date.now().toString(36);
  const named = `pj_named${k}`;
  const pending = `pj_waits${k}`;
  await sys.db.collection<{ _id: string; name: string }>('dw_projects').insertOne({ _id: named, name: '东城文化中心' });
  const u = await sys.user(`contractor${k}`, [{ role: 'contractor', cityId: 'dongguan', projectIds: [named, pending] }]);
  const r = await sys.call('GET', '/api/me/profile', { token: u.token });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const label = r.json.data.roles[0].scopeLabel as string;
  assert.equal(label, '项目：东城文化中心、1 个待登记项目');
  assert.doesNotMatch(label, /pj_/);
});
