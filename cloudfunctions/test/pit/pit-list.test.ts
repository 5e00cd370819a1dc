/**
 * The pit list: worst level first, with each project's open alarms and last upload, read in a fixed number of
 * queries whatever the number of projects (it once made two count queries per project).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandStartedEvent } from 'mongodb';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { mongoClient } from '../../src/platform/db/client';
import { seedDemo } from '../../dev/seed/seed';
import { DEMO_PITS, seedPitDemo } from '../../dev/seed/pit-demo';
import type { PitAlarm, PitProject } from '../../src/contexts/pit/pit.collections';

// the driver reports commands only when monitoring was on at connect; an hour means nothing is printed
process.env.CITYLOOP_DB_TRACE_MS ??= '3600000';

let sys: TestSystem;
const clock = Date.parse('2026-11-20T07:42:00Z');
const openidFor = async (persona: string) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${persona}`);

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  await seedDemo(sys.db, openidFor, new Date(clock));
  await seedPitDemo(sys.deps, openidFor, new Date(clock));
});
after(async () => sys.close());

/** The database commands the api ran while `run` ran. */
async function commandsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const onStart = (e: CommandStartedEvent) => {
    if (e.databaseName === sys.db.databaseName) seen.push(`${e.commandName} ${String(e.command[e.commandName])}`);
  };
  const client = mongoClient(sys.deps.config.mongodbUri);
  client.on('commandStarted', onStart);
  try {
    await run();
  } finally {
    client.off('commandStarted', onStart);
  }
  return seen;
}

test('the city regulator sees every pit, worst level first, with its open alarms and last upload', async () => {
  const reg = await sys.user('市监管', [{ role: 'regulator', level: 'city', cityId: 'dongguan' }]);
  let res: { status: number; json: any } | undefined;
  const commands = await commandsDuring(async () => (res = await sys.call('GET', '/api/pit/projects', { token: reg.token })));
  assert.equal(res!.status, 200);
  const rows = res!.json.data as { id: string; openAlarms: number; lastUploadAt: string | null; worstLevel: string }[];
  assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(DEMO_PITS.map((p) => p.id)));

  // what the list said before it was one query per column: a count and a head read per project
  for (const r of rows) {
    const open = await sys.db.collection<PitAlarm>('pit_alarms').countDocuments({ projectId: r.id, status: { $ne: 'archived' } });
    const head = await sys.db.collection<{ _id: string; lastUploadAt?: Date }>('pit_chain_heads').findOne({ _id: r.id });
    const p = await sys.db.collection<PitProject>('pit_projects').findOne({ _id: r.id });
    assert.equal(r.openAlarms, open, r.id);
    assert.equal(r.lastUploadAt, head?.lastUploadAt?.toISOString() ?? null, r.id);
    assert.equal(r.worstLevel, p!.worstLevel);
  }
  assert.ok(rows.some((r) => r.openAlarms > 0), 'the demo week leaves open alarms');

  // the caller's user, the projects, the open alarms of all of them, their heads: not 2 more per project
  const db = commands.filter((c) => !c.startsWith('find users'));
  assert.equal(db.length, 3, db.join('\n'));
});

test('someone who may see no pit gets an empty list', async () => {
  const citizen = await sys.user('市民');
  const res = await sys.call('GET', '/api/pit/projects', { token: citizen.token });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json.data, []);
});
