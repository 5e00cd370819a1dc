import type { Scope } from '@cityloop/shared/policy/scope';
import type { PatrolPeriod } from '@cityloop/shared/city/patrol';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';

/** 巡查规则, set by an area chief for facilities (or whole grids) of their duty grid. */
export type PatrolRuleDoc = AggregateBase & {
  name: string;
  facilityIds: string[];
  gridIds: string[];
  per: PatrolPeriod;
  times: number;
  window: { start: string; end: string };
  patrollerIds: string[];
  active: boolean;
  /** 'manual' by an area chief; 'plaque_grade' set automatically from a shop's grade (issue 4) */
  source: 'manual' | 'plaque_grade';
  scope: Scope;
  createdBy: string;
  createdAt: Date;
};

/** 巡查记录: one scan on site, with where the patroller stood. */
export type PatrolCheckDoc = {
  _id: string;
  ruleId?: string;
  facilityId: string;
  patrollerId: string;
  at: Date;
  location: { lng: number; lat: number; accuracy: number };
  distanceM: number;
  condition: 'ok' | 'problem';
  note?: string;
  photos: string[];
  caseId?: string;
  scope: Scope;
};

/**
 * 片长走访: a one-off visit the area chief owes (a shop fallen to grade D), due by `deadline`; done by the chief's
 * check-in at the target (its plaque or service code).
 */
export type PatrolTaskDoc = AggregateBase & {
  kind: 'chief_visit';
  targetId: string;
  targetName: string;
  assigneeId: string | null;
  reason: string;
  deadline: Date;
  state: 'open' | 'done';
  doneAt?: Date;
  checkId?: string;
  scope: Scope;
  createdAt: Date;
};

/** A city's defaults for a new patrol rule (data per city, edited by its admin). */
export type PatrolDefaultsDoc = { _id: string; per: PatrolPeriod; times: number; window: { start: string; end: string }; updatedBy?: string; updatedAt?: Date; version: number };

export const PATROL_RULES = 'patrol_rules';
export const PATROL_TASKS = 'patrol_tasks';
export const PATROL_DEFAULTS = 'patrol_defaults';
export const PATROL_CHECKS = 'patrol_checks';
/** 漏巡 records (one per rule and period), written by the scheduler */
export const PATROL_MISSED = 'patrol_missed';
export const PATROL_INDEXES: CollectionIndexes[] = [
  { collection: PATROL_RULES, indexes: [{ key: { patrollerIds: 1, active: 1 } }, { key: { 'scope.gridId': 1 } }] },
  { collection: PATROL_CHECKS, indexes: [{ key: { facilityId: 1, at: -1 } }, { key: { patrollerId: 1, at: -1 } }, { key: { 'scope.gridId': 1, at: -1 } }] },
  { collection: PATROL_TASKS, indexes: [{ key: { assigneeId: 1, state: 1 } }, { key: { targetId: 1, state: 1 } }] },
];
/** Aggregates whose documents carry messages waiting to be sent (swept by the notify timer). */
export const PATROL_OUTBOX_SOURCES = [PATROL_RULES, PATROL_MISSED, PATROL_TASKS];
