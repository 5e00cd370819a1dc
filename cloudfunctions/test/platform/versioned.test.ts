import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { versionedUpdate } from '../../src/platform/db/versioned';
import { DomainError } from '@cityloop/shared/errors';

let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

type Doc = { _id: string; version: number; state: string; history: string[] };

test('a stale version gets Conflict and the document keeps the winner’s write', async () => {
  const coll = sys.db.collection<Doc>('things');
  await coll.insertOne({ _id: 'a', version: 1, state: 'received', history: [] });
  const read = (await coll.findOne({ _id: 'a' }))!;
  await versionedUpdate(coll, read, { $set: { state: 'accepted' }, $push: { history: 'accept' } });
  await assert.rejects(versionedUpdate(coll, read, { $set: { state: 'rejected' }, $push: { history: 'reject' } }), (e: DomainError) => e.code === 'conflict' && e.status === 409);
  const now = (await coll.findOne({ _id: 'a' }))!;
  assert.deepEqual([now.state, now.version, now.history], ['accepted', 2, ['accept']]);
});

test('concurrent writers from one version: exactly one wins, the rest get Conflict', async () => {
  const coll = sys.db.collection<Doc>('things');
  await coll.insertOne({ _id: 'b', version: 1, state: 'received', history: [] });
  const read = (await coll.findOne({ _id: 'b' }))!;
  const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => versionedUpdate(coll, read, { $push: { history: `w${i}` } })));
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  const doc = (await coll.findOne({ _id: 'b' }))!;
  assert.equal(doc.history.length, 1, 'no lost or double update');
  assert.equal(doc.version, 2);
});

test('a missing document is NotFound, not Conflict', async () => {
  await assert.rejects(versionedUpdate(sys.db.collection<Doc>('things'), { _id: 'nope', version: 1 }, { $set: { state: 'x' } }), (e: DomainError) => e.code === 'not_found');
});
