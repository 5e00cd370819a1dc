import type { Scope } from '@cityloop/shared/policy/scope';
import type { CaseRating, CaseState } from '@cityloop/shared/city/case.machine';
import type { ClassKind } from '@cityloop/shared/city/classes';
import type { RouteResult } from '@cityloop/shared/city/route-case';
import type { CaseStep, StepSla } from '@cityloop/shared/city/step-sla';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';

/** 案件: a citizen's report (or a patrol's, a plaque complaint's …) going through the GB/T 30428 loop. */
export type CityCase = AggregateBase & {
  kind: ClassKind;
  classCode: string;
  className: string;
  description: string;
  photos: string[];
  location?: { lng: number; lat: number; accuracy?: number };
  facilityId?: string;
  facilityName?: string;
  /** a named place without a facility (the shop of a plaque escalation) */
  placeName?: string;
  urgent: boolean;
  state: CaseState;
  /** the action that led into the current state (Open311 extended status needs it) */
  lastAction?: string;
  routing: RouteResult;
  scope: Scope;
  reporterId: string;
  followers: string[];
  source: 'citizen' | 'patrol' | 'plaque' | 'open311';
  /** the reporter agreed to publish the description (the public Open311 list shows it only then) */
  publishDescription?: boolean;
  /** answers to the class's extra questions (Open311 `attribute[code]`) */
  attributes?: Record<string, string | string[]>;
  /** 处置时限 (from dispatch, extensions included): what 按期结案率 judges */
  deadline?: Date;
  /**
   * The SLA of the case's class as it was when the case was created (the city's table version), so a later
   * import never moves a running case's clocks (docs/domain/city.md §1.6). Older cases have none: the class's.
   */
  sla?: StepSla & { classVersion: number };
  /** The step the case waits for now and its deadline; `escalated` once the scheduler has chased it. */
  stepDue?: { step: CaseStep; at: Date; escalated: boolean };
  dispatchedAt?: Date;
  closedAt?: Date;
  reworkCount: number;
  extensionPending?: { hours: number; reason: string; by: string };
  extensionsGranted: number;
  /** the area chief's last 催办 to the unit (at most one a day) */
  remindedAt?: Date;
  /** when the reporter took the report back (撤回) */
  withdrawnAt?: Date;
  /** 督办 (the latest): the regulator's note and date; every one is also an event in `history` */
  supervision?: { note: string; dueAt: Date; by: string; at: Date };
  rating?: CaseRating;
  disputed: boolean;
  escalated: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export const CASES = 'cases';
/**
 * The reporter of a case the system opened (a plaque complaint escalated to enforcement): nobody's own report,
 * so it is in no citizen's report count or hourly limit; the complainant follows it instead.
 */
export const SYSTEM_REPORTER = 'system:plaque';

/** Per-town class → responsible unit (FixMyStreet's contacts per body). */
export const UNIT_CONTACTS = 'unit_contacts';
export const CASE_INDEXES: CollectionIndexes[] = [
  { collection: CASES, indexes: [{ key: { facilityId: 1, classCode: 1, state: 1 } }, { key: { reporterId: 1, createdAt: -1 } }, { key: { followers: 1 } }, { key: { 'scope.townId': 1, 'scope.gridId': 1, state: 1 } }, { key: { 'scope.orgIds': 1, state: 1 } }, { key: { state: 1, deadline: 1 } }, { key: { 'stepDue.escalated': 1, 'stepDue.at': 1 } }] },
  { collection: UNIT_CONTACTS, indexes: [{ key: { townId: 1, kind: 1, classCode: 1 }, unique: true }] },
];
/** Aggregates whose documents carry messages waiting to be sent (swept by the notify timer). */
export const CASE_OUTBOX_SOURCES = [CASES];
