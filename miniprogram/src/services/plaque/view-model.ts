/** 门前三包: what the plaque and shop pages show, as pure functions of the API's data. */
import { COMPLAINT_STATE_LABELS, type ComplaintState } from '@cityloop/shared/plaques/plaque.limits';
import { GRADE_FLOORS, type Grade } from '@cityloop/shared/plaques/score';
import type { PlaqueView, PublicComplaint, ShopComplaint } from './api';

export { APPEAL_STATUS_LABELS, COMPLAINT_STATE_LABELS } from '@cityloop/shared/plaques/plaque.limits';
export { GRADE_FLOORS };

// Grades -----------------------------------------------------------------------------------------------

export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];
export const GRADE_COLORS: Record<Grade, string> = { A: '#2ba471', B: '#1f5fbf', C: '#ff8a00', D: '#e02020' };
export const GRADE_TEXT: Record<Grade, string> = { A: '优秀', B: '良好', C: '一般', D: '较差' };

export const isGrade = (v: unknown): v is Grade => typeof v === 'string' && (GRADES as readonly string[]).includes(v);
export const gradeOf = (v: unknown): Grade => (isGrade(v) ? v : 'D');
/** `B 级 · 良好`. */
export const gradeLabel = (g: unknown): string => (isGrade(g) ? `${g} 级 · ${GRADE_TEXT[g]}` : '未评级');

/** `86 分`; scores are whole or half points. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return `${Number.isInteger(score) ? score : score.toFixed(1)} 分`;
}

/** The published rule in one sentence (docs/domain/city.md), shown under the score. */
export const SCORE_RULE =
  '近 90 日滚动计分，满分 100。经核实的投诉按类别扣分：按期自行整改减半，逾期、核查未通过或 30 日内同类重复加倍。A ≥90、B ≥75、C ≥60，得分越低巡查越频繁。';

// States -----------------------------------------------------------------------------------------------

export const COMPLAINT_STATE_COLORS: Record<ComplaintState, string> = {
  open: '#ff8a00',
  fixed: '#1f5fbf',
  confirmed: '#2ba471',
  disputed: '#e02020',
  escalated: '#e02020',
  referred: '#8f959e',
};

export const stateLabel = (state: string, serverLabel?: string): string =>
  serverLabel || COMPLAINT_STATE_LABELS[state as ComplaintState] || state;
export const stateColor = (state: string): string => COMPLAINT_STATE_COLORS[state as ComplaintState] ?? '#8f959e';

/** The shop can still fix it (with an after photo). */
export const canFix = (c: Pick<ShopComplaint, 'state'>): boolean => c.state === 'open';
/** The shop may appeal a complaint that counts in its score, once (the server also enforces the 7-day limit). */
export const canAppeal = (c: Pick<ShopComplaint, 'state' | 'appeal'>): boolean => (c.state === 'confirmed' || c.state === 'escalated') && !c.appeal;
/** The complainant answers a fix: confirm or dispute. */
export const canAnswer = (c: Pick<ShopComplaint, 'state' | 'mine'>): boolean => c.state === 'fixed' && c.mine !== false;

// Time -------------------------------------------------------------------------------------------------

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** `30 分钟`, `2 小时 5 分钟`, `1 天 3 小时`; under a minute counts as 1 minute. */
export function durationText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes < 0) return '—';
  const m = Math.max(1, Math.round(minutes));
  if (m < 60) return `${m} 分钟`;
  if (m < 1440) {
    const h = Math.floor(m / 60);
    const r = m % 60;
    return r ? `${h} 小时 ${r} 分钟` : `${h} 小时`;
  }
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return h ? `${d} 天 ${h} 小时` : `${d} 天`;
}

export interface Countdown {
  overdue: boolean;
  /** Less than 30 minutes left. */
  urgent: boolean;
  /** ms left (negative when overdue). */
  ms: number;
  /** `剩余 1 小时 05 分 12 秒`, `剩余 2 天 3 小时`, `已逾期 12 分钟`. */
  text: string;
}

/** The live countdown to a fix deadline (`now` passed in; no clock reads here). */
export function countdown(deadlineIso: string, nowMs: number): Countdown {
  const end = Date.parse(deadlineIso);
  if (Number.isNaN(end)) return { overdue: false, urgent: false, ms: 0, text: '—' };
  const ms = end - nowMs;
  if (ms <= 0) return { overdue: true, urgent: true, ms, text: `已逾期 ${durationText(Math.floor(-ms / MIN))}` };
  const s = Math.floor(ms / 1000);
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MIN);
  const sec = s % 60;
  let text: string;
  if (d > 0) text = `剩余 ${d} 天 ${h} 小时`;
  else if (h > 0) text = `剩余 ${h} 小时 ${pad2(m)} 分 ${pad2(sec)} 秒`;
  else text = `剩余 ${pad2(m)} 分 ${pad2(sec)} 秒`;
  return { overdue: false, urgent: ms < 30 * MIN, ms, text };
}

/**
 * How a public complaint was handled, for the plaque's record: `按期整改 · 用时 30 分钟`,
 * `逾期整改 · 用时 3 小时`, or the state (`整改中`, `已转执法`).
 */
export function fixText(c: Pick<PublicComplaint, 'state' | 'fixMinutes' | 'fixInTime'>): string {
  if (c.fixMinutes !== null && c.fixMinutes !== undefined) return `${c.fixInTime === false ? '逾期整改' : '按期整改'} · 用时 ${durationText(c.fixMinutes)}`;
  if (c.state === 'open') return '整改中';
  if (c.state === 'escalated') return '未整改，已转执法';
  return stateLabel(c.state);
}

/** The shop's list: what still needs fixing first (soonest deadline first), then the rest, newest first. */
export function sortShopComplaints<T extends Pick<ShopComplaint, 'state' | 'deadline' | 'createdAt'>>(rows: T[]): T[] {
  const open = rows.filter((c) => c.state === 'open').sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
  const rest = rows.filter((c) => c.state !== 'open').sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return [...open, ...rest];
}

/** `138****0050` stays as the server masked it; a missing phone is a dash. */
export const maskedOrDash = (s: string | null | undefined): string => (s && s.trim() ? s : '—');

/** `门前 8 米 × 进深 4 米`, or null when the zone is unknown. */
export function zoneText(zone: PlaqueView['zone']): string | null {
  if (!zone || !Number.isFinite(zone.frontageM) || !Number.isFinite(zone.depthM)) return null;
  return `门前 ${zone.frontageM} 米 × 进深 ${zone.depthM} 米`;
}
