import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { issueToken } from '../../src/platform/auth/jwt';
import { escalateOverdueCases } from '../../src/jobs/city.jobs';
import { warnMissingCalendars } from '../../src/contexts/cityconfig/calendar-warning.job';
import { repoRoot } from '../../dev/paths';

// The city as data (issue 12): class table and calendar per city, imported by the city's admin only, all-or-nothing;
// every waiting step has a deadline on the city's calendar; the town regulator acts on the town queue.
let sys: TestSystem;
let city: CityFixture;
let clock = Date.parse('2026-09-30T09:00:00Z'); // 17:00 in Dongguan, the day before 国庆
const ids: Record<string, string> = {};
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
  ids.admin = (await sys.user('东莞管理员', [{ role: 'admin', cityId: 'dongguan' }])).id;
  ids.zsAdmin = (await sys.user('中山管理员', [{ role: 'admin', cityId: 'zhongshan' }])).id;
  ids.regA = (await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }])).id;
  // a unit of another city that handles every event there
  await sys.db.collection('regions').insertMany([{ _id: 'shiqi', kind: 'town', name: '石岐', parentId: 'zhongshan' }, { _id: 'zhongshan', kind: 'city', name: '中山', parentId: null }] as never[]);
  await sys.db.collection('unit_contacts').insertOne({ _id: 's:e', townId: 'shiqi', kind: 'event', classCode: '*', unitId: 'org-zs' } as never);
});
after(async () => sys.close());

const token = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));
const call = async (method: string, p: string, userId: string, body?: unknown) => sys.call(method, p, { token: await token(userId), body });
const HEAD = 'kind,code,name,parent,accept,dispatch,handle,handle_urgent,check,file_condition,close_condition';
const CLASSES = `${HEAD}\nevent,01,市容环境,,,,,,,,\nevent,0104,道路不洁,01,4h,1h,2d,2h,1d,路面有明显垃圾,已清扫\ncomponent,01,公用设施,,,,,,,,\ncomponent,0101,上水井盖,01,2h,1h,15,2,7.5,井盖缺失,已复位\n`;
const calendar2026 = () => readFileSync(path.join(repoRoot, 'cloudfunctions/dev/seed/calendars/cn-2026.csv'), 'utf8');

test('hostile class CSV (duplicate code, unknown parent, bad SLA): named lines, nothing written', async () => {
  const bad = `${HEAD}\nevent,01,市容环境,,,,,,,,\nevent,0104,道路不洁,01,,,5h,2h,,,\nevent,0104,重复,01,,,5h,2h,,,\nevent,0901,无上级,09,,,5h,2h,,,\nevent,0105,坏时限,01,,,abc,2h,,,\n`;
  const r = await call('POST', '/api/admin/cities/dongguan/classes/import', ids.admin, { csv: bad });
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.equal(r.json.error, 'class_table_invalid');
  assert.match(r.json.message, /3 处错误，未导入任何内容：第 4 行 编码重复/);
  assert.deepEqual(r.json.data.errors.map((e: { line: number }) => e.line), [4, 5, 6]);
  const preview = await call('POST', '/api/admin/cities/dongguan/classes/import', ids.admin, { csv: bad, dryRun: true });
  assert.equal(preview.json.data.ok, false);
  assert.equal(await sys.db.collection('case_classes').countDocuments({}), 0);
  assert.equal(await sys.db.collection('case_class_versions').countDocuments({}), 0);
  const view = await call('GET', '/api/admin/cities/dongguan/classes', ids.admin);
  assert.equal(view.json.data.stored, false);
  assert.equal(view.json.data.classes.length, 29); // the built-in table until the city imports its own
});

test('hostile calendar (impossible date, other year, duplicate): named lines, nothing written', async () => {
  const r = await call('POST', '/api/admin/cities/dongguan/calendars/2026/import', ids.admin, { text: 'date,kind,name\n2026-02-30,holiday,x\n2027-01-01,holiday,y\n2026-10-01,holiday,a\n2026-10-01,holiday,b\n' });
  assert.equal(r.status, 400, JSON.stringify(r.json));
  assert.equal(r.json.error, 'calendar_invalid');
  assert.match(r.json.message, /第 2 行 日期不存在：2026-02-30/);
  assert.deepEqual(r.json.data.errors.map((e: { line: number }) => e.line), [2, 3, 5]);
  assert.equal(await sys.db.collection('working_calendars').countDocuments({}), 0);
  const add = await call('POST', '/api/admin/cities/dongguan/calendars/2026/days', ids.admin, { action: 'add', date: '2026-02-29', kind: 'holiday' });
  assert.equal(add.status, 400);
  assert.match(add.json.message, /日期不存在：2026-02-29/);
  assert.equal(await sys.db.collection('working_calendars').countDocuments({}), 0);
});

test("an admin of one city can neither read nor change the other city's classes or calendar", async () => {
  for (const [m, p, body] of [
    ['GET', '/api/admin/cities/dongguan/classes', undefined],
    ['POST', '/api/admin/cities/dongguan/classes/import', { csv: CLASSES }],
    ['GET', '/api/admin/cities/dongguan/calendars', undefined],
    ['GET', '/api/admin/cities/dongguan/calendars/2026', undefined],
    ['POST', '/api/admin/cities/dongguan/calendars/2026/import', { text: calendar2026() }],
    ['POST', '/api/admin/cities/dongguan/calendars/2026/days', { action: 'add', date: '2026-03-02', kind: 'holiday' }],
  ] as const) {
    const r = await call(m, p, ids.zsAdmin, body);
    assert.equal(r.status, 404, `${m} ${p}: ${JSON.stringify(r.json)}`);
    // nor may staff of the city who are not its admin
    assert.equal((await call(m, p, ids.regA, body)).status, 404, `${m} ${p} (regulator)`);
  }
  assert.equal(await sys.db.collection('case_classes').countDocuments({}), 0);
  assert.equal(await sys.db.collection('working_calendars').countDocuments({}), 0);
  // and its own city is its own
  assert.equal((await call('GET', '/api/admin/cities/zhongshan/calendars', ids.zsAdmin)).status, 200);
});

test('the admin imports classes and the 2026 calendar (audited, versioned); a case on 9/30 is due after 国庆', async () => {
  const imp = await call('POST', '/api/admin/cities/dongguan/classes/import', ids.admin, { csv: CLASSES });
  assert.equal(imp.status, 200, JSON.stringify(imp.json));
  assert.deepEqual([imp.json.data.version, imp.json.data.counts], [1, { majors: 2, classes: 2 }]);
  const cal = await call('POST', '/api/admin/cities/dongguan/calendars/2026/import', ids.admin, { text: calendar2026() });
  assert.equal(cal.status, 200, JSON.stringify(cal.json));
  assert.deepEqual(cal.json.data.counts, { holidays: 33, workdays: 6 });
  const audit = await sys.db.collection('audit_log').find({ actorId: ids.admin }).toArray();
  assert.deepEqual(audit.map((a) => a.action).sort(), ['calendar.import', 'class_table.import']);
  assert.equal(await sys.db.collection('case_class_versions').countDocuments({ cityId: 'dongguan', version: 1 }), 1);

  // 17:00 on 9/30: 受理 takes 4 working hours — 1 h that day, 3 h on 10/8 (the first working day after 国庆)
  const citizen = await token(city.citizen.id);
  const r = await sys.call('POST', '/api/cases', { token: citizen, body: { kind: 'event', classCode: '0104', description: '路面有大量垃圾', photos: [await photo(sys, citizen, 'sla')], location: { lng: 113.745, lat: 23.005, accuracy: 10 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.deepEqual(r.json.data.stepDue, { step: 'accept', label: '受理', at: '2026-10-08T03:30:00.000Z', overdue: false });
  ids.case = r.json.data.id;
  const doc = await sys.db.collection('cases').findOne({ _id: ids.case as never });
  assert.deepEqual(doc?.sla, { acceptHours: 4, dispatchHours: 1, handleHours: 15, handleUrgentHours: 2, checkHours: 7.5, classVersion: 1 });

  // a class the city's table does not have is refused, though the built-in table has it
  const unknown = await sys.call('POST', '/api/cases', { token: citizen, body: { kind: 'event', classCode: '0101', description: '暴露垃圾很多', photos: [await photo(sys, citizen, 'u')], location: { lng: 113.745, lat: 23.005 } } });
  assert.equal(unknown.json.error, 'unknown_class');

  // a later import changes the class's SLA; the running case keeps the one it was created under
  await call('POST', '/api/admin/cities/dongguan/classes/import', ids.admin, { csv: CLASSES.replace('4h,1h,2d', '1h,1h,1d') });
  const again = await call('POST', `/api/cases/${ids.case}/actions`, city.chiefA.id, { action: 'accept', version: r.json.data.version });
  assert.equal(again.status, 200, JSON.stringify(again.json));
  // 派遣 1 h from the moment of acceptance (17:00 → 18:00 on 9/30)
  assert.deepEqual(again.json.data.stepDue.at, '2026-09-30T10:00:00.000Z');
  const d = await call('POST', `/api/cases/${ids.case}/actions`, city.chiefA.id, { action: 'dispatch', version: again.json.data.version });
  // 处置 2 working days = 15 h from the snapshot (the new table says 1 day): 1 h on 9/30, 7.5 h on 10/8, 6.5 h on 10/9
  assert.equal(d.json.data.deadline, '2026-10-09T09:00:00.000Z');
  assert.equal(d.json.data.stepDue.step, 'handle');
});

test('a step left waiting escalates once (受理)', async () => {
  const citizen = await token(city.citizen2.id);
  const r = await sys.call('POST', '/api/cases', { token: citizen, body: { kind: 'event', classCode: '0104', description: '路边垃圾未清', photos: [await photo(sys, citizen, 'esc')], location: { lng: 113.745, lat: 23.005 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const due = Date.parse(r.json.data.stepDue.at);
  clock = due - 60_000;
  const early = await escalateOverdueCases(sys.deps);
  assert.equal(early.escalated, 0);
  clock = due + 60_000;
  assert.ok((await escalateOverdueCases(sys.deps)).escalated >= 1);
  const doc = await sys.db.collection('cases').findOne({ _id: r.json.data.id });
  assert.equal(doc?.stepDue.escalated, true);
  assert.equal(doc?.history.at(-1).reason, '超过受理时限');
  assert.equal((await escalateOverdueCases(sys.deps)).escalated, 0, 'once per step');
  clock = Date.parse('2026-09-30T09:00:00Z');
});

test('the town regulator accepts, hands to a grid, and dispatches only to a unit of the city', async () => {
  const citizen = await token(city.citizen.id);
  // inside 南城 but outside every grid: the town queue
  const r = await sys.call('POST', '/api/cases', { token: citizen, body: { kind: 'event', classCode: '0104', description: '城中村巷口垃圾堆积', photos: [await photo(sys, citizen, 'gridless')], location: { lng: 113.71, lat: 22.96 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.data.queue, 'town_dispatch');
  const id = r.json.data.id;
  const detail = await call('GET', `/api/cases/${id}`, ids.regA);
  assert.deepEqual([detail.json.policies.accept, detail.json.policies.dispatch, detail.json.policies.assign_grid], [true, false, true]);
  // the area chief of a grid does not see the town queue; another town's regulator neither
  assert.equal((await call('POST', `/api/cases/${id}/actions`, city.chiefA.id, { action: 'accept', version: 1 })).status, 404);
  assert.equal((await call('POST', `/api/cases/${id}/actions`, city.regulatorB.id, { action: 'accept', version: 1 })).status, 404);

  const acc = await call('POST', `/api/cases/${id}/actions`, ids.regA, { action: 'accept', version: 1 });
  assert.equal(acc.json.data.state, 'accepted', JSON.stringify(acc.json));
  const wrongGrid = await call('POST', `/api/cases/${id}/actions`, ids.regA, { action: 'assign_grid', gridId: 'g-b', version: acc.json.data.version });
  assert.equal(wrongGrid.json.error, 'grid_not_in_town');
  const otherCity = await call('POST', `/api/cases/${id}/actions`, ids.regA, { action: 'dispatch', unitId: 'org-zs', version: acc.json.data.version });
  assert.equal(otherCity.json.error, 'unit_not_eligible');
  const typo = await call('POST', `/api/cases/${id}/actions`, ids.regA, { action: 'dispatch', unitId: 'org-nope', version: acc.json.data.version });
  assert.equal(typo.json.error, 'unit_not_found');
  const disp = await call('POST', `/api/cases/${id}/actions`, ids.regA, { action: 'dispatch', unitId: 'org-roads', version: acc.json.data.version });
  assert.equal(disp.json.data.state, 'dispatched', JSON.stringify(disp.json));
  assert.equal(disp.json.data.unitId, 'org-roads');

  // another gridless report handed to grid A: its area chief owns it from then on
  const r2 = await sys.call('POST', '/api/cases', { token: citizen, body: { kind: 'event', classCode: '0104', description: '巷口另有垃圾堆积', photos: [await photo(sys, citizen, 'gridless2')], location: { lng: 113.72, lat: 22.97 } } });
  const handed = await call('POST', `/api/cases/${r2.json.data.id}/actions`, ids.regA, { action: 'assign_grid', gridId: 'g-a', version: 1 });
  assert.equal(handed.status, 200, JSON.stringify(handed.json));
  assert.equal(handed.json.data.gridId, 'g-a');
  assert.equal(handed.json.data.state, 'received');
  const chiefView = await call('GET', `/api/cases/${r2.json.data.id}`, city.chiefA.id);
  assert.equal(chiefView.json.policies.accept, true);
  // no longer in the town queue
  assert.equal((await call('GET', `/api/cases/${r2.json.data.id}`, ids.regA)).json.policies.accept, false);
});

test('30 days before a year without a calendar, the city admins are told once', async () => {
  clock = Date.parse('2026-12-07T02:00:00Z');
  const first = await warnMissingCalendars(sys.deps);
  assert.ok(first.warned >= 1);
  const warning = await sys.db.collection('calendar_warnings').findOne({ _id: 'dongguan:2027' as never });
  assert.ok(warning, 'a warning for 2027');
  const inbox = await call('GET', '/api/inbox', ids.admin);
  assert.ok(JSON.stringify(inbox.json.data).includes('工作日历缺失｜2027 年'), JSON.stringify(inbox.json));
  assert.equal((await warnMissingCalendars(sys.deps)).warned, 0);
  const view = await call('GET', '/api/admin/cities/dongguan/calendars', ids.admin);
  assert.equal(view.json.data.warning.year, 2027);
  assert.match(view.json.data.warning.message, /2027 年的工作日历尚未导入/);
  // adding a day creates the year; removing it again is audited too
  const add = await call('POST', '/api/admin/cities/dongguan/calendars/2027/days', ids.admin, { action: 'add', date: '2027-01-01', kind: 'holiday', name: '元旦' });
  assert.equal(add.status, 200, JSON.stringify(add.json));
  assert.equal((await call('GET', '/api/admin/cities/dongguan/calendars', ids.admin)).json.data.warning, null);
  const dup = await call('POST', '/api/admin/cities/dongguan/calendars/2027/days', ids.admin, { action: 'add', date: '2027-01-01', kind: 'holiday' });
  assert.equal(dup.json.error, 'calendar_day_exists');
  const rm = await call('POST', '/api/admin/cities/dongguan/calendars/2027/days', ids.admin, { action: 'remove', date: '2027-01-01' });
  assert.deepEqual([rm.json.data.version, rm.json.data.days], [2, []]);
});
