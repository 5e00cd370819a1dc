import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, photo, type CityFixture } from '../helpers/city-factory';
import { issueToken } from '../../src/platform/auth/jwt';

// Every clock read of the case routes goes through deps.now(): a case is overdue by the system's clock, not the
// machine's. The clock starts months after the machine's, so `Date.now()` would never call it overdue.
let sys: TestSystem;
let city: CityFixture;
let clock = Date.parse('2027-03-01T02:00:00Z'); // Monday 10:00 in Dongguan
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  city = await buildCity(sys);
});
after(async () => sys.close());

const token = (id: string) => issueToken(sys.deps.config.jwtSecret, id, 3600, new Date(clock));
const act = async (id: string, userId: string, body: Record<string, unknown>) => sys.call('POST', `/api/cases/${id}/actions`, { token: await token(userId), body });

test('a dispatched case turns overdue when the system clock passes its deadline (list, queue and detail alike)', async () => {
  const citizen = await token(city.citizen.id);
  const r = await sys.call('POST', '/api/cases', { token: citizen, body: { facilityId: city.facilityA, kind: 'component', classCode: '0101', description: '井盖松动，有异响', photos: [await photo(sys, citizen, 'clock')], location: { lng: 113.745, lat: 23.005, accuracy: 15 } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.data.id;
  let x = await act(id, city.chiefA.id, { action: 'accept', version: r.json.data.version });
  x = await act(id, city.chiefA.id, { action: 'dispatch', version: x.json.data.version });
  assert.equal(x.json.data.state, 'dispatched', JSON.stringify(x.json));
  assert.equal(x.json.data.overdue, false);
  const deadline = Date.parse(x.json.data.deadline);

  clock = deadline + 60_000;
  const detail = await sys.call('GET', `/api/cases/${id}`, { token: await token(city.chiefA.id) });
  assert.equal(detail.json.data.overdue, true);
  const queue = await sys.call('GET', '/api/cases', { token: await token(city.chiefA.id) });
  assert.equal(queue.json.data.find((c: { id: string }) => c.id === id)?.overdue, true);
  const mine = await sys.call('GET', '/api/cases/mine', { token: await token(city.citizen.id) });
  assert.equal(mine.json.data.find((c: { id: string }) => c.id === id)?.overdue, true);
});
