import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../dev/paths';
import { localEveryMs } from '../../dev/system';
import { CONTEXTS, SYSTEM } from '../../src/contexts';
import { TICK } from '../../src/entry/scheduler';
import { jobs } from '../../src/jobs/job-registry';
import { assemble } from '../../src/platform/system';
import { dueJobs } from '../../src/platform/schedule';

type Trigger = { type: string; function: string; parameters: { name: string; cronExpression: string; argument: string } };
const timers = parse(readFileSync(path.join(repoRoot, 'serverless.yml'), 'utf8')) as { inputs: { triggers: Trigger[] } };
const schedulerTriggers = timers.inputs.triggers.filter((t) => t.function === 'scheduler');

test('serverless.yml: the scheduler runs every job of the context modules from at most two timer triggers', () => {
  assert.ok(SYSTEM.jobs.length >= 9, SYSTEM.jobs.map((j) => j.name).join(', '));
  assert.ok(schedulerTriggers.length >= 1 && schedulerTriggers.length <= 2, `${schedulerTriggers.length} scheduler triggers`);
  const tick = schedulerTriggers.find((t) => t.parameters.argument === TICK);
  assert.ok(tick, 'a trigger passes `tick`');
  assert.equal(tick.parameters.cronExpression, '0 */1 * * * * *', 'the tick fires every minute, the resolution of the schedule table');
  for (const t of schedulerTriggers) assert.ok(t.parameters.argument === TICK || jobs.has(t.parameters.argument), `trigger ${t.parameters.name} names a known job: ${t.parameters.argument}`);
  for (const fn of new Set(timers.inputs.triggers.map((t) => t.function))) assert.ok(timers.inputs.triggers.filter((t) => t.function === fn).length <= 10, `${fn}: SCF allows 10 timer triggers per function`);
});

test('every job in the table is due at least once a day, and the scheduler knows each by name', () => {
  const start = new Date('2026-12-06T16:00:00Z').getTime();
  const ran = new Set<string>();
  for (let m = 0; m < 1440; m++) for (const j of dueJobs(SYSTEM.jobs, new Date(start + m * 60_000))) ran.add(j.name);
  assert.deepEqual([...ran].sort(), SYSTEM.jobs.map((j) => j.name).sort());
  assert.deepEqual([...jobs.keys()].sort(), SYSTEM.jobs.map((j) => j.name).sort());
});

test('the local system runs the same job list, each sped up from its schedule', () => {
  for (const j of SYSTEM.jobs) {
    const ms = localEveryMs(j.schedule, 5000);
    assert.ok(ms >= 60_000 && ms <= 600_000, `${j.name}: ${ms} ms`);
  }
  assert.equal(localEveryMs({ everyMinutes: 5 }, 5000), 60_000);
  assert.equal(localEveryMs({ everyMinutes: 1440, at: 150 }, 5000), 600_000);
});

test('the list of contexts: one module per name; a job, code prefix or outbox source claimed twice is refused', () => {
  assert.equal(new Set(CONTEXTS.map((m) => m.name)).size, CONTEXTS.length);
  const job = SYSTEM.jobs[0];
  assert.throws(() => assemble([...CONTEXTS, { name: 'copy', jobs: [job] }]), new RegExp(`job "${job.name}" is registered twice`));
  assert.throws(() => assemble([...CONTEXTS, { name: 'copy', codeResolvers: { fc: async () => null } }]), /code prefix "fc" is registered twice/);
  assert.throws(() => assemble([...CONTEXTS, { name: 'copy', outboxSources: ['cases'] }]), /outbox source "cases" is registered twice/);
  assert.throws(() => assemble([...CONTEXTS, { name: 'pit' }]), /context "pit" is registered twice/);
  const site = async () => null;
  assert.throws(() => assemble([...CONTEXTS, { name: 'a', checkinSites: { demo_site: site } }, { name: 'b', checkinSites: { demo_site: site } }]), /check-in site kind "demo_site" is registered twice/);
  assert.deepEqual([...SYSTEM.codeResolvers.keys()].sort(), ['dt', 'fc', 'fi', 'fr', 'mp', 'pq', 'rv']);
  assert.deepEqual(SYSTEM.evidenceReferrers.map((r) => r.collection).sort(), ['cases', 'checkins', 'concrete_tickets', 'dw_reviews', 'dw_schemes', 'fire_events', 'fire_projects', 'patrol_checks', 'pit_alarms', 'plaque_complaints']);
  assert.ok(SYSTEM.deliveryFailed.has('pit_alarms'));
  // indexes the platform derives: the notify sweep's flag on every source, the evidence lookups on every referrer
  for (const c of SYSTEM.outboxSources) assert.ok(SYSTEM.indexes.some((i) => i.collection === c && i.indexes.some((x) => 'hasPending' in x.key)), c);
  assert.ok(SYSTEM.indexes.some((i) => i.collection === 'plaque_complaints' && i.indexes.some((x) => 'fix.photos' in x.key)));
});

test('demo seeds belong to contexts of the list, and run in its order', async () => {
  const { DEMO_SEEDS, seedContexts } = await import('../../dev/seed/demo-seeds');
  const names = CONTEXTS.map((m) => m.name);
  for (const name of Object.keys(DEMO_SEEDS)) assert.ok(names.includes(name), name);
  assert.ok(names.indexOf('identity') < names.indexOf('pit') && names.indexOf('identity') < names.indexOf('plaques'), 'the base city is seeded before the domains');
  await assert.rejects(seedContexts([{ name: 'identity' }], {} as never, async () => ''), /demo seed for unknown context: pit, plaques/);
});
