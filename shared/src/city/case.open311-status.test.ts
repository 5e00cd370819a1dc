import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseStatesForOpen311Status, open311StatusOf, type Open311Status } from './case.open311-status';
import { CASE_STATES, type CaseAction, type CaseState } from './case.types';

test('our states map to open/closed and FixMyStreet extended statuses (docs/domain/city.md §2.3)', () => {
  const table: [CaseState, CaseAction | undefined, Open311Status][] = [
    ['received', undefined, { status: 'open', extended: 'FOR_TRIAGE' }],
    ['accepted', 'accept', { status: 'open', extended: 'OPEN' }],
    ['accepted', 'return', { status: 'open', extended: 'NOT_COUNCILS_RESPONSIBILITY' }],
    ['dispatched', 'dispatch', { status: 'open', extended: 'IN_PROGRESS' }],
    ['in_progress', 'start', { status: 'open', extended: 'IN_PROGRESS' }],
    ['in_progress', 'verify', { status: 'open', extended: 'REOPEN' }],
    ['handled', 'report', { status: 'open', extended: 'IN_PROGRESS' }],
    ['handled', 'dispute', { status: 'open', extended: 'REOPEN' }],
    ['parked', 'park', { status: 'open', extended: 'ACTION_SCHEDULED' }],
    ['deferred', 'defer', { status: 'open', extended: 'ACTION_SCHEDULED' }],
    ['closed', 'verify', { status: 'closed', extended: 'FIXED' }],
    ['rejected', 'reject', { status: 'closed', extended: 'NO_FURTHER_ACTION' }],
  ];
  for (const [state, by, expected] of table) assert.deepEqual(open311StatusOf(state, by), expected, `${state} via ${by}`);
});

test('the status filter splits the states without overlap or gap', () => {
  const open = caseStatesForOpen311Status('open');
  const closed = caseStatesForOpen311Status('closed');
  assert.deepEqual(closed, ['rejected', 'closed', 'withdrawn']);
  assert.deepEqual([...open, ...closed].sort(), [...CASE_STATES].sort());
});
