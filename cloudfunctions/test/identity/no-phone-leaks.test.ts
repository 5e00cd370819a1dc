import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { seedDemo } from '../../dev/seed/seed';
import { seedPitDemo } from '../../dev/seed/pit-demo';
import { seedPlaqueDemo } from '../../dev/seed/plaque-demo';
import { issueToken } from '../../src/platform/auth/jwt';
import { findUserByPersona } from '../../src/platform/auth/users.repository';

/**
 * Privacy: with the whole demo seeded (every demo person has a phone), personas of every kind call every GET endpoint
 * they can reach, and no response body carries a whole mainland mobile — lists show 138****1234; the whole number
 * only comes from GET /api/people/:id/phone (tested in people-phone.test.ts).
 */
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
/** SHA-256 hex (evidence and upload hashes) holds digit runs that look like mobiles: those are not people. */
const HASHES = /[0-9a-f]{32,}/g;
const PERSONAS = ['citizen', 'citizen2', 'admin', 'city-regulator', 'nancheng-regulator', 'chief-nancheng', 'patroller-nancheng', 'unit-roads', 'pit-owner', 'pit-supervisor', 'pit-monitor', 'shop-owner', 'zs-admin', 'shiqi-regulator', 'chief-shiqi'];
const PIT = 'pj_demo0nc0pit0b';
const SHOP = 'pq_demo0shop0001';
const ENDPOINTS = [
  '/api/config',
  '/api/me',
  '/api/me/profile',
  '/api/me/subscriptions',
  '/api/inbox',
  '/api/cases',
  '/api/cases/mine',
  '/api/cases-metrics',
  '/api/city/directory',
  '/api/deliveries',
  '/api/patrol/today',
  '/api/patrol/coverage',
  '/api/pit/projects',
  '/api/pit/alarms',
  `/api/pit/projects/${PIT}`,
  `/api/pit/projects/${PIT}/uploads`,
  '/api/plaque-appeals',
  `/api/plaques/${SHOP}`,
  '/api/shop/complaints',
  '/api/shop/mine',
];

let sys: TestSystem;
const clock = Date.parse('2026-03-18T06:00:00Z');
before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  const openidFor = async (persona: string) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${persona}`);
  await seedDemo(sys.db, openidFor, new Date(clock));
  await seedPitDemo(sys.deps, openidFor);
  await seedPlaqueDemo(sys.deps, openidFor, new Date(clock));
});
after(async () => sys.close());

test('no GET endpoint shows any persona a whole mobile number', async () => {
  let answered = 0;
  const leaks: string[] = [];
  for (const persona of PERSONAS) {
    const u = await findUserByPersona(sys.db, persona);
    assert.ok(u?.phone, `${persona} is seeded with a phone`);
    const token = await issueToken(sys.deps.config.jwtSecret, u._id, 3600, new Date(clock));
    // the case list and a case detail the persona can see, too
    const cases = await sys.call('GET', '/api/cases', { token });
    const caseIds: string[] = cases.status === 200 ? (cases.json.data.items ?? cases.json.data).slice(0, 3).map((c: { id: string }) => `/api/cases/${c.id}`) : [];
    const alarms = await sys.call('GET', '/api/pit/alarms', { token });
    const alarmIds: string[] = alarms.status === 200 ? (alarms.json.data.items ?? alarms.json.data).slice(0, 2).map((a: { id: string }) => `/api/pit/alarms/${a.id}`) : [];
    for (const path of [...ENDPOINTS, ...caseIds, ...alarmIds]) {
      const r = await sys.call('GET', path, { token });
      if (r.status !== 200) continue;
      answered++;
      const text = JSON.stringify(r.json).replace(HASHES, '<hash>');
      const m = MOBILE.exec(text);
      if (m) leaks.push(`${persona} GET ${path}: …${text.slice(Math.max(0, m.index - 60), m.index + 20)}…`);
    }
  }
  assert.deepEqual(leaks, []);
  assert.ok(answered >= PERSONAS.length * 6, `endpoints answered ${answered} times: the check was not vacuous`);
});
