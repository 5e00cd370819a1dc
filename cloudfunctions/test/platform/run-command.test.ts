/**
 * The command runner on a bare aggregate: one versioned update carries the state, the event, its outbox
 * messages and the audit row; a stale version, a refused transition and a concurrent writer write nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { runCommand, type AggregateRepository } from '../../src/platform/command/run-command';
import { createdAggregate, type AggregateBase } from '../../src/platform/aggregate';
import { COMPLAINT_MACHINE, type ComplaintAction } from '@cityloop/shared/plaques/complaint.machine';
import type { DomainError } from '@cityloop/shared/errors';
import type { OutboxMessage } from '@cityloop/shared/notify/message';

let sys: TestSystem;
before(async () => (sys = await startTestSystem({ now: () => new Date('2026-11-25T02:00:00Z') })));
after(async () => sys.close());

type Thing = AggregateBase & { state: 'open' | 'fixed' | 'confirmed' | 'disputed' | 'escalated'; note?: string; scope: { cityId: string } };
const repo: AggregateRepository<Thing> = { collectionName: 'run_command_things', load: (deps, id) => deps.db.collection<Thing>('run_command_things').findOne({ _id: id }) };
const message = (id: string): OutboxMessage => ({ id, userId: 'u2', channel: 'inbox', title: '已整改', body: '请确认', createdAt: new Date(), attempts: 0 }) as unknown as OutboxMessage;

async function insert(id: string): Promise<Thing> {
  const base = createdAggregate(repo.collectionName, id, { id: `${id}:c`, action: 'thing.create', at: new Date(), actorId: 'u1' }, [], {});
  const doc: Thing = { ...base, hasPending: false, outbox: [], pendingAudit: [], state: 'open', scope: { cityId: 'dongguan' } };
  await sys.db.collection<Thing>(repo.collectionName).insertOne(doc);
  return doc;
}

const fix = (id: string, version: number | undefined | 'none', action: ComplaintAction = 'fix', loaded?: Thing) =>
  runCommand(sys.deps, {
    repo,
    id,
    loaded,
    eventAction: `thing.${action}`,
    action,
    actor: { userId: 'u1' },
    version,
    notFoundMessage: '不存在',
    staleMessage: '已更新，请刷新后再操作',
    ctx: { requestId: 'rq1' },
    authorize: () => 'shopOwner' as const,
    step: { machine: COMPLAINT_MACHINE, stateOf: (t) => t.state, stateField: 'state', context: (_t, by) => ({ by, photos: ['p'] }) },
    apply: ({ eventId }) => ({ set: { note: '已收回' }, messages: [message(`${eventId}:m`)], event: { reason: '已收回' } }),
  });

test('one versioned update: state, event, outbox message and audit row together', async () => {
  await insert('t1');
  const t = await fix('t1', 1);
  assert.deepEqual([t.state, t.version, t.note, t.hasPending], ['fixed', 2, '已收回', true]);
  const ev = t.history.at(-1)!;
  assert.deepEqual([ev.action, ev.role, ev.from, ev.to, ev.actorId, ev.reason], ['thing.fix', 'shopOwner', 'open', 'fixed', 'u1', '已收回']);
  assert.equal((t.outbox[0] as unknown as { id: string }).id, `${ev.id}:m`);
  assert.deepEqual([t.pendingAudit[0]._id, t.pendingAudit[0].requestId, t.pendingAudit[0].target], [ev.id, 'rq1', { collection: repo.collectionName, id: 't1' }]);
});

test('stale version 409 stale_version, refused transition 409 invalid_transition, missing version 400: nothing written', async () => {
  await insert('t2');
  const code = async (p: Promise<unknown>) => p.then(() => null, (e: DomainError) => [e.status, e.code]);
  assert.deepEqual(await code(fix('t2', 2)), [409, 'stale_version']);
  assert.deepEqual(await code(fix('t2', 1, 'confirm')), [409, 'invalid_transition']);
  assert.deepEqual(await code(fix('t2', undefined)), [400, 'version_required']);
  assert.deepEqual(await code(fix('nope', 1)), [404, 'not_found']);
  const t = (await repo.load(sys.deps, 't2'))!;
  assert.deepEqual([t.state, t.version, t.history.length, t.outbox.length], ['open', 1, 1, 0]);
});

test('a writer that got there first: the snapshot’s command is a conflict and writes nothing', async () => {
  const snapshot = await insert('t3');
  await fix('t3', 1);
  await assert.rejects(fix('t3', 'none', 'fix', snapshot), (e: DomainError) => e.status === 409 && e.code === 'conflict');
  const t = (await repo.load(sys.deps, 't3'))!;
  assert.deepEqual([t.version, t.history.length], [2, 2]);
});
