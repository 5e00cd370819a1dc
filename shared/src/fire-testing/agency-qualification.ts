import * as z from 'zod';
import { parseRules, rulesError } from '../rules/rules-request';

/**
 * Every fact the scope's conditions need must be given (a missing one is a bad request, exit 2, as for every
 * kind); facts only the other scope needs may be left out (a 评估-only agency need not list its operators).
 */
const flag = z.boolean().optional();
const OPERATOR_LEVELS = ['初级', '中级', '高级', '技师', '高级技师'] as const;
const operatorLevel = z.enum(OPERATOR_LEVELS);

export const agencyQualificationRequestSchema = z.object({
  scope: z.enum(['维保检测', '评估', '维保检测+评估']),
  enterpriseLegalPerson: z.boolean(),
  workplaceM2: z.number().nonnegative(),
  equipmentConforming: z.boolean(),
  qualityManagementSystem: flag,
  assessmentProcessControl: flag,
  registeredFireEngineers: z
    .array(z.object({ name: z.string().nullish(), level: z.union([z.literal(1), z.literal(2)], { error: 'expected 1 or 2' }), alsoRegisteredElsewhere: z.boolean().nullish().transform((v) => v ?? false) })),
  /** Each operator's certificate level, as the level itself or `{level}`. */
  fireFacilityOperators: z
    .array(z.union([operatorLevel, z.object({ name: z.string().nullish(), level: operatorLevel }).transform((o) => o.level)]))
    .optional(),
});

/** The facts a scope needs beyond the common ones. */
const requiredFor = (maintenance: boolean, assessment: boolean) => [
  ...(maintenance ? (['fireFacilityOperators', 'qualityManagementSystem'] as const) : []),
  ...(assessment ? (['assessmentProcessControl'] as const) : []),
];

export type QualificationReason =
  | 'not_enterprise_legal_person'
  | 'workplace_lt_200m2'
  | 'workplace_lt_100m2'
  | 'equipment_nonconforming'
  | 'registered_engineers_lt_2'
  | 'no_level1_registered_engineer'
  | 'operators_lt_6'
  | 'operators_intermediate_plus_lt_2'
  | 'no_quality_management_system'
  | 'no_assessment_process_control';
export type AgencyQualificationResult = { qualified: boolean; reasons: QualificationReason[] };

/** 应急管理部令第7号 arts. 5–6 (docs/domain/fire-testing.md §1). */
export const PRACTICE_CONDITIONS = { maintenanceWorkplaceM2: 200, assessmentWorkplaceM2: 100, engineers: 2, operators: 6, intermediatePlusOperators: 2 } as const;

/**
 * May a fire-protection technical service agency take work of `scope` (应急管理部令第7号 arts. 5–7; the union
 * of both for 维保检测+评估)? Registered engineers also registered elsewhere do not count. Reasons in the
 * contract's order (docs/domain/fire-testing.md §4).
 *
 * @example
 *   agencyQualification({ scope: '评估', enterpriseLegalPerson: true, workplaceM2: 120, equipmentConforming: true,
 *     assessmentProcessControl: true, registeredFireEngineers: [{ name: '甲', level: 1 }, { name: '乙', level: 2 }] })
 *   // { qualified: true, reasons: [] }
 */
export function agencyQualification(input: unknown): AgencyQualificationResult {
  const req = parseRules(agencyQualificationRequestSchema, input);
  const maintenance = req.scope !== '评估';
  const assessment = req.scope !== '维保检测';
  for (const field of requiredFor(maintenance, assessment)) {
    if (req[field] === undefined) throw rulesError(field, `required for scope ${req.scope} (expected ${field === 'fireFacilityOperators' ? 'array' : 'boolean'})`);
  }
  const engineers = req.registeredFireEngineers.filter((e) => !e.alsoRegisteredElsewhere);
  const operators = req.fireFacilityOperators ?? [];
  const c = PRACTICE_CONDITIONS;
  const reasons: QualificationReason[] = [];
  if (!req.enterpriseLegalPerson) reasons.push('not_enterprise_legal_person');
  if (maintenance ? req.workplaceM2 < c.maintenanceWorkplaceM2 : req.workplaceM2 < c.assessmentWorkplaceM2) reasons.push(maintenance ? 'workplace_lt_200m2' : 'workplace_lt_100m2');
  if (!req.equipmentConforming) reasons.push('equipment_nonconforming');
  if (engineers.length < c.engineers) reasons.push('registered_engineers_lt_2');
  if (!engineers.some((e) => e.level === 1)) reasons.push('no_level1_registered_engineer');
  if (maintenance) {
    if (operators.length < c.operators) reasons.push('operators_lt_6');
    if (operators.filter((l) => l !== '初级').length < c.intermediatePlusOperators) reasons.push('operators_intermediate_plus_lt_2');
    if (!req.qualityManagementSystem) reasons.push('no_quality_management_system');
  }
  if (assessment && !req.assessmentProcessControl) reasons.push('no_assessment_process_control');
  return { qualified: reasons.length === 0, reasons };
}
