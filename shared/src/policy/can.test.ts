import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, holdsRoleFor, scopeFilter } from './can';
import { RULES } from './rules';
import * as predicates from './predicates';
import { PREDICATE_FIXTURES, allRuleCases, ruleId } from './fixtures';
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

// Hand-picked special cases, beside the rows generated from the rules below. [actor, action, scope, expected]
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
  // shops: registered and printed by the area's regulators, the grid's area chief — not by a unit or the citizen who reported there
  ['chiefA1', 'shop.print', 'reportByC1InA1', true],
  ['chiefA1', 'shop.print', 'reportByC2InB', false],
  ['townRegulatorA', 'shop.import', 'reportByC2InB', false],
  ['cityRegulator', 'shop.import', 'reportByC2InB', true],
  ['unitX', 'shop.import', 'reportByC1InA1', false],
  ['citizen1', 'shop.print', 'reportByC1InA1', false],
  // one shop by form: the same people and places as the import
  ['chiefA1', 'shop.register', 'reportByC1InA1', true],
  ['chiefA1', 'shop.register', 'reportByC2InB', false],
  ['townRegulatorA', 'shop.register', 'reportByC2InB', false],
  ['unitX', 'shop.register', 'reportByC1InA1', false],
  ['citizen1', 'shop.register', 'reportByC1InA1', false],
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

test('every predicate and every rule has a fixture, and no action gives one role two rules', () => {
  for (const p of Object.values(predicates)) assert.ok(PREDICATE_FIXTURES[p.name], `no fixture for predicate ${p.name}`);
  const seen = new Set<string>();
  for (const r of RULES) {
    const key = `${r.action}:${r.who}`;
    assert.ok(!seen.has(key), `two rules for ${key}: the wrong-scope rows could not say which denies`);
    seen.add(key);
  }
});

/**
 * Generated from RULES: for every rule, each allowed actor (its role bound in scope) on a resource in its
 * reach, the same actor on resources just outside it, a citizen and an anonymous caller on the in-scope one.
 */
const citizen: Actor = { userId: 'citizen-1', roles: [] };
type Row = [string, Actor, Scope, boolean];
let generated = 0;
for (const { rule, cases } of allRuleCases()) {
  const id = ruleId(rule);
  for (const k of cases) {
    const rows: Row[] = [
      [`${k.label} in scope`, k.actor, k.inScope, true],
      ...k.outOfScope.map((s, i): Row => [`${k.label} out of scope #${i + 1}`, k.actor, s, false]),
      ['a citizen', citizen, k.inScope, rule.who === 'citizen' || rule.who === 'anyone'],
      ['anonymous', null, k.inScope, rule.who === 'anyone'],
    ];
    for (const [who, actor, scope, expected] of rows) {
      generated++;
      test(`[${id}] ${who} ${expected ? 'may' : 'may not'} ${rule.action} ${JSON.stringify(scope)}`, () => {
        const d = can(actor, rule.action, { kind: rule.action.split('.')[0], scope });
        assert.equal(d.allow, expected, JSON.stringify(d));
        if (d.allow && actor === k.actor) {
          assert.equal(d.rule, id);
          assert.deepEqual(d.binding, k.binding);
        }
      });
    }
  }
}

test('the generated matrix covers every rule', () => {
  assert.ok(generated >= RULES.length * 4, `${generated} rows for ${RULES.length} rules`);
});

test('holdsRoleFor: a role some rule for the action names, bound in the city when one is given', () => {
  assert.equal(holdsRoleFor(actors.chiefA1, 'case.dispatch'), true);
  assert.equal(holdsRoleFor(actors.unitX, 'case.dispatch'), false);
  assert.equal(holdsRoleFor(actors.townRegulatorA, 'shop.import', city), true);
  assert.equal(holdsRoleFor(actors.townRegulatorA, 'shop.import', 'zhongshan'), false);
  assert.equal(holdsRoleFor(actors.citizen1, 'case.read'), true);
  assert.equal(holdsRoleFor(actors.anonymous, 'case.read'), false);
  assert.equal(holdsRoleFor(actors.anonymous, 'facility.read'), true);
});

test('appeal.read reaches what the appeal list selects: the grids an area chief decides in, a regulator’s area', () => {
  assert.deepEqual(scopeFilter(actors.chiefA1, 'appeal.read'), scopeFilter(actors.chiefA1, 'case.accept'));
  assert.deepEqual(scopeFilter(actors.townRegulatorA, 'appeal.read'), { 'scope.cityId': city, 'scope.townId': townA });
  assert.equal(scopeFilter(actors.unitX, 'appeal.read'), null);
});

test('person.phone.read: the admin and regulators where the person works, parties of a shared project — not a citizen or another town', () => {
  const person: Scope = { cityId: city, personCityIds: [city], personTownKeys: [`${city}/${townA}`], personProjectIds: ['p1'] };
  const read = (a: Actor) => can(a, 'person.phone.read', { kind: 'person', scope: person }).allow;
  assert.equal(read({ userId: 'ad', roles: [{ role: 'admin', cityId: city }] }), true);
  assert.equal(read({ userId: 'ad2', roles: [{ role: 'admin', cityId: 'zhongshan' }] }), false);
  assert.equal(read(actors.cityRegulator), true);
  assert.equal(read(actors.townRegulatorA), true);
  assert.equal(read({ userId: 'rB', roles: [{ role: 'regulator', level: 'town', cityId: city, townId: townB }] }), false);
  assert.equal(read(actors.supervisorP1), true);
  assert.equal(read({ userId: 'sp2', roles: [{ role: 'supervisor', cityId: city, projectIds: ['p2'] }] }), false);
  assert.equal(read(actors.chiefA1), false);
  assert.equal(read(actors.citizen1), false);
  assert.equal(read(actors.anonymous), false);
});
