import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Collection } from 'mongodb';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { can, scopeFilter } from '@cityloop/shared/policy/can';
import { RULES } from '@cityloop/shared/policy/rules';
import { OTHER_CITY, allRuleCases, ruleId } from '@cityloop/shared/policy/fixtures';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Scope } from '@cityloop/shared/policy/scope';

/**
 * Generated from RULES: every rule's in-scope and out-of-scope resources (plus, for every actor, a report of
 * their own in another city, which only their citizen clause reaches) go into one real collection; for each
 * rule's allowed actors, and a citizen and an anonymous caller per action, the documents `scopeFilter`
 * selects on FerretDB must be exactly those `can` allows.
 */
type Doc = { _id: string; scope: Scope };
const cases = allRuleCases();
const docs = new Map<string, Doc>();
const idOf = (scope: Scope) => {
  const key = JSON.stringify(scope);
  if (!docs.has(key)) docs.set(key, { _id: `d${docs.size + 1}`, scope });
  return docs.get(key)!._id;
};
for (const { cases: cs } of cases) {
  for (const k of cs) {
    idOf(k.inScope);
    k.outOfScope.forEach(idOf);
    if (k.actor) idOf({ cityId: OTHER_CITY, townId: 'elsewhere', createdBy: k.actor.userId });
  }
}

let sys: TestSystem;
let coll: Collection<Doc>;
before(async () => {
  sys = await startTestSystem();
  coll = sys.db.collection<Doc>('scope_filter_rules');
  await coll.insertMany([...docs.values()]);
});
after(async () => sys.close());

async function check(actor: Actor, action: string, label: string): Promise<string[]> {
  const expected = [...docs.values()].filter((d) => can(actor, action, { kind: 'x', scope: d.scope }).allow).map((d) => d._id).sort();
  const filter = scopeFilter(actor, action);
  const got = filter ? (await coll.find(filter, { projection: { _id: 1 } }).toArray()).map((d) => d._id).sort() : [];
  assert.deepEqual(got, expected, `${label} ${action}: scopeFilter ${JSON.stringify(filter)}`);
  return got;
}

const checked = new Set<string>();
for (const { rule, cases: cs } of cases) {
  test(`scopeFilter on FerretDB selects what can() allows: ${ruleId(rule)}`, async () => {
    for (const k of cs) {
      const got = await check(k.actor, rule.action, k.label);
      // not vacuous: the rule's own in-scope resource is selected, its out-of-scope ones are not
      assert.ok(got.includes(idOf(k.inScope)), `${k.label} ${rule.action}: in-scope resource missing`);
      for (const s of k.outOfScope) assert.ok(!got.includes(idOf(s)), `${k.label} ${rule.action}: selected out of scope ${JSON.stringify(s)}`);
    }
    checked.add(ruleId(rule));
  });
}

for (const action of [...new Set(RULES.map((r) => r.action))]) {
  test(`scopeFilter on FerretDB for a citizen and an anonymous caller: ${action}`, async () => {
    await check({ userId: 'citizen-1', roles: [] }, action, 'citizen');
    await check(null, action, 'anonymous');
  });
}

test('every rule was checked against the database', () => {
  assert.equal(checked.size, RULES.length);
});
