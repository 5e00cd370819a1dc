import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../errors';
import { checkRule, RULE_KINDS } from './rules-check';

const errorOf = (input: unknown) => {
  try {
    checkRule(input);
  } catch (e) {
    assert.ok(isDomainError(e));
    return { code: e.code, message: e.message };
  }
  return assert.fail('expected an error');
};

test('every kind of the contract is dispatched', () => {
  assert.deepEqual(RULE_KINDS, [
    'group_strength', 'evaluate_batch', 'classify_dangerous_work', 'expert_draw', 'expert_admission', 'review_outcome',
    'agency_qualification', 'onsite_presence', 'report_formal_check', 'acceptance_crosscheck',
  ]);
  assert.deepEqual(checkRule({ kind: 'expert_admission', title: '高级', years: 15 }), { admissible: true, reasons: [] });
  assert.deepEqual(checkRule({ kind: 'onsite_presence', checkins: [] }), { compliant: false, violations: ['project_lead_not_on_site', 'operator_not_on_site'] });
  assert.deepEqual(checkRule({ kind: 'group_strength', grade: 'C30', cubesMPa: [30, 31, 32] }), { valid: true, representativeMPa: 31, method: 'mean' });
});

test('the request envelope: object, kind required, unknown kind', () => {
  assert.deepEqual(errorOf([]), { code: 'invalid_request', message: 'request: expected a JSON object, received array' });
  assert.deepEqual(errorOf(null).code, 'invalid_request');
  assert.deepEqual(errorOf('x').message, 'request: expected a JSON object, received string');
  assert.match(errorOf({}).message, /^kind: required \(one of group_strength, /);
  assert.equal(errorOf({}).code, 'invalid_request');
  assert.equal(errorOf({ kind: 'pit_solve' }).code, 'unknown_kind');
  assert.equal(errorOf({ kind: 3 }).code, 'unknown_kind');
  assert.equal(errorOf({ kind: 'toString' }).code, 'unknown_kind', 'no prototype keys');
  assert.equal(errorOf({ kind: 'classify_dangerous_work', category: 'constructor' }).code, 'unknown_category', 'no prototype keys');
});
