import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agencyQualification } from './agency-qualification';

const ENGINEERS = [{ name: '甲', level: 1 }, { name: '乙', level: 2 }];
const OPERATORS = ['中级', '高级', '初级', '初级', '初级', '初级'];
const MAINTENANCE = { scope: '维保检测', enterpriseLegalPerson: true, workplaceM2: 200, equipmentConforming: true, qualityManagementSystem: true, registeredFireEngineers: ENGINEERS, fireFacilityOperators: OPERATORS };
const ASSESSMENT = { scope: '评估', enterpriseLegalPerson: true, workplaceM2: 100, equipmentConforming: true, assessmentProcessControl: true, registeredFireEngineers: ENGINEERS };

test('应急管理部令第7号 art. 5 (维保检测): exactly at every condition qualifies', () => {
  assert.deepEqual(agencyQualification(MAINTENANCE), { qualified: true, reasons: [] });
  assert.deepEqual(agencyQualification({ ...MAINTENANCE, workplaceM2: 199.9 }).reasons, ['workplace_lt_200m2']);
  assert.deepEqual(agencyQualification({ ...MAINTENANCE, fireFacilityOperators: OPERATORS.slice(0, 5) }).reasons, ['operators_lt_6']);
  // 6 operators but only one at 中级 or above
  assert.deepEqual(agencyQualification({ ...MAINTENANCE, fireFacilityOperators: ['技师', '初级', '初级', '初级', '初级', '初级'] }).reasons, ['operators_intermediate_plus_lt_2']);
  // {level} objects are accepted too; 技师 and 高级技师 are above 中级
  assert.equal(agencyQualification({ ...MAINTENANCE, fireFacilityOperators: [{ name: 'a', level: '高级技师' }, { level: '技师' }, '初级', '初级', '初级', '初级'] }).qualified, true);
  assert.deepEqual(agencyQualification({ ...MAINTENANCE, qualityManagementSystem: false }).reasons, ['no_quality_management_system']);
  // assessment process control is not a maintenance condition
  assert.equal(agencyQualification({ ...MAINTENANCE, assessmentProcessControl: false }).qualified, true);
});

test('art. 6 (评估): 100 m², engineers, assessment process control; no operator condition', () => {
  assert.deepEqual(agencyQualification(ASSESSMENT), { qualified: true, reasons: [] });
  assert.deepEqual(agencyQualification({ ...ASSESSMENT, workplaceM2: 99 }).reasons, ['workplace_lt_100m2']);
  assert.deepEqual(agencyQualification({ ...ASSESSMENT, assessmentProcessControl: false }).reasons, ['no_assessment_process_control']);
});

test('engineers: ≥ 2 counted, one of them 一级; an engineer registered elsewhere does not count', () => {
  assert.deepEqual(agencyQualification({ ...ASSESSMENT, registeredFireEngineers: [{ name: '甲', level: 2 }, { name: '乙', level: 2 }] }).reasons, ['no_level1_registered_engineer']);
  assert.deepEqual(agencyQualification({ ...ASSESSMENT, registeredFireEngineers: [{ name: '甲', level: 1 }] }).reasons, ['registered_engineers_lt_2']);
  assert.deepEqual(
    agencyQualification({ ...ASSESSMENT, registeredFireEngineers: [{ name: '甲', level: 1, alsoRegisteredElsewhere: true }, { name: '乙', level: 2 }, { name: '丙', level: 2 }] }).reasons,
    ['no_level1_registered_engineer'],
  );
});

test('both scopes: the union (200 m², operators, both systems), every reason in order', () => {
  assert.deepEqual(agencyQualification({ ...MAINTENANCE, scope: '维保检测+评估', assessmentProcessControl: true }), { qualified: true, reasons: [] });
  assert.deepEqual(agencyQualification({ ...MAINTENANCE, scope: '维保检测+评估', workplaceM2: 150, assessmentProcessControl: true }).reasons, ['workplace_lt_200m2']);
  const nothing = { enterpriseLegalPerson: false, workplaceM2: 0, equipmentConforming: false, registeredFireEngineers: [], fireFacilityOperators: [], qualityManagementSystem: false, assessmentProcessControl: false };
  assert.deepEqual(agencyQualification({ scope: '维保检测+评估', ...nothing }).reasons, [
    'not_enterprise_legal_person', 'workplace_lt_200m2', 'equipment_nonconforming', 'registered_engineers_lt_2', 'no_level1_registered_engineer',
    'operators_lt_6', 'operators_intermediate_plus_lt_2', 'no_quality_management_system', 'no_assessment_process_control',
  ]);
  assert.deepEqual(agencyQualification({ scope: '评估', enterpriseLegalPerson: false, workplaceM2: 0, equipmentConforming: false, registeredFireEngineers: [], assessmentProcessControl: false }).reasons, [
    'not_enterprise_legal_person', 'workplace_lt_100m2', 'equipment_nonconforming', 'registered_engineers_lt_2', 'no_level1_registered_engineer', 'no_assessment_process_control',
  ]);
});

test('bad requests', () => {
  assert.throws(() => agencyQualification({ ...MAINTENANCE, scope: '检测' }), /scope: /);
  assert.throws(() => agencyQualification({ ...MAINTENANCE, scope: undefined }), /scope: required/);
  assert.throws(() => agencyQualification({ ...MAINTENANCE, registeredFireEngineers: [{ name: '甲', level: 3 }] }), /registeredFireEngineers\[0\]\.level: expected 1 or 2/);
  assert.throws(() => agencyQualification({ ...MAINTENANCE, fireFacilityOperators: ['特级'] }), /fireFacilityOperators\[0\]/);
  assert.throws(() => agencyQualification({ ...MAINTENANCE, workplaceM2: '200' }), /workplaceM2/);
  // a missing fact is a bad request (exit 2), not a condition silently failed; facts only the other scope needs may be left out
  assert.throws(() => agencyQualification({ scope: '维保检测+评估' }), /enterpriseLegalPerson: required/);
  assert.throws(() => agencyQualification({ ...MAINTENANCE, qualityManagementSystem: undefined }), /qualityManagementSystem: required for scope 维保检测/);
  assert.throws(() => agencyQualification({ ...MAINTENANCE, scope: '维保检测+评估' }), /assessmentProcessControl: required/);
  const { fireFacilityOperators: _o, qualityManagementSystem: _q, ...assessmentOnly } = MAINTENANCE;
  assert.deepEqual(agencyQualification({ ...assessmentOnly, scope: '评估', assessmentProcessControl: true }), { qualified: true, reasons: [] });
});
