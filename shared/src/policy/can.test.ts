import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, scopeFilter } from './can';
import type { Actor } from '../identity/roles';
import type { Scope } from './scope';

const city = 'dongguan';
const townA = 'nancheng';
const townB = 'dongcheng';

const actors: Record<string, Actor> = {
  anonymous: null,
  citizen1: { userId: 'c1', roles: [] },
  citizen2: { userId: 'c2', roles: [] },
  cityRegulator: { userId: 'r0', roles: [{ role: 'regulator', level: 'city', cityId: city }] },
  townRegulatorA: { userId: 'rA', roles: [{ role: 'regulator', level: 'town', cityId: city, townId: townA }] },
  chiefA1: { userId: 'ch', roles: [{ role: 'areaChief', cityId: city, townId: townA, gridIds: ['gA1'] }] },
  unitX: { userId: 'ux', roles: [{ role: 'unit', cityId: city, orgId: 'orgX' }] },
  supervisorP1: { userId: 'sp', roles: [{ role: 'supervisor', cityId: city, orgId: 'orgS', projectIds: ['p1'] }] },
  ownerP1: { userId: 'ow', roles: [{ role: 'owner', cityId: city, projectIds: ['p1'] }] },
  monitorP1: { userId: 'mo', roles: [{ role: 'monitor', cityId: city, projectIds: ['p1'] }] },
};

const scopes: Record<string, Scope> = {
  reportByC1InA1: { cityId: city, townId: townA, gridId: 'gA1', orgIds: ['orgX'], createdBy: 'c1' },
  reportByC2InB: { cityId: city, townId: townB, gridId: 'gB1', orgIds: ['orgY'], createdBy: 'c2' },
  project1InA: { cityId: city, townId: townA, projectId: 'p1' },
  project2InB: { cityId: city, townId: townB, projectId: 'p2' },
  publicFacilityB: { cityId: city, townId: townB, gridId: 'gB1', public: true },
};

// [actor, action, scope, expected]
const matrix: [string, string, string, boolean][] = [
  // a town regulator cannot read another town's data
  ['townRegulatorA', 'case.read', 'reportByC1InA1', true],
  ['townRegulatorA', 'case.read', 'reportByC2InB', false],
  ['townRegulatorA', 'project.read', 'project1InA', true],
  ['townRegulatorA', 'project.read', 'project2InB', false],
  ['cityRegulator', 'case.read', 'reportByC2InB', true],
  ['cityRegulator', 'project.read', 'project2InB', true],
  // a citizen cannot read another citizen's report
  ['citizen1', 'case.read', 'reportByC1InA1', true],
  ['citizen1', 'case.read', 'reportByC2InB', false],
  ['citizen2', 'case.read', 'reportByC1InA1', false],
  ['anonymous', 'case.read', 'reportByC1InA1', false],
  ['citizen1', 'case.dispatch', 'reportByC1InA1', false],
  // a party cannot act on another project
  ['supervisorP1', 'project.act', 'project1InA', true],
  ['supervisorP1', 'project.act', 'project2InB', false],
  ['supervisorP1', 'project.read', 'project2InB', false],
  ['unitX', 'project.act', 'project1InA', false],
  // grids and organisations
  ['chiefA1', 'case.dispatch', 'reportByC1InA1', true],
  ['chiefA1', 'case.dispatch', 'reportByC2InB', false],
  ['unitX', 'case.report', 'reportByC1InA1', true],
  ['unitX', 'case.report', 'reportByC2InB', false],
  ['unitX', 'case.dispatch', 'reportByC1InA1', false],
  // the pit daily report: owner, monitoring unit and regulators of the area, not the other parties
  ['ownerP1', 'pit.daily_report', 'project1InA', true],
  ['monitorP1', 'pit.daily_report', 'project1InA', true],
  ['townRegulatorA', 'pit.daily_report', 'project1InA', true],
  ['townRegulatorA', 'pit.daily_report', 'project2InB', false],
  ['supervisorP1', 'pit.daily_report', 'project1InA', false],
  ['townRegulatorA', 'pit.void_upload', 'project1InA', true],
  ['townRegulatorA', 'pit.void_upload', 'project2InB', false],
  ['monitorP1', 'pit.void_upload', 'project1InA', false],
  ['ownerP1', 'pit.void_upload', 'project1InA', false],
  ['ownerP1', 'pit.daily_report', 'project2InB', false],
  // public information
  ['anonymous', 'facility.read', 'publicFacilityB', true],
  ['townRegulatorA', 'notice.send', 'reportByC2InB', false],
];

for (const [actorName, action, scopeName, expected] of matrix) {
  test(`${actorName} ${expected ? 'may' : 'may not'} ${action} ${scopeName}`, () => {
    const d = can(actors[actorName], action, { kind: action.split('.')[0], scope: scopes[scopeName] });
    assert.equal(d.allow, expected, JSON.stringify(d));
  });
}

test('a town regulator is never treated as city-wide', () => {
  const d = can(actors.townRegulatorA, 'case.read', { kind: 'case', scope: { cityId: city, townId: townB } });
  assert.equal(d.allow, false);
});

test('scopeFilter is null when no rule applies, and names the actor otherwise', () => {
  assert.equal(scopeFilter(actors.anonymous, 'case.read'), null);
  assert.deepEqual(scopeFilter(actors.citizen1, 'case.read'), { 'scope.createdBy': 'c1' });
  // a regulator is also a citizen: their own reports, plus their town
  assert.deepEqual(scopeFilter(actors.townRegulatorA, 'case.read'), {
    $or: [{ 'scope.createdBy': 'rA' }, { 'scope.cityId': city, 'scope.townId': townA }],
  });
});
