/**
 * The pit demo's week reads like a week: every seeded upload went through the pipeline at its own time
 * (observed + SEED_UPLOAD_DELAY_MIN), so alarm trails ("再次超限 系统 · <day>") and deadlines carry the
 * week's times instead of all saying the seeding moment; seeding again changes nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { seedDemo } from '../../dev/seed/seed';
import { DEMO_PITS, SEED_UPLOAD_DELAY_MIN, seedPitDemo } from '../../dev/seed/pit-demo';
import { HANDLE_WITHIN_MS } from '../../src/contexts/pit/raise-alarms';
import { escalateOverdueAlarms } from '../../src/jobs/pit.jobs';
import type { PitAlarm, PitUpload } from '../../src/contexts/pit/pit.collections';

let sys: TestSystem;
const clock = Date.parse('2026-11-20T07:42:00Z'); // 15:42 in Dongguan
const openidFor = async (persona: string) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${persona}`);
const DAY = 86_400_000;

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  await seedDemo(sys.db, openidFor, new Date(clock));
  await seedPitDemo(sys.deps, openidFor, new Date(clock));
});
after(async () => sys.close());

test('each seeded upload was received a few minutes after it was observed, over the whole week', async () => {
  const uploads = await sys.db.collection<PitUpload>('pit_uploads').find({ projectId: DEMO_PITS[0].id }).sort({ seq: 1 }).toArray();
  assert.equal(uploads.length, 28);
  for (const u of uploads) {
    const lag = u.receivedAt.getTime() - u.observedAt.getTime();
    assert.ok(lag >= SEED_UPLOAD_DELAY_MIN * 60_000 && lag < (SEED_UPLOAD_DELAY_MIN + 10) * 60_000, `${u.format} #${u.seq}: received ${lag / 60_000} min after observation`);
    assert.ok(u.receivedAt.getTime() <= clock);
  }
  const first = uploads[0].receivedAt.getTime();
  assert.ok(clock - first > 6 * DAY && clock - first < 7 * DAY, 'the first file arrived six days before seeding');
  for (let i = 1; i < uploads.length; i++) assert.ok(uploads[i].receivedAt >= uploads[i - 1].receivedAt, 'the chain is in time order');
});

test('alarm events carry the times of the uploads that caused them; deadlines follow from those times', async () => {
  const alarms = await sys.db.collection<PitAlarm>('pit_alarms').find({ projectId: DEMO_PITS[0].id, kind: 'threshold' }).toArray();
  assert.ok(alarms.length >= 1, 'pit A crosses levels during the week');
  const uploads = new Map((await sys.db.collection<PitUpload>('pit_uploads').find({ projectId: DEMO_PITS[0].id }).toArray()).map((u) => [u._id, u]));
  const times = new Set<number>();
  for (const a of alarms) {
    const raised = a.history[0];
    assert.equal(raised.at.getTime(), a.createdAt.getTime());
    assert.equal(raised.at.getTime(), uploads.get(a.uploads[0])!.receivedAt.getTime(), 'raised when its upload arrived');
    for (const e of a.history.filter((x) => x.action === 'alarm.exceed_again')) {
      const u = uploads.get((e.data as { upload: string }).upload)!;
      assert.equal(e.at.getTime(), u.receivedAt.getTime(), 'each 再次超限 at its own upload');
      times.add(e.at.getTime());
    }
    times.add(raised.at.getTime());
    const raisedLevel = (raised.data as { level: PitAlarm['level'] }).level;
    const upgraded = a.history.filter((e) => e.action === 'alarm.exceed_again' && (e.data as { level: string }).level === a.level).at(0);
    const from = raisedLevel === a.level ? raised.at : upgraded!.at;
    assert.equal(a.dueAt.getTime(), from.getTime() + HANDLE_WITHIN_MS[a.level], 'deadline from when it reached its level');
  }
  assert.ok(times.size >= 3, `events spread over the week, not one moment: ${[...times].map((t) => new Date(t).toISOString()).join(', ')}`);
  assert.ok([...times].every((t) => t < clock), 'none at the seeding moment');
  assert.ok(Math.max(...times) - Math.min(...times) >= 2 * DAY);
});

test('seeding again is a no-op', async () => {
  const count = async () => ({ uploads: await sys.db.collection('pit_uploads').countDocuments(), alarms: await sys.db.collection('pit_alarms').countDocuments() });
  const before = await count();
  const r = await seedPitDemo(sys.deps, openidFor, new Date(clock + DAY));
  assert.equal(r.uploads, 0);
  assert.deepEqual(await count(), before);
});

test('the seeded week is history: no SMS and no WeChat message for it, now or later; the inbox has it', async () => {
  const sent = sys.standins.log.filter((e) => e.kind === 'SendSms' || e.kind === 'subscribeMessage.send');
  assert.deepEqual(sent.map((e) => `${e.kind} ${e.to}`), [], 'nothing reached a phone or WeChat while seeding');
  const phoneOrWechat = { channel: { $in: ['sms', 'wechat'] } };
  assert.equal(await sys.db.collection('outbox').countDocuments(phoneOrWechat), 0, 'nothing left for the notify timer to send');
  assert.equal(await sys.db.collection('outbox_sent').countDocuments(phoneOrWechat), 0);
  const supervisor = await sys.db.collection<{ _id: string }>('users').findOne({ persona: 'pit-supervisor' });
  const inbox = await sys.db.collection<{ title: string; createdAt: Date }>('inbox').find({ userId: supervisor!._id }).toArray();
  assert.ok(inbox.some((m) => /预警|报警/.test(m.title)), 'the alarms of the week are in the inbox');
  assert.ok(inbox.every((m) => m.createdAt.getTime() < clock), 'dated when they happened');
});

test('alarms that went overdue during the week were escalated then, at their deadlines: the scheduler has nothing left to page anyone about', async () => {
  const alarms = await sys.db.collection<PitAlarm>('pit_alarms').find({ status: 'raised', dueAt: { $lt: new Date(clock) } }).toArray();
  assert.ok(alarms.length >= 1, 'some seeded alarms are overdue by now');
  for (const a of alarms) {
    assert.equal(a.escalated, true, `${a.projectName} ${a.point}`);
    const esc = a.history.filter((e) => e.action === 'alarm.escalate');
    const levels = esc.map((e) => (e.data as { level: string }).level);
    assert.deepEqual(levels, [...new Set(levels)], 'once per level (a raised level has a new deadline)');
    const last = esc.at(-1)!;
    assert.equal(last.reason, '监理单位逾期未处置');
    assert.equal(levels.at(-1), a.level);
    assert.ok(last.at.getTime() > a.dueAt.getTime() && last.at.getTime() <= a.dueAt.getTime() + 60_000, 'a minute after its deadline');
  }
  assert.deepEqual(await escalateOverdueAlarms(sys.deps), { escalated: 0 });
  assert.equal(sys.standins.log.filter((e) => e.kind === 'SendSms').length, 0);
});

test('the demo pits were onboarded through the commands: created, parties, route, plan, CSV import, initial survey, device, activation', async () => {
  for (const p of DEMO_PITS) {
    const project = await sys.db.collection('pit_projects').findOne({ _id: p.id as never });
    assert.equal(project!.status, 'active');
    assert.deepEqual(project!.history.map((e: { action: string }) => e.action), ['pit.create', 'pit.edit_parties', 'pit.edit_config', 'pit.edit_plan', 'pit.import_points', 'pit.activate']);
    assert.ok(Object.values(project!.parties).every((party) => (party as { people: object[] }).people.every((x) => Object.keys(x).join() === 'userId')), 'parties hold user ids only');
    const cx = await sys.db.collection('pit_points').findOne({ projectId: p.id, code: 'CX1' });
    assert.equal(cx!.history[0].action, 'point.initial_profile');
    const device = await sys.db.collection('pit_devices').findOne({ projectId: p.id });
    assert.ok(device!.keyEnc && !device!.key, 'the station key is stored encrypted');
  }
});
