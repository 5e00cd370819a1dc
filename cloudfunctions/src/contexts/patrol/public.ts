// What other contexts may use of patrols: record types and the rule/check readers and writers the scheduler and plaque grades need.
export { PATROL_MISSED, PATROL_RULES, type PatrolCheckDoc, type PatrolRuleDoc } from './patrol.collections';
export { activePatrolRules, checksOfFacilities, findRuleFrequency, insertMissedPatrol, upsertSystemRule, type MissedPatrolDoc } from './patrol.repository';
export { createChiefVisit } from './chief-visit';
export { PATROL_TASKS, type PatrolTaskDoc } from './patrol.collections';
