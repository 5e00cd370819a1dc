import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chipsError, qrRuns, CONCRETE_PAGES } from './api';
import { canSeeConcrete, concretePageFor } from '../concrete-access';

test('chipsError: 8–32 letters or digits, three different chips (case does not matter)', () => {
  assert.equal(chipsError(['ABCD1234', 'abcd1235', 'ABCD1236']), null);
  assert.equal(chipsError(['ABCD1234', 'abcd1234', 'ABCD1236']), '同一组 3 块试件的芯片不能重复');
  assert.equal(chipsError(['ABC', 'ABCD1235', 'ABCD1236']), '芯片编号应为 8–32 位字母或数字');
  assert.equal(chipsError(['ABCD-1234', 'ABCD1235', 'ABCD1236']), '芯片编号应为 8–32 位字母或数字');
});

test('qrRuns: the dark runs of a row as [start, length]', () => {
  assert.deepEqual(qrRuns('1110010001'), [[0, 3], [5, 1], [9, 1]]);
  assert.deepEqual(qrRuns('0000'), []);
  assert.deepEqual(qrRuns('1111'), [[0, 4]]);
});

test('a scanned ticket or plant code opens its public check; other kinds are not ours', () => {
  assert.equal(concretePageFor({ kind: 'concrete_ticket' }, 'dt_1.sig'), '/packages/concrete/pages/ticket/index?code=dt_1.sig');
  assert.equal(concretePageFor({ kind: 'concrete_plant' }, 'mp_1.sig'), '/packages/concrete/pages/plant/index?code=mp_1.sig');
  assert.equal(concretePageFor({ kind: 'plaque' }, 'pq_1.sig'), null);
  assert.match(CONCRETE_PAGES.checkin('po_1'), /siteKind=concrete_pour&siteId=po_1&direction=in&back=/);
});

test('the home entry: the concrete roles see it, a citizen does not', () => {
  for (const role of ['plant', 'lab', 'owner', 'contractor', 'supervisor', 'regulator']) assert.equal(canSeeConcrete({ id: 'u', name: 'x', roles: [{ role }] }), true, role);
  assert.equal(canSeeConcrete({ id: 'u', name: 'x', roles: [{ role: 'citizen' }] }), false);
  assert.equal(canSeeConcrete(null), false);
});
