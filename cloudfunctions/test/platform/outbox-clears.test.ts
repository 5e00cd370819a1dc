/**
 * Collecting an aggregate's messages and audit rows empties them from the aggregate, on the database the tests run
 * (FerretDB 1.24 matched `$pull` with `$in` and modified nothing, so aggregates kept `hasPending` forever and every
 * notify run re-read them all). A write made after the read keeps its messages for the next sweep.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { collectOutbox } from '../../src/platform/outbox/collect';
import { createdAggregate, eventWrites, type AggregateBase } from '../../src/platform/aggregate';
import { versionedUpdate } from '../../src/platform/db/versioned';
import { messagesFor } from '@cityloop/shared/notify/message';
import { NOTICES } from '../../src/contexts/notices/notice.collection';

let sys: TestSystem;
before(async () => (sys = await startTestSystem()));
after(async () => sys.close());

type Doc = AggregateBase & { scope: { cityId: string } };
const at = new Date('2026-12-01T02:00:00Z');
const msgs = (eventId: string) => messagesFor(eventId, ['u-recipient'], at, { title: '通知', body: '请查看', channels: ['inbox'] });

async function insertWithMessage(id: string): Promise<Doc> {
  const doc: Doc = { ...createdAggregate(NOTICES, id, { id: `${id}:e1`, action: 'notice.send', at, actorId: 'u-admin' }, msgs(`${id}:e1`), {}), scope: { cityId: 'dongguan' } };
  await sys.db.collection<Doc>(NOTICES).insertOne(doc);
  return doc;
}

const stored = (id: string) => sys.db.collection<Doc>(NOTICES).findOne({ _id: id });

test('the sweep copies the message and the audit row, then empties them and clears hasPending', async () => {
  await insertWithMessage('nt_clear1');
  const ids = await collectOutbox(sys.db);
  assert.ok(ids.some((x) => x.startsWith('nt_clear1:e1')), `collected ${ids.join(', ')}`);
  const after = await stored('nt_clear1');
  assert.deepEqual(after?.outbox, []);
  assert.deepEqual(after?.pendingAudit, []);
  assert.equal(after?.hasPending, false);
  assert.equal(after?.version, 1, 'bookkeeping does not bump the version');
  assert.equal(await sys.db.collection('audit_log').countDocuments({ _id: 'nt_clear1:e1' } as never), 1);
  assert.deepEqual(await collectOutbox(sys.db), [], 'a second sweep finds nothing pending');
});

test("a request's own drain empties its aggregate too", async () => {
  await insertWithMessage('nt_clear2');
  await collectOutbox(sys.db, [{ collection: NOTICES, id: 'nt_clear2' }]);
  const after = await stored('nt_clear2');
  assert.deepEqual(after?.outbox, []);
  assert.equal(after?.hasPending, false);
});

test('a write after a sweep is swept by the next one', async () => {
  const doc = await insertWithMessage('nt_clear3');
  await collectOutbox(sys.db);
  const fresh = (await stored('nt_clear3'))!;
  assert.equal(fresh.version, doc.version);
  await versionedUpdate(sys.db.collection<Doc>(NOTICES), fresh, eventWrites(NOTICES, doc._id, { id: 'nt_clear3:e2', action: 'notice.remind', at, actorId: 'u-admin' }, msgs('nt_clear3:e2'), {}) as never);
  assert.equal((await stored('nt_clear3'))?.outbox.length, 1, 'the new write carries its message');
  const ids = await collectOutbox(sys.db);
  assert.ok(ids.some((x) => x.startsWith('nt_clear3:e2')), `collected ${ids.join(', ')}`);
  const swept = await stored('nt_clear3');
  assert.deepEqual(swept?.outbox, []);
  assert.equal(swept?.hasPending, false);
});
