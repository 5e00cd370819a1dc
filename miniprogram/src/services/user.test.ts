import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeTitle, newestRoleLabel, userRoleLabel } from './user';

test('userRoleLabel: server labels, shared ROLE_LABELS fallback, citizen by default', () => {
  assert.equal(userRoleLabel({ id: 'u', name: 'a' }), '市民');
  assert.equal(userRoleLabel({ id: 'u', name: 'a', roles: [] }), '市民');
  assert.equal(userRoleLabel({ id: 'u', name: 'a', roles: [{ role: 'patroller' }] }), '巡查员');
  assert.equal(
    userRoleLabel({ id: 'u', name: 'a', roles: [{ role: 'patroller', label: '巡查员' }, { role: 'areaChief' }, { role: 'patroller', label: '巡查员' }] }),
    '巡查员、片长',
  );
  assert.equal(userRoleLabel({ id: 'u', name: 'a', roles: [{ role: 'newRole' }] }), 'newRole');
  assert.equal(userRoleLabel({ id: 'u', name: 'a', roleLabel: '自定义' }), '自定义');
});

test('userRoleLabel: a library expert reads 论证专家, beside any roles, never 市民', () => {
  assert.equal(userRoleLabel({ id: 'u', name: 'a' }, { expert: true }), '论证专家');
  assert.equal(userRoleLabel({ id: 'u', name: 'a', roles: [{ role: 'patroller' }] }, { expert: true }), '巡查员、论证专家');
  assert.equal(userRoleLabel({ id: 'u', name: 'a', roleLabel: '自定义' }, { expert: true }), '自定义、论证专家');
  assert.equal(userRoleLabel({ id: 'u', name: 'a' }, { expert: false }), '市民');
});

test('newestRoleLabel and codeTitle', () => {
  assert.equal(newestRoleLabel({ id: 'u', name: 'a' }), null);
  assert.equal(newestRoleLabel({ id: 'u', name: 'a', roles: [{ role: 'patroller' }, { role: 'regulator', label: '监管部门' }] }), '监管部门');
  assert.equal(codeTitle({ kind: 'fc', title: '消火栓 12 号' }), '消火栓 12 号');
  assert.equal(codeTitle({ kind: 'fc', name: '旧字段' }), '旧字段');
  assert.equal(codeTitle({ kind: 'fc' }), '');
});
