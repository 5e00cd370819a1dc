/**
 * The trace documents (docs/domain/concrete.md §5.5) under concurrent writers: two trucks of one member accepted at
 * once, two groups sampled from them, the press loading cubes of both groups at the same time — each command amends
 * the member's one document (versioned, again when another wrote in between); afterwards it equals the document
 * recomputed from the collections, and the trace from a chip shows every load. A document that cannot be amended
 * marks its project stale; the repair job rebuilds it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildConcrete, chipSet, deliveredTicket, devicePost, loadFor, sampledGroup, type ConcreteFixture } from '../helpers/concrete-factory';
import { rebuildTraces } from '../../src/contexts/concrete/public';
import { amendTrace } from '../../src/contexts/concrete/trace-projection';
import { traceIdOf, unpackTrace } from '../../src/contexts/concrete/trace-entries';
import { findDoc } from '../../src/contexts/concrete/concrete-docs.repository';
import { TRACE_STALE, TRACES, type TraceDoc, type TraceStaleMark } from '../../src/contexts/concrete/concrete.collections';
import { repairStaleTraces } from '../../src/contexts/concrete/trace-repair';

let sys: TestSystem;
let f: ConcreteFixture;
const MEMBER = '5F 梁 K3';

before(async () => {
  sys = await startTestSystem();
  f = await buildConcrete(sys);
});
after(async () => sys.close());

test('concurrent press loads on two groups of one member: the kept trace equals the rebuilt one', async () => {
  const [t1, t2] = await Promise.all([deliveredTicket(sys, f, MEMBER), deliveredTicket(sys, f, MEMBER)]);
  const c1 = chipSet('K1');
  const c2 = chipSet('K2');
  const g1 = await sampledGroup(sys, f, MEMBER, t1, c1);
  const g2 = await sampledGroup(sys, f, MEMBER, t2, c2, g1.pourId);
  const received = await Promise.all([g1, g2].map((g, i) => sys.call('POST', `/api/concrete/groups/${g.groupId}/receipt`, { token: f.people.lab.token, body: { chipsRead: [c1, c2][i] } })));
  assert.deepEqual(received.map((r) => r.status), [200, 200]);
  // the first two cubes of each group at the same time; the third one by one (each completes a group)
  for (let j = 0; j < 3; j++) {
    const posts = [c1[j], c2[j]].map((chip) => () => devicePost(sys, 'loads', f.press.id, f.press.key, { chip, loadKN: loadFor(36), testedAt: new Date().toISOString() }));
    const rs = j < 2 ? await Promise.all(posts.map((p) => p())) : [await posts[0](), await posts[1]()];
    assert.deepEqual(rs.map((r) => r.status), [201, 201], JSON.stringify(rs.map((r) => r.json)));
  }
  const report = await rebuildTraces(sys.deps, { projectId: f.projectId });
  assert.deepEqual([report.members, report.changed, report.evaluationsChanged, report.tickets], [1, 0, 0, 2], JSON.stringify(report));
  const trace = await sys.call('GET', `/api/concrete/trace?chip=${c2[1]}`, { token: f.people.cityRegulator.token });
  assert.equal(trace.status, 200, JSON.stringify(trace.json));
  const d = trace.json.data;
  assert.deepEqual([d.member, d.pours[0].sampledGroups, d.tickets.length, d.groups.length], [MEMBER, 2, 2, 2]);
  assert.ok(d.tickets.every((t: any) => t.state === 'accepted'));
  assert.deepEqual(d.groups.map((g: any) => [g.state, g.loadsKN.length]), [['tested', 3], ['tested', 3]]);
  assert.equal(d.evaluations[0].groups, 2);
});

test('ten amendments of one trace document at once: none is lost (each write is guarded by the version)', async () => {
  const member = '6F 板 Z9';
  const pour = (i: number) => ({ id: `po_race${i}`, grade: 'C30', volumeM3: 10, date: null, requiredGroups: 1, sampledGroups: 0, shortfall: 1, groupIds: [] });
  await Promise.all(Array.from({ length: 10 }, (_, i) => amendTrace(sys.deps, f.projectId, member, { pours: [pour(i)] })));
  const doc = (await findDoc<TraceDoc>(sys.db, TRACES, traceIdOf(f.projectId, member)))!;
  assert.deepEqual(unpackTrace(doc.body).pours.map((p) => p.id), Array.from({ length: 10 }, (_, i) => `po_race${i}`));
  assert.equal(doc.version, 10);
});

test('a trace document a command cannot amend: the project is marked stale and the repair job rebuilds it', async () => {
  const id = traceIdOf(f.projectId, MEMBER);
  const good = (await findDoc<TraceDoc>(sys.db, TRACES, id))!;
  // a document that cannot be read back (damaged by hand, a half-applied restore…)
  await sys.db.collection<TraceDoc>(TRACES).updateOne({ _id: id }, { $set: { body: 'not a packed trace' } });
  await amendTrace(sys.deps, f.projectId, MEMBER, { pours: [] });
  const mark = await sys.db.collection<TraceStaleMark>(TRACE_STALE).findOne({ _id: f.projectId });
  assert.ok(mark, 'the project is marked stale');
  assert.equal(mark.traceId, id);
  const run = await repairStaleTraces(sys.deps, { budgetMs: 60_000, trigger: 'test' });
  assert.deepEqual(run, { projects: 1, changed: 1 });
  assert.equal(await sys.db.collection(TRACE_STALE).countDocuments({}), 0, 'the mark is cleared');
  const repaired = (await findDoc<TraceDoc>(sys.db, TRACES, id))!;
  assert.deepEqual(unpackTrace(repaired.body), unpackTrace(good.body));
  assert.deepEqual(await repairStaleTraces(sys.deps, { budgetMs: 60_000, trigger: 'test' }), { projects: 0, changed: 0 });
});
