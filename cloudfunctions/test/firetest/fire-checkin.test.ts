/**
 * Check-ins at a fire test (issue 14) through the check-in routes: 300 m outside the building's geofence and a face
 * that is not the person's are each refused with nothing written, and the project's presence (onsite_presence) is
 * then not compliant; the valid check-ins of the project lead and an operator make it compliant.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildFire, checkIn, fireSnapshot, projectBody, tryCheckIn, type FireFixture } from '../helpers/fire-factory';
import { findProject } from '../../src/contexts/firetest/project.repository';
import { presenceVerdict } from '../../src/contexts/firetest/fire-presence';

let sys: TestSystem;
let f: FireFixture;
let now = new Date('2026-12-08T01:00:00Z');
let projectId = '';

before(async () => {
  sys = await startTestSystem({ now: () => now });
  f = await buildFire(sys, now);
  const c = await sys.call('POST', '/api/fire/projects', { token: f.aLead.token, body: projectBody(f, { testDate: '2026-12-08' }) });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  projectId = c.json.data.id;
  const s = await sys.call('POST', `/api/fire/projects/${projectId}/start`, { token: f.aLead.token, body: { version: c.json.data.version } });
  assert.equal(s.status, 200, JSON.stringify(s.json));
});
after(async () => sys.close());

const verdict = async () => presenceVerdict(sys.deps, (await findProject(sys.db, projectId))!);
const written = async () => `${await sys.db.collection('checkins').countDocuments({})}|${await fireSnapshot(sys)}`;

test('300 m outside the geofence and another face: each refused by name, nothing written, presence not compliant', async () => {
  const before = await written();
  now = new Date('2026-12-08T01:05:00Z');
  const outside = await tryCheckIn(sys, projectId, f.aLead, { m: 300 });
  assert.deepEqual([outside.status, outside.json.error], [400, 'outside_geofence'], JSON.stringify(outside.json));
  assert.match(outside.json.message, /约 300 米，超出 200 米签到范围/);
  assert.equal(Math.round(outside.json.data.distanceM), 300);
  const stranger = await tryCheckIn(sys, projectId, f.aOps[0], { face: 'someone-else' });
  assert.deepEqual([stranger.status, stranger.json.error], [400, 'face_mismatch'], JSON.stringify(stranger.json));
  assert.match(stranger.json.message, /不一致/);
  assert.equal(await written(), before, 'no check-in and no fire document written');
  const v = await verdict();
  assert.equal(v.compliant, false);
  assert.deepEqual(v.violations, ['project_lead_not_on_site', 'operator_not_on_site']);
  assert.equal(v.firstAt, null);
  const rec = await sys.call('POST', `/api/fire/projects/${projectId}/records`, { token: f.aOps[0].token, body: { system: '消火栓系统', item: '栓口静压', value: '0.25 MPa', limit: '≥0.10 MPa', verdict: '合格' } });
  assert.deepEqual([rec.status, rec.json.error], [400, 'not_on_site']);
});

test('only the lead checked in: the operator is still missing; with the operator in the fence, compliant', async () => {
  now = new Date('2026-12-08T01:10:00Z');
  const lead = await checkIn(sys, projectId, f.aLead);
  assert.deepEqual([lead.role, lead.inGeofence, lead.faceMatch, Math.round(lead.distanceM)], ['项目负责人', true, true, 8]);
  assert.deepEqual((await verdict()).violations, ['operator_not_on_site']);
  now = new Date('2026-12-08T01:12:00Z');
  assert.equal((await checkIn(sys, projectId, f.aOps[0])).role, '消防设施操作员');
  const v = await verdict();
  assert.deepEqual([v.compliant, v.violations, v.firstAt?.toISOString()], [true, [], '2026-12-08T01:10:00.000Z']);
});
