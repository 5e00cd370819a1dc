import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onsitePresence } from './onsite-presence';

const LEAD = { role: '项目负责人', inGeofence: true, faceMatch: true };
const OP = { role: '消防设施操作员', inGeofence: true, faceMatch: true };

test('7号令 art. 18(三): the project lead and an operator, each inside the geofence with a matching face', () => {
  assert.deepEqual(onsitePresence({ checkins: [OP, LEAD] }), { compliant: true, violations: [] });
  assert.deepEqual(onsitePresence({ checkins: [] }), { compliant: false, violations: ['project_lead_not_on_site', 'operator_not_on_site'] });
  assert.deepEqual(onsitePresence({ checkins: [{ ...LEAD, inGeofence: false }, OP] }), { compliant: false, violations: ['project_lead_not_on_site'] });
  assert.deepEqual(onsitePresence({ checkins: [LEAD, { ...OP, faceMatch: false }] }), { compliant: false, violations: ['operator_not_on_site'] });
  // a face matched outside the fence and a fenced check-in without a face do not add up
  assert.deepEqual(onsitePresence({ checkins: [LEAD, { ...OP, faceMatch: false }, { ...OP, inGeofence: false }] }).violations, ['operator_not_on_site']);
  // other roles do not stand in; an unproven fact does not count
  assert.deepEqual(onsitePresence({ checkins: [{ ...LEAD, role: '技术负责人' }, { role: '消防设施操作员', inGeofence: true, faceMatch: false }] }).violations, ['project_lead_not_on_site', 'operator_not_on_site']);
});

test('bad requests', () => {
  assert.throws(() => onsitePresence({}), /checkins: required/);
  assert.throws(() => onsitePresence({ checkins: [{ role: '项目负责人', inGeofence: 'yes', faceMatch: true }] }), /checkins\[0\]\.inGeofence/);
  assert.throws(() => onsitePresence({ checkins: [{ inGeofence: true, faceMatch: true }] }), /checkins\[0\]\.role: required/);
  assert.throws(() => onsitePresence({ checkins: [{ role: '项目负责人', inGeofence: true }] }), /checkins\[0\]\.faceMatch: required/);
});
