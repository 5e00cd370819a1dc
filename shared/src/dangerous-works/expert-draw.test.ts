import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expertDraw } from './expert-draw';

const expert = (id: string, specialties: string[], employer: string | null, status = 'active') => ({ id, specialties, employer, status });
const POOL = [
  expert('e1', ['岩土'], '华南设计院'),
  expert('e2', ['岩土', '安全管理'], '东莞一建'), // a participant's employee
  expert('e3', ['模架'], '理工大学'), // wrong specialty
  expert('e4', ['岩土'], '理工大学', 'suspended'), // not active
  expert('e5', ['岩土'], '勘察研究院'), // declared conflict
  expert('e6', ['岩土'], null),
  expert('e7', ['岩土'], '城建咨询'),
  expert('e8', ['岩土'], '水利学院'),
  expert('e9', ['岩土'], '土木学会'),
];
const BASE = { requiredSpecialty: '岩土', projectParticipants: ['东莞一建', '某监理公司', '华南设计院 '], pool: POOL, declaredConflicts: ['e5'] };

test('eligibility and the first exclusion reason of each expert, in pool order', () => {
  assert.deepEqual(expertDraw(BASE), {
    // e1's employer equals a participant after trimming ("华南设计院 ")
    eligible: ['e6', 'e7', 'e8', 'e9'],
    excluded: { e1: 'employer_is_project_participant', e2: 'employer_is_project_participant', e3: 'specialty_mismatch', e4: 'not_active', e5: 'declared_conflict' },
    canConvene: false,
  });
  assert.equal(expertDraw({ ...BASE, minExperts: 4 }).canConvene, true, 'eligible ≥ minExperts (4 ≥ 4)');
});

test('the reasons are checked in order: not_active, specialty_mismatch, employer_is_project_participant, declared_conflict', () => {
  const all = expert('x', ['模架'], '东莞一建', 'removed');
  const r = (e: ReturnType<typeof expert>) => expertDraw({ ...BASE, pool: [e], declaredConflicts: ['x'] }).excluded.x;
  assert.equal(r(all), 'not_active');
  assert.equal(r({ ...all, status: 'active' }), 'specialty_mismatch');
  assert.equal(r({ ...all, status: 'active', specialties: ['岩土'] }), 'employer_is_project_participant');
  assert.equal(r({ ...all, status: 'active', specialties: ['岩土'], employer: '别家' }), 'declared_conflict');
  assert.equal(expertDraw({ ...BASE, pool: [{ ...all, status: 'active', specialties: ['岩土'], employer: '别家' }], declaredConflicts: [] }).eligible[0], 'x');
});

test('re-inviting the original experts: still eligible in their order, the others with a reason, a supplementary draw', () => {
  const r = expertDraw({ ...BASE, originalExperts: ['e9', 'e2', 'e7', 'e42', 'e4', 'e6'] });
  assert.deepEqual(r.invite, ['e9', 'e7', 'e6']);
  assert.deepEqual(r.notInvited, { e2: 'employer_is_project_participant', e42: 'not_in_library', e4: 'not_active' });
  assert.equal(r.needSupplementaryDraw, true);
  assert.equal(r.supplementaryCount, 2, '5 − 3 invited');
  assert.deepEqual(r.eligible, ['e6', 'e7', 'e8', 'e9']);
  const enough = expertDraw({ ...BASE, minExperts: 3, originalExperts: ['e6', 'e7', 'e8', 'e9'] });
  assert.deepEqual([enough.needSupplementaryDraw, enough.supplementaryCount], [false, 0]);
  assert.equal('invite' in expertDraw(BASE), false, 'no original experts → no invite fields');
});

test('bad requests', () => {
  assert.throws(() => expertDraw({ ...BASE, pool: [...POOL, expert('e1', ['岩土'], 'x')] }), /pool\[9\]\.id: duplicate expert id "e1"/);
  assert.throws(() => expertDraw({ ...BASE, pool: undefined }), /pool: required/);
  assert.throws(() => expertDraw({ ...BASE, requiredSpecialty: '' }), /requiredSpecialty/);
  assert.throws(() => expertDraw({ ...BASE, minExperts: 0 }), /minExperts/);
  assert.throws(() => expertDraw({ ...BASE, pool: [{ id: 'a', specialties: '岩土', employer: 'x', status: 'active' }] }), /pool\[0\]\.specialties/);
});
