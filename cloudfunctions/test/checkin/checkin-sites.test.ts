import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPitSystem } from '../helpers/pit-factory';
import { listCheckins } from '../../src/contexts/checkin/public';

const ctx = withPitSystem();

test('GET /api/checkins: the site as its domain declares it — the party sees its role, the regulator the list, a stranger 404', async () => {
  const { sys, pit } = ctx;
  const q = `/api/checkins?siteKind=pit_site&siteId=${pit.projectId}`;
  const monitor = await sys.call('GET', q, { token: pit.people.monitor.token });
  assert.equal(monitor.status, 200, JSON.stringify(monitor.json));
  assert.deepEqual(monitor.json.data.site, { kind: 'pit_site', siteId: pit.projectId, name: '测试基坑', role: '监测单位人员' });
  assert.deepEqual(monitor.json.data.checkins, []);
  assert.equal(monitor.json.data.chainIntact, true);
  const regulator = await sys.call('GET', q, { token: pit.people.townRegulator.token });
  assert.equal(regulator.status, 200);
  assert.equal(regulator.json.data.site.role, null);
  for (const who of ['otherTownRegulator', 'otherProjectMonitor'] as const) {
    const r = await sys.call('GET', q, { token: pit.people[who].token });
    assert.equal(r.status, 404, who);
    assert.equal(r.json.error, 'site_not_found');
  }
  const unknown = await sys.call('GET', `/api/checkins?siteKind=no_such_kind&siteId=x`, { token: pit.people.monitor.token });
  assert.equal(unknown.json.error, 'site_kind_unknown');
  assert.deepEqual(await listCheckins(sys.deps, { siteKind: 'pit_site', siteId: pit.projectId }), []);
});
