import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CITY_PAGES, canSeeMetrics, facilityLandingUrl, gridsOf, hasCaseWork, isAreaChief, isPatroller, recallCode, rememberCode, showsCaseWorkEntry } from './city-access';
import { resolveLink } from './links';
import type { SessionUser } from './types';

const user = (...roles: Record<string, unknown>[]): SessionUser => ({ id: 'u', name: 'x', roles: roles as unknown as SessionUser['roles'] });
const citizen = user();
const chief = user({ role: 'areaChief', cityId: 'dongguan', townId: 'nancheng', gridIds: ['nc-01', 'nc-02'] });
const patroller = user({ role: 'patroller', cityId: 'dongguan', gridIds: ['nc-01'], orgId: 'org-patrol-co' });
const unit = user({ role: 'unit', cityId: 'dongguan', orgId: 'org-roads-nc' });
const regulator = user({ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' });

test('home entries by role: patrol for patrollers, the chief desk for area chiefs, case work for units and regulators', () => {
  const table: [string, SessionUser | null, boolean, boolean, boolean, boolean, boolean][] = [
    // name, user, patroller, chief, caseWork, caseWorkEntry, metrics
    ['signed out', null, false, false, false, false, false],
    ['citizen', citizen, false, false, false, false, false],
    ['area chief', chief, false, true, true, false, true],
    ['patroller', patroller, true, false, true, false, false],
    ['unit', unit, false, false, true, true, false],
    ['regulator', regulator, false, false, true, true, true],
  ];
  for (const [name, u, p, c, w, e, m] of table) {
    assert.equal(isPatroller(u), p, `${name}: patroller`);
    assert.equal(isAreaChief(u), c, `${name}: chief`);
    assert.equal(hasCaseWork(u), w, `${name}: case work`);
    assert.equal(showsCaseWorkEntry(u), e, `${name}: case work entry`);
    assert.equal(canSeeMetrics(u), m, `${name}: metrics`);
  }
});

test('the grids of an area chief (all bindings, no repeats)', () => {
  assert.deepEqual(gridsOf(chief), ['nc-01', 'nc-02']);
  assert.deepEqual(gridsOf(user({ role: 'areaChief', gridIds: ['a'] }, { role: 'areaChief', gridIds: ['a', 'b'] })), ['a', 'b']);
  assert.deepEqual(gridsOf(patroller), []);
  assert.deepEqual(gridsOf(patroller, 'patroller'), ['nc-01']);
  assert.deepEqual(gridsOf(null), []);
});

test('page paths: ids and tokens are encoded; the server’s inbox links open these pages', () => {
  assert.equal(CITY_PAGES.facility('fc_demo0nc01well1', 'fc_demo0nc01well1.AbC-_9'), '/packages/citizen/pages/facility/index?id=fc_demo0nc01well1&c=fc_demo0nc01well1.AbC-_9');
  assert.equal(CITY_PAGES.report('fc 1'), '/packages/citizen/pages/report/index?facilityId=fc%201');
  assert.equal(CITY_PAGES.case('cs_1'), '/packages/citizen/pages/case/index?id=cs_1');
  assert.equal(CITY_PAGES.staffCase('cs_1'), '/packages/chief/pages/case/index?id=cs_1');
  assert.equal(CITY_PAGES.queue(), '/packages/chief/pages/queue/index');
  assert.equal(CITY_PAGES.queue('handled'), '/packages/chief/pages/queue/index?state=handled');
  assert.equal(CITY_PAGES.patrolScan('fc_1'), '/packages/patrol/pages/scan/index?facilityId=fc_1');
  // case-notices.ts links (citizen and staff) resolve to these pages
  assert.deepEqual(resolveLink('/packages/citizen/pages/case/index?id=cs_1'), { type: 'page', url: CITY_PAGES.case('cs_1') });
  assert.deepEqual(resolveLink('/packages/chief/pages/case/index?id=cs_1'), { type: 'page', url: CITY_PAGES.staffCase('cs_1') });
  assert.deepEqual(resolveLink('/packages/chief/pages/coverage/index'), { type: 'page', url: CITY_PAGES.coverage });
});

test('a facility code lands on the citizen page with its token; other kinds do not', () => {
  const code = { kind: 'facility', id: 'fc_demo0nc01well1', title: '鸿福路上水井盖' };
  assert.equal(facilityLandingUrl(code, 'tok.sig'), '/packages/citizen/pages/facility/index?id=fc_demo0nc01well1&c=tok.sig');
  assert.equal(facilityLandingUrl({ kind: 'plaque', id: 'pq_1' }, 'tok.sig'), null);
  assert.equal(facilityLandingUrl({ kind: 'facility' }, 'tok.sig'), null);
});

test('the scan page hands the resolved code over in memory, one at a time', () => {
  const a = { kind: 'facility', id: 'fc_a' };
  const b = { kind: 'facility', id: 'fc_b' };
  rememberCode('ta', a);
  assert.equal(recallCode('ta'), a);
  rememberCode('tb', b);
  assert.equal(recallCode('ta'), null, 'only the latest scan is kept');
  assert.equal(recallCode('tb'), b);
  assert.equal(recallCode(null), null);
  assert.equal(recallCode(''), null);
});
