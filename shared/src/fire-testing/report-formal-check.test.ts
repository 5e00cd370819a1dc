import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportFormalCheck } from './report-formal-check';

const GOOD = { techLeadSigned: true, techLeadLevel: 1, projectLeadSigned: true, practiceSeals: true, agencySeal: true };

test('signatures and seals, defects in order', () => {
  assert.deepEqual(reportFormalCheck(GOOD), { valid: true, defects: [] });
  assert.deepEqual(reportFormalCheck({ ...GOOD, techLeadLevel: 2 }), { valid: false, defects: ['tech_lead_not_level1'] });
  assert.deepEqual(reportFormalCheck({ ...GOOD, techLeadLevel: null }).defects, ['tech_lead_not_level1']);
  // no signature: the level is not looked at
  assert.deepEqual(reportFormalCheck({ ...GOOD, techLeadSigned: false, techLeadLevel: 2 }).defects, ['missing_tech_lead_signature']);
  assert.deepEqual(reportFormalCheck({ ...GOOD, agencySeal: false }).defects, ['missing_agency_seal']);
  assert.deepEqual(reportFormalCheck({ techLeadSigned: false, projectLeadSigned: false, practiceSeals: false, agencySeal: false }), {
    valid: false, defects: ['missing_tech_lead_signature', 'missing_project_lead_signature', 'missing_practice_seals', 'missing_agency_seal'],
  });
  assert.deepEqual(reportFormalCheck({ techLeadSigned: true, techLeadLevel: 2, projectLeadSigned: false, practiceSeals: true, agencySeal: false }).defects, ['tech_lead_not_level1', 'missing_project_lead_signature', 'missing_agency_seal']);
});

test('bad requests', () => {
  assert.throws(() => reportFormalCheck({ ...GOOD, techLeadLevel: 3 }), /techLeadLevel: expected 1 or 2/);
  assert.throws(() => reportFormalCheck({ ...GOOD, agencySeal: 'yes' }), /agencySeal/);
  assert.throws(() => reportFormalCheck({ techLeadSigned: true, techLeadLevel: 1, projectLeadSigned: true, practiceSeals: true }), /agencySeal: required/);
});
