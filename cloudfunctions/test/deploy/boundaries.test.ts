import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from '../../dev/paths';
import { checkBoundaries, readSources } from '../helpers/boundary-check';

test('cloudfunctions/src keeps its boundaries: driver values in platform/db, queries in repositories, contexts through public.ts', () => {
  const found = checkBoundaries(readSources(repoRoot, 'cloudfunctions/src'));
  assert.deepEqual(found.map((v) => v.message), [], `boundary violations:\n${found.map((v) => v.message).join('\n')}`);
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
