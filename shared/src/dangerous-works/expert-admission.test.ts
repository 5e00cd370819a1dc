import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expertAdmission } from './expert-admission';

test('31号文 八: a senior title and (≥ 15 years or rich experience), no bad integrity record', () => {
  assert.deepEqual(expertAdmission({ title: '高级', years: 15 }), { admissible: true, reasons: [] });
  assert.deepEqual(expertAdmission({ title: '正高级', years: 3, richExperience: true }), { admissible: true, reasons: [] });
  assert.deepEqual(expertAdmission({ title: '高级', years: 14.9 }), { admissible: false, reasons: ['experience_insufficient'] });
  assert.deepEqual(expertAdmission({ title: '中级', years: 30 }), { admissible: false, reasons: ['title_not_senior'] });
  assert.deepEqual(expertAdmission({ title: '初级', years: 2, richExperience: false, badCredit: true }), { admissible: false, reasons: ['title_not_senior', 'experience_insufficient', 'integrity_record'] });
  assert.deepEqual(expertAdmission({ title: '正高级', years: 20, badCredit: true }), { admissible: false, reasons: ['integrity_record'] });
});

test('bad requests', () => {
  assert.throws(() => expertAdmission({ title: '教授', years: 20 }), /title: /);
  assert.throws(() => expertAdmission({ title: '高级' }), /years: required/);
  assert.throws(() => expertAdmission({ title: '高级', years: '20' }), /years: expected number/);
  assert.throws(() => expertAdmission({ title: '高级', years: 20, richExperience: 'yes' }), /richExperience/);
});
