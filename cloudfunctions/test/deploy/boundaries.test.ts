import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from '../../dev/paths';
import { checkBoundaries, readSources, type Rule, type Violation } from '../helpers/boundary-check';

/**
 * Files still breaking a boundary while the rest of issue 10 is merged, and the rules they break. Each entry
 * names who moves it; the lead removes entries as those branches land, until the list is empty. An entry
 * that no longer breaks its rule fails the test too, so the list cannot go stale.
 */
const PENDING: Record<string, Rule[]> = {
  // machine engineer: rewritten onto the command runner, loading through the repositories
  'cloudfunctions/src/contexts/cases/act-on-case.ts': ['collection-access', 'context-internal'],
  'cloudfunctions/src/contexts/pit/alarm-actions.ts': ['collection-access', 'context-internal'],
  'cloudfunctions/src/contexts/pit/edit-control.ts': ['collection-access'],
  'cloudfunctions/src/contexts/pit/danger-alarm.ts': ['collection-access', 'context-internal'],
  'cloudfunctions/src/contexts/plaques/complaints.ts': ['collection-access', 'context-internal'],
  'cloudfunctions/src/contexts/plaques/appeals.ts': ['collection-access'],
};

const pending = (v: Violation) => PENDING[v.file]?.includes(v.rule) ?? false;

test('cloudfunctions/src keeps its boundaries: driver values in platform/db, queries in repositories, contexts through public.ts', () => {
  const found = checkBoundaries(readSources(repoRoot, 'cloudfunctions/src'));
  const fresh = found.filter((v) => !pending(v));
  assert.deepEqual(fresh.map((v) => v.message), [], `boundary violations:\n${fresh.map((v) => v.message).join('\n')}`);
  const stale = Object.entries(PENDING).flatMap(([file, rules]) => rules.filter((rule) => !found.some((v) => v.file === file && v.rule === rule)).map((rule) => `${file} (${rule})`));
  assert.deepEqual(stale, [], `allowlisted but no longer breaking the rule, remove from PENDING:\n${stale.join('\n')}`);
});

test('the checker reports a route that queries a collection, a driver value import and a reach into another context', () => {
  const route = [
    "import { MongoClient, type Db } from 'mongodb';",
    "import { CASES } from '../cases/case.collection';",
    "import { findCase } from '../cases/public';",
    'export async function list(db: Db) {',
    "  return db.collection('cases').find({}).toArray();",
    '}',
  ].join('\n');
  const found = checkBoundaries([{ path: 'cloudfunctions/src/contexts/patrol/sample.routes.ts', text: route }]);
  assert.deepEqual(
    found.map((v) => [v.rule, v.line]),
    [
      ['mongodb-value-import', 1],
      ['context-internal', 2],
      ['collection-access', 5],
    ],
  );
  assert.equal(found[2].message, "cloudfunctions/src/contexts/patrol/sample.routes.ts:5: `.collection(` outside a *.repository.ts file and cloudfunctions/src/platform (add a function to the context's repository): return db.collection('cases').find({}).toArray();");
});

test('the checker allows type-only driver imports, repositories, platform and public surfaces', () => {
  const ok = (path: string, text: string) => assert.deepEqual(checkBoundaries([{ path, text }]), [], path);
  ok('cloudfunctions/src/contexts/patrol/a.routes.ts', "import type { Db } from 'mongodb';\nimport { type Filter } from 'mongodb';\nimport { createCase } from '../cases/public';\nimport { x } from './patrol.repository';");
  ok('cloudfunctions/src/contexts/patrol/patrol.repository.ts', "import type { Db } from 'mongodb';\nexport const f = (db: Db) => db.collection('patrol_rules').find().toArray();");
  ok('cloudfunctions/src/platform/db/client.ts', "import { MongoClient } from 'mongodb';\nexport const c = (db) => db.collection('x');");
  ok('cloudfunctions/src/platform/outbox/drain.ts', "export const c = (db) => db.collection('x');");
  ok('cloudfunctions/src/contexts/patrol/b.ts', "// db.collection('x') in a comment\nimport {\n  createCase,\n  findCase,\n} from '../cases/public';");
});
