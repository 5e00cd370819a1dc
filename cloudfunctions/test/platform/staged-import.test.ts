import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { stagedImport, type ImportRecord, type StagedRow } from '../../src/platform/staged-import';

let sys: TestSystem;
before(async () => {
  sys = await startTestSystem();
});
after(async () => sys.close());

type Row = StagedRow & { n: number; createdAt: Date };
const rejected = (problems: { row: number; field: string; message: string }[]) => Object.assign(new Error(problems.map((p) => p.message).join('; ')), { problems });
const alsoRemoved: string[] = [];
const staging = stagedImport<Row, ImportRecord>({
  label: 'test import',
  records: 'test_imports',
  rows: 'test_rows',
  chunk: 3,
  activateChunk: 2,
  staleMs: 3600_000,
  maxBatches: 10,
  rejected,
  alsoRollBack: async (_db, batch) => void alsoRemoved.push(batch),
  orphans: true,
});
const rows = (batch: string, from: number, count: number, at: Date): Row[] => Array.from({ length: count }, (_, i) => ({ _id: `${batch}-${from + i}`, n: from + i, importBatch: batch, active: false, createdAt: at }));
const record = (batch: string, at: Date, n: number): ImportRecord => ({ _id: batch, state: 'staging', rows: n, createdAt: at, updatedAt: at });
const state = async (batch: string) => (await sys.db.collection<ImportRecord>('test_imports').findOne({ _id: batch }))?.state;
const count = (filter: Record<string, unknown>) => sys.db.collection('test_rows').countDocuments(filter);

test('place: chunks in, the record committed; finish: rows activated in steps with the hooks, then done', async () => {
  const now = sys.deps.now();
  await staging.place(sys.db, sys.deps.log, record('b1', now, 7), rows('b1', 0, 7, now), { now: sys.deps.now, problems: () => [] });
  assert.equal(await state('b1'), 'committed');
  assert.equal(await count({ importBatch: 'b1', active: false }), 7);
  const seen: number[][] = [];
  let before = 0;
  const r = await staging.finish(sys.db, 'b1', now, Infinity, { beforeActivate: async () => void before++, onActivate: { projection: { n: 1 }, run: async (xs) => void seen.push(xs.map((x) => x.n)) } });
  assert.deepEqual(r, { activated: 7, done: true });
  assert.equal(before, 1);
  assert.deepEqual(seen.map((s) => s.length), [2, 2, 2, 1], 'activateChunk rows per step');
  assert.equal(await state('b1'), 'done');
  assert.deepEqual(await staging.finish(sys.db, 'b1', now), { activated: 0, done: true }, 'idempotent');
  const late = await staging.finish(sys.db, 'b1', now, Date.now() - 1);
  assert.equal(late.done, false, 'past its deadline it stops before the next step');
});

test('a failing chunk rolls the whole batch back and throws what `problems` makes of it', async () => {
  const now = sys.deps.now();
  await sys.db.collection<Row>('test_rows').insertOne({ _id: 'b2-4', n: -1, createdAt: now, active: true }); // taken by "someone else", in chunk 2
  await assert.rejects(
    staging.place(sys.db, sys.deps.log, record('b2', now, 6), rows('b2', 0, 6, now), { now: sys.deps.now, problems: (_e, placed) => [{ row: placed, field: 'id', message: `failed after ${placed}` }] }),
    (e: Error & { problems: { row: number }[] }) => e.message === 'failed after 3' && e.problems[0].row === 3,
  );
  assert.equal(await state('b2'), 'rolled_back');
  assert.equal(await count({ importBatch: 'b2' }), 0, 'the first chunk is gone');
  assert.equal(await count({ _id: 'b2-4' }), 1, "the other writer's row stays");
  assert.ok(alsoRemoved.includes('b2'));
  assert.equal(await staging.rollBack(sys.db, 'b1', 'late', now), false, 'a committed batch is never rolled back');
});

test('settle: committed batches rolled forward, stale staging ones back, orphan rows removed; fresh staging left alone', async () => {
  const now = sys.deps.now();
  const old = new Date(now.getTime() - 2 * 3600_000);
  const imports = sys.db.collection<ImportRecord>('test_imports');
  await imports.insertMany([{ ...record('b3', old, 2), state: 'committed' }, record('b4', old, 2), record('b5', now, 2)]);
  await sys.db.collection<Row>('test_rows').insertMany([...rows('b3', 0, 2, old), ...rows('b4', 0, 2, old), ...rows('b5', 0, 2, now), ...rows('gone', 0, 3, old)]);
  assert.deepEqual(await staging.settle(sys.db, now, 30_000), { activated: 2, rolledBack: 1, orphanBatches: 1 });
  assert.deepEqual([await state('b3'), await state('b4'), await state('b5')], ['done', 'rolled_back', 'staging']);
  assert.equal(await count({ importBatch: { $in: ['b4', 'gone'] } }), 0);
  assert.equal(await count({ importBatch: 'b5', active: false }), 2);
  assert.deepEqual(await staging.settle(sys.db, now, 30_000), { activated: 0, rolledBack: 0, orphanBatches: 0 });
});
