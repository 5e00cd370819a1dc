import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reviewOutcome } from './review-outcome';

test('37号令 arts. 12–13: at least 5 experts (checked first), then one unanimous conclusion', () => {
  assert.deepEqual(reviewOutcome({ conclusion: '通过', expertsSigned: 4, unanimous: true }), { valid: false, reason: 'fewer_than_5_experts' });
  assert.deepEqual(reviewOutcome({ conclusion: null, expertsSigned: 4, unanimous: false }), { valid: false, reason: 'fewer_than_5_experts' });
  assert.deepEqual(reviewOutcome({ conclusion: '通过', expertsSigned: 5, unanimous: false }), { valid: false, reason: 'report_must_state_a_unanimous_conclusion' });
  assert.deepEqual(reviewOutcome({ conclusion: null, expertsSigned: 7, unanimous: true }), { valid: false, reason: 'report_must_state_a_unanimous_conclusion' });
  assert.deepEqual(reviewOutcome({ expertsSigned: 7, unanimous: true }), { valid: false, reason: 'report_must_state_a_unanimous_conclusion' });
  // split votes make it invalid even when the report claims unanimity
  assert.deepEqual(reviewOutcome({ conclusion: '通过', expertsSigned: 5, unanimous: true, votes: ['通过', '通过', '通过', '通过', '修改后通过'] }), { valid: false, reason: 'report_must_state_a_unanimous_conclusion' });
  assert.deepEqual(reviewOutcome({ conclusion: '通过', expertsSigned: 5, votes: { 通过: 4, 不通过: 1 } }), { valid: false, reason: 'report_must_state_a_unanimous_conclusion' });
  assert.equal(reviewOutcome({ conclusion: '通过', expertsSigned: 5, votes: { 通过: 5, 不通过: 0 } }).valid, true);
});

test('each conclusion leads to its next step, word for word', () => {
  assert.deepEqual(reviewOutcome({ conclusion: '通过', expertsSigned: 5, unanimous: true }), {
    valid: true, requiresResubmissionToTechLeadAndChiefSupervisor: false, requiresNewReview: false, nextStep: '施工单位可参考专家意见自行修改完善后实施',
  });
  assert.deepEqual(reviewOutcome({ conclusion: '修改后通过', expertsSigned: 6, unanimous: true, votes: Array(6).fill('修改后通过') }), {
    valid: true,
    requiresResubmissionToTechLeadAndChiefSupervisor: true,
    requiresNewReview: false,
    nextStep: '按专家意见逐条修改 -> 重新履行第十一条(施工单位技术负责人审核签字盖章 + 总监理工程师审查签字盖执业印章) -> 告知专家修改情况 -> 实施',
  });
  assert.deepEqual(reviewOutcome({ conclusion: '不通过', expertsSigned: 5, unanimous: true }), {
    valid: true, requiresResubmissionToTechLeadAndChiefSupervisor: true, requiresNewReview: true, nextStep: '修改后重新组织专家论证',
  });
});

test('bad requests', () => {
  assert.throws(() => reviewOutcome({ conclusion: '有条件通过', expertsSigned: 5, unanimous: true }), /conclusion: /);
  assert.throws(() => reviewOutcome({ conclusion: '通过', unanimous: true }), /expertsSigned: required/);
  assert.throws(() => reviewOutcome({ conclusion: '通过', expertsSigned: 5.5, unanimous: true }), /expertsSigned/);
  assert.throws(() => reviewOutcome({ conclusion: '通过', expertsSigned: 5 }), /unanimous: required/);
  assert.throws(() => reviewOutcome({ conclusion: '通过', expertsSigned: 5, unanimous: 'yes' }), /unanimous/);
});
