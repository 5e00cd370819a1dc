/**
 * The patrol API (`/api/patrol/*`): request schemas the routes parse with, and the shapes of the `data` they
 * answer, which the mini-program reads (it imports the types only, never zod).
 */
import * as z from 'zod';
import { MAX_PHOTOS } from '../platform/evidence.limits';
import { sha256Schema } from '../platform/request.contract';
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
  per: z.enum(PATROL_PERS),
  times: z.number().int().min(1).max(PATROL_TIMES_MAX),
  window: z.object({ start: hhmm, end: hhmm }).default({ start: '08:00', end: '18:00' }),
  patrollerIds: z.array(z.string()).min(1, '请指定巡查人员').max(50),
});
export type PatrolRuleBody = z.input<typeof patrolRuleRequest>;

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
}

export interface CoverageRow {
  patrollerId: string;
  gridId: string;
  due: number;
  done: number;
  missed: number;
}
