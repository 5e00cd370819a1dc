/**
 * The deadline an alarm shows is the one of its current step: the supervisor's until it is handled, then the
 * owner's review (a day after the handling), none once archived; the scheduler escalates by the same moment,
 * so a regulator's comment in between moves neither.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, sitePhoto, type PitFixture } from '../helpers/pit-factory';
import { escalateOverdueAlarms } from '../../src/jobs/pit.jobs';
import { HANDLE_WITHIN_MS } from '../../src/contexts/pit/raise-alarms';

const HOUR = 3600_000;
let clock = Date.parse('2026-11-20T02:00:00Z');
let sys: TestSystem;
let pit: PitFixture;
let alarmId: string;

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  pit = await buildPit(sys);
  const r = await sys.call('POST', `/api/pit/projects/${pit.projectId}/danger-alarms`, { token: pit.people.contractor.token, body: { description: '基坑东侧地面出现裂缝' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  alarmId = r.json.data.id;
});
after(async () => sys.close());

const get = async () => (await sys.call('GET', `/api/pit/alarms/${alarmId}`, { token: pit.people.owner.token })).json.data;
const act = (token: string, body: Record<string, unknown>) => sys.call('POST', `/api/pit/alarms/${alarmId}/actions`, { token, body });

test('raised: the step deadline is the supervisor’s', async () => {
  const a = await get();
  assert.equal(a.status, 'raised');
  assert.equal(a.stepDueAt, a.dueAt);
  assert.equal(Date.parse(a.stepDueAt), clock + HANDLE_WITHIN_MS.red);
});

test('handled: the step deadline is the owner’s review, a day after the handling; a comment does not move it', async () => {
  clock += HOUR;
  const handledAt = clock;
  const sha = await sitePhoto(sys, pit.people.supervisor.token, 'crack');
  const h = await act(pit.people.supervisor.token, { action: 'handle', note: '已设置警戒并回填反压', evidence: [sha], version: (await get()).version });
  assert.equal(h.status, 200, JSON.stringify(h.json));
  assert.equal(h.json.data.stepDueAt, new Date(handledAt + 24 * HOUR).toISOString(), 'the action’s answer carries it too');
  const a = await get();
  assert.equal(a.status, 'handled');
  assert.notEqual(a.stepDueAt, a.dueAt, 'not the supervisor’s old deadline');
  assert.equal(Date.parse(a.stepDueAt), handledAt + 24 * HOUR);

  clock += 20 * HOUR;
  const c = await act(pit.people.townRegulator.token, { action: 'comment', note: '请建设单位尽快复核', version: a.version });
  assert.equal(c.status, 200, JSON.stringify(c.json));
  assert.equal(Date.parse((await get()).stepDueAt), handledAt + 24 * HOUR, 'the comment leaves the review deadline where it was');
  await escalateOverdueAlarms(sys.deps);
  assert.equal((await get()).escalated, false, '20 h after the handling: not yet overdue');
});

test('the scheduler escalates when the shown review deadline has passed, even though the alarm was touched since', async () => {
  clock += 5 * HOUR; // 25 h after the handling, 5 h after the comment
  await escalateOverdueAlarms(sys.deps);
  const a = await get();
  assert.equal(a.escalated, true);
  assert.equal(a.history.at(-1).note, '建设单位逾期未复核');
});

test('archived: no deadline any more', async () => {
  const a = await get();
  const r = await act(pit.people.owner.token, { action: 'archive', note: '复测已稳定，同意销警', version: a.version, acknowledgeOverLimit: true });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal((await get()).stepDueAt, null);
});
