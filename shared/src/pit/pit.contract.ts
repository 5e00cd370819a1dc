/**
 * The pit API (`/api/pit/*`, `/api/ingest/pit/*`): request schemas the routes parse with, and the shapes of
 * the `data` they answer, which the mini-program reads (it imports the types only, never zod).
 */
import * as z from 'zod';
import { MAX_PHOTOS } from '../platform/evidence.limits';
import { chinaPointSchema, recordVersionSchema, sha256Schema } from '../platform/request.contract';
import type { Level } from './levels';
import type { AlarmKind, AlarmStatus } from './domain/alarm.machine';
import type { ProjectStatus } from './domain/project.machine';
import { UPLOAD_FORMATS } from './domain/epoch.solve';
import { PIT_UPLOAD_MAX_BYTES, PIT_UPLOAD_TOO_LARGE } from './domain/upload-limits';
import type { UploadStatus } from './pit.limits';
import {
  ALARM_NOTE_MAX,
  CONTROL_REASON_MAX,
  CONTROL_REASON_MIN,
  DANGER_DESCRIPTION_MAX,
  DANGER_DESCRIPTION_MIN,
  VOID_REASON_MAX,
  VOID_REASON_MIN,
} from './pit.limits';

// Requests ------------------------------------------------------------------------------------------------

/** The alarm actions a person takes (`exceed_again` is the system's). */
export const ALARM_USER_ACTIONS = ['handle', 'archive', 'return', 'comment', 'require_action', 'escalate', 'reopen'] as const;
export type AlarmUserAction = (typeof ALARM_USER_ACTIONS)[number];

const photos = z.array(sha256Schema()).max(MAX_PHOTOS).default([]);

export const voidUploadRequest = z.object({
  reason: z.string({ message: '请说明作废原因' }).trim().min(VOID_REASON_MIN, `请说明作废原因（至少 ${VOID_REASON_MIN} 个字）`).max(VOID_REASON_MAX, `作废原因不超过 ${VOID_REASON_MAX} 字`),
});

export const alarmListQuery = z.object({ projectId: z.string().optional(), status: z.enum(['open', 'raised', 'handled', 'archived', 'all']).default('open') });

export const alarmActionRequest = z.object({
  action: z.enum(ALARM_USER_ACTIONS),
  note: z.string().trim().max(ALARM_NOTE_MAX).default(''),
  evidence: photos,
  version: recordVersionSchema,
  location: chinaPointSchema.optional(),
  /** 销警 while the point's current reading is still over its limit: the owner confirms it knowingly (the regulator is told) */
  acknowledgeOverLimit: z.boolean().optional(),
});
export type AlarmActionRequest = z.input<typeof alarmActionRequest>;

export const dangerAlarmRequest = z.object({
  description: z.string().trim().min(DANGER_DESCRIPTION_MIN, '请描述险情').max(DANGER_DESCRIPTION_MAX),
  evidence: photos,
  // a position in China, as the phone reported it (before: any number, 1e308 included, was stored)
  location: chinaPointSchema.optional(),
});
export type DangerAlarmRequest = z.input<typeof dangerAlarmRequest>;

export const dailyReportQuery = z.object({ date: z.string({ message: '请填写日期（YYYY-MM-DD）' }) });

export const controlEditRequest = z.object({
  cumulative: z.number().positive('控制值须大于 0'),
  rate: z.number({ message: '速率控制值应为数字或 null' }).positive('速率控制值须大于 0').nullable(),
  reason: z.string().trim().min(CONTROL_REASON_MIN, '请说明修改依据').max(CONTROL_REASON_MAX),
  version: recordVersionSchema,
});

/** What the monitoring unit sends: the raw file's text, its format and (GSI and DiNi files: level or total station) when it was observed. */
export const pitUploadRequest = z.object({
  format: z.enum(UPLOAD_FORMATS, { message: `文件格式应为 ${UPLOAD_FORMATS.join(' / ')}` }),
  text: z.string().min(1, '文件内容为空').max(PIT_UPLOAD_MAX_BYTES, PIT_UPLOAD_TOO_LARGE),
  observedAt: z.string().datetime({ offset: true, message: '观测时间应为带时区的 ISO 8601 时间' }).optional(),
});
export type PitUploadBody = z.input<typeof pitUploadRequest>;

// Responses -----------------------------------------------------------------------------------------------

export interface PitProjectSummary {
  id: string;
  name: string;
  address: string;
  townId: string;
  safetyLevel: number;
  depthM: number;
  worstLevel: Level;
  worstLevelLabel?: string;
  /** lifecycle: pending / active / paused / closed (shared/pit/domain/project.machine.ts) */
  status?: ProjectStatus;
  statusLabel?: string;
  openAlarms: number;
  lastUploadAt: string | null;
}

/**
 * The server's verdict on a rate (`rateVerdict` in domain/point-judge.ts): a rate over less than half a day,
 * or without a rate control, is shown but has no level — show 未判定 and `rateNote`, never 正常. Optional:
 * older servers did not send it.
 */
export interface RateJudgement {
  rateJudged?: boolean;
  rateNotJudged?: 'no_previous' | 'no_rate_control' | 'interval_too_short' | null;
  /** e.g. `未判定：距上次观测 3 小时，间隔不足半天` */
  rateNote?: string | null;
}

export interface PitPointRow {
  code: string;
  item: string;
  itemLabel: string;
  unit: string;
  control: { cumulative: number; rate: number | null };
  controlSource: 'standard' | 'designer';
  last: ({ value: number; rate: number | null; level: Level; at: string } & RateJudgement) | null;
}

export type PitPartyRole = 'owner' | 'contractor' | 'supervisor' | 'monitor' | 'designer';

export interface PitProjectDetail {
  id: string;
  name: string;
  address: string;
  location?: { lng: number; lat: number };
  safetyLevel: number;
  depthM: number;
  supportType: string;
  worstLevel: Level;
  levels: Thresholds;
  status?: ProjectStatus;
  statusLabel?: string;
  /** names from the people's accounts; phones masked (138****1234), null when unknown */
  parties: Partial<Record<PitPartyRole, { org: string; people: { userId?: string; name: string; phoneMasked?: string | null; hasAccount?: boolean }[] }>>;
  points: PitPointRow[];
  /** The first day (Beijing, `YYYY-MM-DD`) with accepted data: the earliest daily report; null before any. */
  firstDataDate?: string | null;
}

export interface Thresholds {
  yellow: number;
  orange: number;
  red: number;
}

export interface PitEpoch extends RateJudgement {
  time: string;
  value: number;
  rate: number | null;
  level: Level;
  /** Inclinometer holes: displacement (mm) per depth. */
  profile?: number[];
  /** Inclinometer holes: depths (m), same length as `profile`. */
  depths?: number[];
}

export interface PitSeries {
  point: string;
  item: string;
  itemLabel: string;
  unit: string;
  rateUnit: string;
  /** In the value's unit, positive; values are judged on |value|. */
  thresholds: Thresholds;
  rateThresholds: Thresholds | null;
  epochs: PitEpoch[];
}

export interface PitUploadRecord {
  id: string;
  seq: number;
  status: UploadStatus;
  reason?: string;
  format: string;
  observedAt: string;
  receivedAt: string;
  flags: { code: string; [key: string]: unknown }[];
  summary?: Record<string, unknown>;
  results: ({ point: string; unit?: string | null; value: number; rate: number | null; ratio: number | null; level: Level; intervalDays?: number | null } & RateJudgement)[];
  /** a regulator voided it: kept as evidence, counts for nothing */
  voided?: { at: string; reason: string } | null;
}

/** The ingest's answer: the upload as listed, plus whether it was a repeat and which alarms it raised. */
export interface PitUploadOutcome extends PitUploadRecord {
  /** The same file was uploaded before: this is that upload. */
  duplicate: boolean;
  alarms: string[];
}

export interface PitAlarmView extends Pick<RateJudgement, 'rateJudged' | 'rateNote'> {
  id: string;
  version: number;
  projectId: string;
  projectName: string;
  point: string;
  item: string;
  itemLabel: string;
  kind: AlarmKind;
  level: Level;
  levelLabel?: string;
  status: AlarmStatus;
  statusLabel?: string;
  value?: number;
  control?: number;
  ratio?: number;
  rate?: number | null;
  description?: string;
  escalated: boolean;
  /** The supervisor's handling deadline. */
  dueAt: string;
  /** The deadline of the step the alarm waits for: handling, then the owner's review; null once archived. */
  stepDueAt?: string | null;
  createdAt: string;
  /** when a later exceedance last raised the level (e.g. to red); null when it never rose */
  levelRaisedAt?: string | null;
  updatedAt: string;
}

export interface PitAlarmEvent {
  id: string;
  action: string;
  at: string;
  actor: string;
  role?: string;
  from?: string;
  to?: string;
  note?: string;
  evidence: string[];
  data?: Record<string, unknown>;
}

/** A message that did not reach someone, as the trail records it (e.g. 短信未送达：已达当日发送上限). */
export interface PitUndelivered {
  channel: string;
  to: string | null;
  why: string | null;
  note?: string;
  at: string;
}

export interface PitAlarmDetail extends PitAlarmView {
  history: PitAlarmEvent[];
  undelivered?: PitUndelivered[];
  /** a threshold alarm whose point's latest reading is still over its limit (whatever the alarm's state) */
  overLimitNow?: { level: 'yellow' | 'orange' | 'red'; levelLabel: string; value: number; ratio: number | null } | null;
}
