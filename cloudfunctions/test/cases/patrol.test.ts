import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { flagMissedPatrols } from '../../src/jobs/city.jobs';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
let city: CityFixture;
let clock = Date.parse('2026-11-26T02:00:00Z'); // 10:00 in Dongguan
let ruleId: string;
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
});
after(async () => sys.close());

const code = () => signCodeUrl(sys.deps.config.codeSecret, 'https://code.example.cn', city.facilityA);
const token = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));

test('an area chief sets a patrol rule for the whole grid and assigns a (third-party) patroller; others cannot', async () => {
  const body = { name: '井盖日巡', gridId: 'g-a', wholeGrid: true, per: 'day', times: 1, patrollerIds: [city.patrollerA.id] };
  const r = await sys.call('POST', '/api/patrol/rules', { token: await token(city.chiefA.id), body });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  ruleId = r.json.data.id;
  const other = await sys.call('POST', '/api/patrol/rules', { token: await token(city.chiefB.id), body });
  assert.equal(other.status, 403);
  const wrongPerson = await sys.call('POST', '/api/patrol/rules', { token: await token(city.chiefA.id), body: { ...body, patrollerIds: [city.citizen.id] } });
  assert.equal(wrongPerson.json.error, 'patroller_not_in_grid');
});

test('the patroller’s day list shows what is due', async () => {
  const r = await sys.call('GET', '/api/patrol/today', { token: await token(city.patrollerA.id) });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.data.map((d: { facilityId: string; remaining: number }) => [d.facilityId, d.remaining]), [[city.facilityA, 1]]);
});

test('a scan 300 m away is refused with an explanation; on site it counts; a forged code is refused', async () => {
  const far = await sys.call('POST', '/api/patrol/checks', { token: await token(city.patrollerA.id), body: { code: code(), location: { lng: 113.745 + 0.00293, lat: 23.005, accuracy: 10 }, condition: 'ok' } });
  assert.equal(far.status, 400);
  assert.equal(far.json.error, 'too_far_from_facility');
  assert.match(far.json.message, /300 米|约 3\d0 米/);
  const forged = await sys.call('POST', '/api/patrol/checks', { token: await token(city.patrollerA.id), body: { code: code().slice(0, -2) + 'zz', location: { lng: 113.745, lat: 23.005, accuracy: 10 }, condition: 'ok' } });
  assert.equal(forged.json.error, 'code_forged');
  const ok = await sys.call('POST', '/api/patrol/checks', { token: await token(city.patrollerA.id), body: { code: code(), location: { lng: 113.7451, lat: 23.0051, accuracy: 12 }, condition: 'ok' } });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  assert.ok(ok.json.data.distanceM < 20);
  // the result says what the check did for the task here (issue 17: the page showed nothing of it)
  assert.equal(ok.json.data.kind, 'facility');
  assert.deepEqual(ok.json.data.progress, { per: 'day', times: 1, done: 1, counted: true, window: { start: '08:00', end: '18:00' } });
  const today = await sys.call('GET', '/api/patrol/today', { token: await token(city.patrollerA.id) });
  assert.equal(today.json.data[0].remaining, 0);
  assert.equal(today.json.data[0].kind, 'facility');
  assert.equal(await sys.db.collection('patrol_checks').countDocuments(), 1, 'refused scans wrote nothing');
});

test('a problem found on patrol opens a case pre-filled from the facility', async () => {
  const pic = await photo(sys, await token(city.patrollerA.id), 'patrol');
  const r = await sys.call('POST', '/api/patrol/checks', { token: await token(city.patrollerA.id), body: { code: code(), location: { lng: 113.745, lat: 23.005, accuracy: 8 }, condition: 'problem', photos: [pic], problem: { kind: 'component', classCode: '0102', description: '污水井盖破裂' } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const c = await sys.db.collection('cases').findOne({ _id: r.json.data.caseId });
  assert.equal(c?.source, 'patrol');
  assert.equal(c?.facilityId, city.facilityA);
  assert.equal(c?.scope.gridId, 'g-a');
});

test('missed patrols alert the area chief once, and show in coverage', async () => {
  const r = await sys.call('POST', '/api/patrol/rules', { token: await token(city.chiefA.id), body: { name: '加密巡查', gridId: 'g-a', facilityIds: [city.facilityA], per: 'day', times: 3, patrollerIds: [city.patrollerA.id] } });
  assert.equal(r.status, 201);
  clock += 86_400_000; // today's period is judged only when it is over, and only for rules that existed all of it
  assert.deepEqual(await flagMissedPatrols(sys.deps), { missed: 0 });
  clock += 86_400_000; // a whole day with no patrol: both rules missed
  assert.deepEqual(await flagMissedPatrols(sys.deps), { missed: 2 });
  assert.deepEqual(await flagMissedPatrols(sys.deps), { missed: 0 }, 'once per rule and period');
  const inbox = await sys.call('GET', '/api/inbox', { token: await token(city.chiefA.id) });
  assert.equal(inbox.json.data.items.filter((i: { title: string }) => i.title.startsWith('漏巡提醒')).length, 2);
  const cov = await sys.call('GET', '/api/patrol/coverage?per=week', { token: await token(city.chiefA.id) });
  assert.equal(cov.status, 200);
  const row = cov.json.data.find((x: { patrollerId: string }) => x.patrollerId === city.patrollerA.id);
  assert.ok(row && row.missed === 4 && row.due > 0, JSON.stringify(cov.json.data));
  const denied = await sys.call('GET', '/api/patrol/coverage', { token: await token(city.patrollerA.id) });
  assert.equal(denied.status, 403);
});

test('a check-in outside the rule’s hours is recorded and says it did not count (no silent 已巡 0)', async () => {
  const saved = clock;
  clock = Date.parse('2026-11-30T22:30:00Z'); // 06:30 in Dongguan, before the rule's 08:00
  try {
    const r = await sys.call('POST', '/api/patrol/checks', { token: await token(city.patrollerA.id), body: { code: code(), location: { lng: 113.7451, lat: 23.0051, accuracy: 8 }, condition: 'ok' } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.data.progress.counted, false);
    assert.equal(r.json.data.progress.done, 0);
    const today = await sys.call('GET', '/api/patrol/today', { token: await token(city.patrollerA.id) });
    assert.equal(today.json.data.find((d: { facilityId: string }) => d.facilityId === city.facilityA).done, 0, 'the list and the check-in agree');
  } finally {
    clock = saved;
  }
});
