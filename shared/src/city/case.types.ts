import type { Role } from '../identity/roles';

/** Case states (docs/GLOSSARY.md, GB/T 30428 loop), snake_case. */
export const CASE_STATES = ['received', 'accepted', 'rejected', 'dispatched', 'in_progress', 'handled', 'closed', 'parked', 'deferred', 'withdrawn'] as const;
/** @example const s: CaseState = 'in_progress'; */
export type CaseState = (typeof CASE_STATES)[number];

/**
 * Case actions (docs/GLOSSARY.md), plus the two extension decisions and 挂账/缓办 (docs/domain/city.md §1.2), and
 * the reporter's 补充/撤回 and the area chief's 催办 (docs/domain/city.md §1.2).
 */
export const CASE_ACTIONS = [
  'accept',
  'reject',
  'dispatch',
  'start',
  'return',
  'extend',
  'approve_extension',
  'deny_extension',
  'report',
  'verify',
  'rate',
  'dispute',
  'park',
  'defer',
  'assign_grid',
  'supplement',
  'withdraw',
  'remind',
  'supervise',
] as const;
/** @example const a: CaseAction = 'approve_extension'; */
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Who acts: a staff role (identity/roles.ts), the reporting citizen, or an automation rule. */
export type CaseActor = Role | 'citizen' | 'system';

/** Citizen satisfaction (12319/12345 回访 scale; docs/domain/city.md §5 满意率 counts 满意 + 基本满意). */
export const CASE_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
/** @example const r: CaseRating = 'basically_satisfied'; */
export type CaseRating = (typeof CASE_RATINGS)[number];

/** What an action needs from the actor. */
export type CaseInput = 'reason' | 'photos' | 'rating' | 'outcome' | 'unitId' | 'extensionHours' | 'gridId' | 'details' | 'dueAt';

/** 核查 result: pass → 结案, fail → 返工. */
export type VerifyOutcome = 'pass' | 'fail';
