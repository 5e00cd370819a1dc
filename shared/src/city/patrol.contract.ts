/**
 * The patrol API (`/api/patrol/*`): request schemas the routes parse with, and the shapes of the `data` they
 * answer, which the mini-program reads (it imports the types only, never zod).
 */
import * as z from 'zod';
import { MAX_PHOTOS } from '../platform/evidence.limits';
import { recordVersionSchema, sha256Schema } from '../platform/request.contract';
import { mobileSchema, personNameSchema } from '../identity/identity.contract';
import type { PatrolRuleState } from './patrol-rule.machine';
import type { LngLat } from './case.contract';
import { CLASS_CODE, HHMM, PATROL_NOTE_MAX, PATROL_RULE_NAME_MAX, PATROL_RULE_NAME_MIN, PATROL_TIMES_MAX, REPORT_DESCRIPTION_MAX, REPORT_DESCRIPTION_MIN } from './case.limits';

export const PATROL_PERS = ['day', 'week', 'month'] as const;
export type PatrolPer = (typeof PATROL_PERS)[number];

const hhmm = z.string().regex(HHMM, '时间格式应为 HH:MM');

/** POST /api/patrol/rules. */
export const patrolRuleRequest = z.object({
  name: z.string().trim().min(PATROL_RULE_NAME_MIN).max(PATROL_RULE_NAME_MAX),
  gridId: z.string().min(1),
  facilityIds: z.array(z.string()).max(2000).default([]),
  wholeGrid: z.boolean().default(false),
  /** left out: the city's default (GET /api/patrol/defaults) */
  per: z.enum(PATROL_PERS).optional(),
  times: z.number().int().min(1).max(PATROL_TIMES_MAX).optional(),
  window: z.object({ start: hhmm, end: hhmm }).optional(),
  patrollerIds: z.array(z.string()).min(1, '请指定巡查人员').max(50),
});
export type PatrolRuleBody = z.input<typeof patrolRuleRequest>;

/** PUT /api/patrol/rules/:id (WeChat's request has no PATCH): the fields given replace the rule's (the grid stays). */
export const patrolRuleEditRequest = z
  .object({
    version: recordVersionSchema,
    name: z.string().trim().min(PATROL_RULE_NAME_MIN).max(PATROL_RULE_NAME_MAX).optional(),
    facilityIds: z.array(z.string()).min(1, '请至少选择 1 处设施').max(2000).optional(),
    per: z.enum(PATROL_PERS).optional(),
    times: z.number().int().min(1).max(PATROL_TIMES_MAX).optional(),
    window: z.object({ start: hhmm, end: hhmm }).optional(),
    patrollerIds: z.array(z.string()).min(1, '请指定巡查人员').max(50).optional(),
  })
  .strict();
export type PatrolRuleEditBody = z.input<typeof patrolRuleEditRequest>;

/** POST /api/patrol/rules/:id/pause, /resume. */
export const patrolRuleStateRequest = z.object({ version: recordVersionSchema });

/** YYYY-MM-DD, a real calendar date. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '日期不存在');

/**
 * POST /api/patrol/invitations: an area chief brings in a (third-party) patroller for some of their grids, until a
 * date (the binding ends at the end of that day, Beijing time).
 */
export const patrollerInvitationRequest = z.object({
  name: personNameSchema,
  phone: mobileSchema,
  company: z.string().trim().max(40).optional(),
  gridIds: z.array(z.string().min(1)).min(1, '请至少选择 1 个网格').max(50),
  until: isoDate,
});
export type PatrollerInvitationBody = z.input<typeof patrollerInvitationRequest>;

/** GET /api/patrol/grid-map, GET /api/patrol/coverage/checks. */
export const gridMapQuery = z.object({ gridId: z.string().min(1), per: z.enum(PATROL_PERS).default('week') });
export const coverageChecksQuery = z.object({ per: z.enum(PATROL_PERS).default('week'), gridId: z.string().min(1).optional() });

/** POST /api/patrol/checks. */
export const patrolCheckRequest = z.object({
  code: z.string().min(10).max(300),
  location: z.object({ lng: z.number(), lat: z.number(), accuracy: z.number().nonnegative() }),
  condition: z.enum(['ok', 'problem']),
  note: z.string().trim().max(PATROL_NOTE_MAX).optional(),
  photos: z.array(sha256Schema()).max(MAX_PHOTOS).default([]),
  problem: z.object({ kind: z.enum(['component', 'event']), classCode: z.string().regex(CLASS_CODE), description: z.string().trim().min(REPORT_DESCRIPTION_MIN).max(REPORT_DESCRIPTION_MAX) }).optional(),
});
export type PatrolCheckBody = z.input<typeof patrolCheckRequest>;

/** GET /api/patrol/coverage. */
export const coverageQuery = z.object({ per: z.enum(PATROL_PERS).default('week') });

export interface PatrolTask {
  ruleId: string;
  facilityId: string;
  /** a shop's responsibility plaque (责任户) or a city facility */
  kind?: 'shop' | 'facility';
  facilityName?: string;
  location?: LngLat;
  per: PatrolPer;
  times: number;
  done: number;
  remaining: number;
  periodStart?: string;
  periodEnd?: string;
}

export interface PatrolCheckResult {
  id: string;
  facility: string;
  distanceM: number;
  condition: 'ok' | 'problem';
  caseId?: string;
  /** 片长走访 tasks this check-in completed */
  visitsDone?: number;
  kind?: 'shop' | 'facility';
  /** the patroller's task here after this check-in: whether it counted (inside the rule's hours) and the period's total */
  progress?: { per: PatrolPer; times: number; done: number; counted: boolean; window: { start: string; end: string } };
}

/** GET /api/patrol/tasks: a visit the area chief owes. */
export interface PatrolVisitTask {
  id: string;
  kind: 'chief_visit';
  targetId: string;
  targetName: string;
  reason: string;
  deadline: string;
  state: 'open' | 'done';
  doneAt?: string;
  gridId?: string;
}

export interface CoverageRow {
  patrollerId: string;
  gridId: string;
  due: number;
  done: number;
  missed: number;
}

/** GET /api/patrol/rules: one rule as the area chief manages it. */
export interface PatrolRuleView {
  id: string;
  version: number;
  name: string;
  gridId: string;
  state: PatrolRuleState;
  source: 'manual' | 'plaque_grade';
  facilityIds: string[];
  per: PatrolPer;
  times: number;
  window: { start: string; end: string };
  patrollerIds: string[];
  policies: { edit: boolean; pause: boolean; resume: boolean };
}

/** POST /api/patrol/invitations. The code is also texted to the phone. */
export interface PatrollerInvitationResult {
  code: string;
  contactId: string;
  gridIds: string[];
  until: string;
  expiresAt: string;
}

/** One check-in as coverage shows it: when, how far from the facility, how precise the fix, the photos. */
export interface CoverageCheck {
  id: string;
  at: string;
  patrollerId: string;
  facilityId: string;
  facilityName?: string;
  gridId?: string;
  distanceM: number;
  accuracyM: number;
  condition: 'ok' | 'problem';
  photos: string[];
  caseId?: string;
}

/** A facility on the grid map: done (all checks of the period), due (some still owed), missed (a 漏巡 recorded). */
export type GridMapStatus = 'done' | 'due' | 'missed';
export interface GridMapFacility {
  id: string;
  name: string;
  classCode?: string;
  componentId?: string;
  location: LngLat;
  status: GridMapStatus | null;
}
export interface GridMapComplaint {
  id: string;
  shopName: string;
  className: string;
  state: string;
  deadline: string;
  location: LngLat;
}
/** An open case of the grid (a citizen's report, a patrol finding, an escalated plaque complaint). */
export interface GridMapCase {
  id: string;
  title: string;
  state: string;
  location: LngLat;
}
export interface GridMap {
  gridId: string;
  name: string;
  polygon: LngLat[];
  facilities: GridMapFacility[];
  complaints: GridMapComplaint[];
  cases: GridMapCase[];
}

/** GET /api/patrol/defaults: the city's default frequency and window for a new rule (data, per city). */
export interface PatrolDefaults {
  cityId: string;
  per: PatrolPer;
  times: number;
  window: { start: string; end: string };
}
