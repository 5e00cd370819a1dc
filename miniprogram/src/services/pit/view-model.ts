/** 深基坑监测: what the pit pages show, as pure functions of the API's data. */
import { ROLE_LABELS } from '@cityloop/shared/identity/roles';
import { ALARM_ACTION_LABELS } from '@cityloop/shared/pit/domain/alarm.machine';
import { ITEMS, SUPPORT_TYPES } from '@cityloop/shared/pit/domain/items';
import { LEVEL_LABELS, LEVEL_RANK } from '@cityloop/shared/pit/levels';
import type { PitEpoch, RateJudgement, Thresholds } from '@cityloop/shared/pit/pit.contract';
import type { PartyRole } from '../pit-access';
import type { PitAlarm, PitLevel } from './api';

export { ALARM_STATUS_LABELS } from '@cityloop/shared/pit/domain/alarm.machine';
export { ALARM_KIND_LABELS, UPLOAD_STATUS_LABELS } from '@cityloop/shared/pit/pit.limits';

// Levels -----------------------------------------------------------------------------------------------

export const LEVEL_COLORS: Record<PitLevel, string> = { normal: '#2ba471', yellow: '#f5c400', orange: '#ff8a00', red: '#e02020' };
/** Text on a level-coloured badge: yellow needs dark text to stay readable. */
export const LEVEL_TEXT_COLORS: Record<PitLevel, string> = { normal: '#ffffff', yellow: '#1f2329', orange: '#ffffff', red: '#ffffff' };
export { LEVEL_LABELS, worseLevel } from '@cityloop/shared/pit/levels';
export const LEVEL_SHORT: Record<PitLevel, string> = { normal: '正常', yellow: '黄', orange: '橙', red: '红' };
export const isLevel = (v: unknown): v is PitLevel => typeof v === 'string' && v in LEVEL_RANK;
export const levelOf = (v: unknown): PitLevel => (isLevel(v) ? v : 'normal');
export const levelLabel = (level: unknown, serverLabel?: string): string => serverLabel || LEVEL_LABELS[levelOf(level)];

export const levelRank = (l: PitLevel): number => LEVEL_RANK[levelOf(l)];

// Numbers ----------------------------------------------------------------------------------------------

/** Decimals for a unit: 0.01 mm resolution (docs/domain/pit.md), kN to 0.1, tilt to 0.001‰. */
export function unitDecimals(unit: string | undefined): number {
  const u = (unit ?? '').split('/')[0];
  if (u === 'kN') return 1;
  if (u === 'mm') return 2;
  // tilt: a building's 2‰ control with 0.1‰/d rate, whose 85 % line is 0.085‰/d
  if (u === '‰') return 3;
  return 2;
}

/** `-10.49`; never `-0.00`; `—` for a missing value. */
export function formatNumber(v: number | null | undefined, decimals = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = v.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

export const formatValue = (v: number | null | undefined, unit: string): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : `${formatNumber(v, unitDecimals(unit))} ${unit}`;

/** Units of a monitoring item (alarms carry the item but not its unit). */
export function itemUnits(item: string): { unit: string; rateUnit: string } {
  const it = (ITEMS as Record<string, { unit: string; rateUnit: string } | undefined>)[item];
  return it ? { unit: it.unit, rateUnit: it.rateUnit } : { unit: '', rateUnit: '' };
}

/** |value| / control, or null when there is no control. */
export function ratioOf(value: number | null | undefined, control: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || !control || control <= 0) return null;
  return Math.abs(value) / control;
}

/** `104.9%` (one decimal), `—` when unknown. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${formatNumber(ratio * 100, 1)}%`;
}

// Series -----------------------------------------------------------------------------------------------

/** The last `n` epochs, newest first (the plain-text table under the curve). */
export function lastEpochs(epochs: PitEpoch[], n = 10): PitEpoch[] {
  return epochs.slice(-n).reverse();
}

/** Level of a rate against its thresholds (|rate|, inclusive), or null without thresholds. */
export function rateLevel(rate: number | null | undefined, t: Thresholds | null | undefined): PitLevel | null {
  if (!t || rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  const r = Math.abs(rate) + 1e-9;
  return r >= t.red ? 'red' : r >= t.orange ? 'orange' : r >= t.yellow ? 'yellow' : 'normal';
}

/** A rate that is shown but was not judged (there is a rate, the server says `rateJudged: false`). */
export const rateUnjudged = (r: { rate?: number | null } & RateJudgement): boolean =>
  r.rate !== null && r.rate !== undefined && r.rateJudged === false;

/** A rate as the value with its unit and, for a rate shown but not judged, the note `（未判定）` (kept apart so a narrow cell breaks between them only). */
export function rateParts(r: { rate?: number | null } & RateJudgement, unit: string): { text: string; note: string | null } {
  return { text: formatValue(r.rate, unit), note: rateUnjudged(r) ? '（未判定）' : null };
}

/** `-0.80 mm/d`, or `3672000.00 mm/d（未判定）` for a rate that was shown but not judged. */
export function formatRate(r: { rate?: number | null } & RateJudgement, unit: string): string {
  const { text, note } = rateParts(r, unit);
  return text + (note ?? '');
}

/** Why a shown rate has no level, without the `未判定：` lead (the badge says that): `间隔不足半天`. */
export function rateReason(r: RateJudgement): string {
  return (r.rateNote ?? '').replace(/^未判定：/, '') || '间隔不足半天';
}

/** Rates for the rate curve: an unjudged short-interval rate (Δt of minutes → huge mm/d) would flatten it. */
export function chartRates(epochs: PitEpoch[]): { t: number; v: number | null }[] {
  return epochs.map((e) => ({ t: Date.parse(e.time), v: e.rateNotJudged === 'interval_too_short' ? null : e.rate }));
}

// Labels -----------------------------------------------------------------------------------------------

export const SAFETY_LEVEL_LABELS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };
export const SUPPORT_TYPE_LABELS: Record<string, string> = SUPPORT_TYPES;
export const PARTY_LABELS: Record<PartyRole, string> = {
  owner: '建设单位',
  contractor: '施工单位',
  supervisor: '监理单位',
  monitor: '监测单位',
  designer: '设计单位',
};

/** Trail entries: `alarm.<action>` from the server. */
const EVENT_LABELS: Record<string, string> = {
  raise: '监测超限，系统报警',
  raise_danger: '发起危险报警',
  suspect_data: '数据可疑，系统报警',
  missing_data: '缺测，系统报警',
  ...ALARM_ACTION_LABELS,
  sms_failed: '短信未送达',
  expert_consultation: '邀请原论证专家研判',
  expert_opinion: '论证专家联合意见',
};

export function eventLabel(action: string): string {
  const key = action.replace(/^alarm\./, '');
  return EVENT_LABELS[key] ?? action;
}

/** `监理单位`; system events have no role or `system`. */
export function roleLabel(role: string | undefined | null): string {
  if (!role || role === 'system') return '系统';
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

/**
 * `赵监理（监理单位）`: demo and real names may already carry the organisation's role; never say it twice, and
 * never stack brackets: a name that ends in its own `（南城街道）` gets the role inside them.
 */
export function actorText(actor: string, role: string | undefined | null): string {
  if (!role || role === 'system') return actor || '系统';
  const label = roleLabel(role);
  if (actor.includes(label)) return actor;
  return /（[^（）]+）$/.test(actor) ? `${actor.slice(0, -1)}·${label}）` : `${actor}（${label}）`;
}

/** A fraction as a whole percent for thresholds: 0.7 → `70%`, 0.855 → `85.5%`. */
export function formatLevelPercent(f: number): string {
  const v = Math.round(f * 1000) / 10;
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}%`;
}

// Deadlines -----------------------------------------------------------------------------------------------

export interface AlarmDeadline {
  /** 处置时限 (the supervisor's), 复核时限 (the owner's review) or 销警时间. */
  label: string;
  at: string;
  /** Passed and the alarm is still open: shown as 已逾期 in red. */
  overdue: boolean;
}

/**
 * The time to show under an alarm: the deadline of the step it waits for (the server's `stepDueAt`: the
 * supervisor's handling, then the owner's review), or when it was archived.
 */
export function alarmDeadline(a: Pick<PitAlarm, 'status' | 'dueAt' | 'stepDueAt' | 'updatedAt'>, now: Date): AlarmDeadline {
  if (a.status === 'archived') return { label: '销警时间', at: a.updatedAt, overdue: false };
  const at = a.stepDueAt || a.dueAt;
  return { label: a.status === 'handled' ? '复核时限' : '处置时限', at, overdue: Date.parse(at) < now.getTime() };
}
