/**
 * The case API (`/api/cases*`): request schemas the routes parse with, and the shapes of the `data` they answer,
 * which the mini-program reads (it imports the types only, never zod).
 */
import * as z from 'zod';
import { MAX_PHOTOS } from '../platform/evidence.limits';
import { chinaPointSchema, recordVersionSchema, sha256Schema } from '../platform/request.contract';
import { CASE_ACTIONS, CASE_RATINGS, CASE_STATES, type CaseRating, type CaseState } from './case.types';
import type { ClassKind } from './classes';
import { CASE_REASON_MAX, CLASS_CODE, REPORT_DESCRIPTION_MAX } from './case.limits';
import { METRIC_PERIODS, type MetricPeriod, type TrendBucket, type TrendUnit } from './metrics-period';

// Requests ------------------------------------------------------------------------------------------------

const photo = sha256Schema('照片标识应为 SHA-256');
export { chinaPointSchema } from '../platform/request.contract';

/** POST /api/cases. */
export const newCaseRequest = z.object({
  facilityId: z.string().min(3).max(40).optional(),
  kind: z.enum(['component', 'event'], { message: '问题类型应为部件或事件' }),
  classCode: z.string().regex(CLASS_CODE, '小类编码应为 4 位数字'),
  // following an open case needs neither: the server checks both for a new report
  description: z.string().trim().max(REPORT_DESCRIPTION_MAX).default(''),
  photos: z.array(photo).max(MAX_PHOTOS, `最多 ${MAX_PHOTOS} 张照片`).default([]),
  location: chinaPointSchema.optional(),
  urgent: z.boolean().optional(),
  follow: z.boolean().optional(),
  /** the reporter agrees that the description may be published (Open311, public pages); off by default */
  publish: z.boolean().optional(),
});
export type NewCaseBody = z.input<typeof newCaseRequest>;

/** GET /api/cases. */
export const caseListQuery = z.object({ state: z.enum([...CASE_STATES, 'open', 'all']).default('open'), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** POST /api/cases/:id/actions. */
export const caseActionRequest = z.object({
  action: z.enum(CASE_ACTIONS),
  version: recordVersionSchema,
  reason: z.string().trim().max(CASE_REASON_MAX).optional(),
  photos: z.array(photo).max(MAX_PHOTOS).optional(),
  rating: z.enum(CASE_RATINGS).optional(),
  outcome: z.enum(['pass', 'fail']).optional(),
  unitId: z.string().min(1).max(60).optional(),
  extensionHours: z.number().positive().max(24 * 30).optional(),
  gridId: z.string().min(1).max(60).optional(),
  /** `supervise`: 督办时限, an ISO instant */
  dueAt: z.string().datetime({ offset: true, message: 'dueAt: 督办时限应为时间（ISO 8601）' }).optional(),
  location: chinaPointSchema.optional(),
});
export type CaseActionBody = z.input<typeof caseActionRequest>;

export const METRICS_BY = ['town', 'grid', 'unit', 'class'] as const;
export type MetricsBy = (typeof METRICS_BY)[number];
/**
 * GET /api/cases-metrics (and its .xlsx export): the grouping, the period (cases reported in it; `all` = every
 * case, the default for old clients), a custom range's first and last day (Beijing, inclusive) and the trend's unit.
 */
export const metricsQuery = z.object({
  by: z.enum([...METRICS_BY, 'all']).default('town'),
  period: z.enum(METRIC_PERIODS, { message: '统计时段应为本周、本月、本季度、自定义或全部' }).default('all'),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  trend: z.enum(['week', 'month']).optional(),
});
export type MetricsQuery = z.input<typeof metricsQuery>;

// Responses -----------------------------------------------------------------------------------------------

export interface LngLat {
  lng: number;
  lat: number;
}

/** An open case at a facility, as a passer-by may see it (no reporter). */
export interface OpenCaseBrief {
  id: string;
  kind: ClassKind;
  classCode: string;
  className: string;
  state: CaseState;
  createdAt: string;
}

/** One case as lists show it (server `presentCase`). */
export interface CaseSummary {
  id: string;
  version: number;
  kind: ClassKind;
  classCode: string;
  className: string;
  description: string;
  facilityId?: string;
  facilityName?: string;
  /** a named place without a facility (the shop of a plaque escalation) */
  placeName?: string | null;
  state: CaseState;
  stateLabel?: string;
  urgent: boolean;
  deadline: string | null;
  overdue: boolean;
  /** the step the case waits for (受理, 派遣, 处置, 核查) and its deadline */
  stepDue?: { step: 'accept' | 'dispatch' | 'handle' | 'check'; label: string; at: string; overdue: boolean } | null;
  createdAt: string;
  closedAt: string | null;
  rating: CaseRating | null;
  /** the area chief's last 催办 to the unit */
  remindedAt?: string | null;
  /** 催办 sent today (Beijing day, on the server's clock) */
  remindedToday?: boolean;
  followers: number;
  townId?: string;
  gridId?: string;
  unitId: string | null;
  /** names behind the ids (the id itself when the server knows no name) */
  townName?: string | null;
  gridName?: string | null;
  unitName?: string | null;
  queue?: string;
  /** 督办: the regulator's note and date, shown to everyone on the case */
  supervision?: { note: string; dueAt: string; at: string; overdue: boolean } | null;
}

/** GET /api/cases/mine: own reports and followed ones. */
export interface MyCase extends CaseSummary {
  following: boolean;
}

/** POST /api/cases: a new case (201) or the open one the caller now follows (200). */
export interface ReportResult extends CaseSummary {
  followed: boolean;
}

export interface TimelineEntry {
  id?: string;
  action: string;
  label: string;
  at: string;
  role?: string;
  from?: string;
  to?: string;
  toLabel?: string;
  note?: string;
  photos: string[];
  data?: Record<string, unknown>;
}

export interface CaseDetail extends CaseSummary {
  photos: string[];
  location?: LngLat & { accuracy?: number };
  routingMissing?: string[];
  reworkCount: number;
  extensionPending: { hours: number; reason?: string } | null;
  timeline: TimelineEntry[];
}

export interface MetricsRow {
  key: string | null;
  /** the town's, grid's or unit's name (南城街道 for `nancheng`); null for classes */
  name?: string | null;
  closeRate: number | null;
  onTimeCloseRate: number | null;
  reworkRate: number | null;
  avgHandlingHours: number | null;
  satisfactionRate: number | null;
  counts: Record<string, number>;
}

export interface MetricsResult {
  by: string;
  /** the period the numbers cover (dates in Beijing, both inclusive; null for `all`) */
  period: { period: MetricPeriod; from: string | null; to: string | null };
  /** cases reported / closed / closed on time per week or month of the period, empty ones as zeros */
  trend: { unit: TrendUnit; buckets: TrendBucket[] };
  rows: MetricsRow[];
  definitions: Record<string, { zh: string; en?: string }>;
}
