import { test } from 'node:test';
import assert from 'node:assert/strict';
import { personScope } from './person-scope';
import { can } from '../policy/can';

test('personScope: cities, towns and projects of the bindings; a project binding reaches the project’s town', () => {
  const s = personScope(
    [
      { role: 'patroller', cityId: 'dg', townId: 'nc', gridIds: ['g1'] },
      { role: 'monitor', cityId: 'dg', projectIds: ['p1', 'p2'] },
    ],
    [{ id: 'p1', cityId: 'dg', townId: 'dc' }],
  );
  assert.deepEqual(s, { cityId: 'dg', personCityIds: ['dg'], personTownKeys: ['dg/nc', 'dg/dc'], personProjectIds: ['p1', 'p2'] });
  // the town regulator of the project's town may read the phone; a third town's may not
  const reg = (townId: string) => ({ userId: 'r', roles: [{ role: 'regulator' as const, level: 'town' as const, cityId: 'dg', townId }] });
  assert.equal(can(reg('dc'), 'person.phone.read', { kind: 'person', scope: s }).allow, true);
  assert.equal(can(reg('gc'), 'person.phone.read', { kind: 'person', scope: s }).allow, false);
});

test('personScope: a person without roles reaches nobody', () => {
  const s = personScope([], []);
  assert.deepEqual(s, { cityId: '', personCityIds: [], personTownKeys: [], personProjectIds: [] });
  assert.equal(can({ userId: 'a', roles: [{ role: 'admin', cityId: 'dg' }] }, 'person.phone.read', { kind: 'person', scope: s }).allow, false);
});
