/** 城市管理: what the case and patrol pages show, as pure functions of the API's data. */
import { CASE_ACTION_LABELS, CASE_ACTOR_LABELS, CASE_RATING_LABELS, CASE_STATE_LABELS } from '@cityloop/shared/city/case.labels';
import type { CaseAction, CaseRating, CaseState } from '@cityloop/shared/city/case.types';
import { CLASS_KIND_LABELS, classesOf, findClass, type CityClass, type ClassKind } from '@cityloop/shared/city/classes';
import type { FacilityView } from './facility-view';
import type { CaseSummary, CoverageRow, LngLat, MetricsBy, MetricsRow, OpenCaseBrief, PatrolPer, PatrolTask, TimelineEntry } from './api';

export { CASE_RATING_LABELS, CASE_STATE_LABELS, CLASS_KIND_LABELS };
export { DISPUTE_WINDOW_DAYS } from '@cityloop/shared/city/case.machine';

// Classes -------------------------------------------------------------------------------------------------

export interface ClassOption {
  code: string;
  name: string;
  fileCondition: string;
  normalHours: number;
  urgentHours: number;
}

const option = (c: CityClass): ClassOption => ({ code: c.code, name: c.name, fileCondition: c.fileCondition, normalHours: c.limits.normalHours, urgentHours: c.limits.urgentHours });

/** A class of the city's table as `GET /api/classes` sends it. */
export type CityClassRow = { kind: ClassKind; code: string; name: string; fileCondition: string; sla: { handleHours: number; handleUrgentHours: number } };
const rowOption = (c: CityClassRow): ClassOption => ({ code: c.code, name: c.name, fileCondition: c.fileCondition, normalHours: c.sla.handleHours, urgentHours: c.sla.handleUrgentHours });

/**
 * The city's own class table once the report form has loaded it (`GET /api/classes`); until then the built-in
 * table. The server checks the class against the city's table in any case.
 */
let cityClasses: readonly CityClassRow[] | null = null;
export function setCityClasses(rows: readonly CityClassRow[] | null): void {
  cityClasses = rows;
}

/** The small classes a citizen picks from, in table order. */
export function classOptions(kind: ClassKind): ClassOption[] {
  return cityClasses ? cityClasses.filter((c) => c.kind === kind).map(rowOption) : classesOf(kind).map(option);
}

export function classOption(kind: ClassKind, code: string | null | undefined): ClassOption | null {
  if (!code) return null;
  if (cityClasses) {
    const row = cityClasses.find((c) => c.kind === kind && c.code === code);
    return row ? rowOption(row) : null;
  }
  const c = findClass(kind, code);
  return c ? option(c) : null;
}

/** Working hours as people read them: 7.5 h = 1 working day. @example workingHoursText(15) // '15 个工作小时（2 个工作日）' */
export function workingHoursText(hours: number): string {
  if (!Number.isFinite(hours) || hours <= 0) return '—';
  const h = Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
  const days = hours / 7.5;
  return days >= 1 && Number.isInteger(days) ? `${h} 个工作小时（${days} 个工作日）` : `${h} 个工作小时`;
}

/** The pre-selection on a facility's report form: its own component class. */
export function defaultClassFor(facility: Pick<FacilityView, 'classCode'> | null): { kind: ClassKind; classCode: string } {
  if (facility?.classCode && classOption('component', facility.classCode)) return { kind: 'component', classCode: facility.classCode };
  return { kind: 'component', classCode: '' };
}

/** The open case of the same class at this facility (the server answers `duplicate_open_case` for it). */
export function sameClassOpenCase(open: OpenCaseBrief[] | null | undefined, kind: ClassKind, classCode: string): OpenCaseBrief | null {
  return (open ?? []).find((c) => c.kind === kind && c.classCode === classCode) ?? null;
}

// States --------------------------------------------------------------------------------------------------

/** What each state means for the citizen, honestly (closed ≠ fixed until the site check). */
export const STATE_EXPLANATIONS: Record<CaseState, string> = {
  received: '已收到您的上报，等待片长受理',
  accepted: '已立案，等待派遣责任单位',
  rejected: '不予立案（原因见下方记录）',
  dispatched: '已派遣责任单位，等待处置',
  in_progress: '责任单位正在处置',
  handled: '责任单位已处置并反馈，等待现场核查',
  closed: '现场核查通过，已结案',
  parked: '已挂账：需工程或季节性处理，纳入问题库跟踪',
  deferred: '已缓办',
  withdrawn: '您已撤回该上报，不再处理',
};

export type StateTone = 'new' | 'working' | 'check' | 'done' | 'stopped';

export function stateTone(state: string): StateTone {
  switch (state) {
    case 'received':
    case 'accepted':
      return 'new';
    case 'dispatched':
    case 'in_progress':
      return 'working';
    case 'handled':
      return 'check';
    case 'closed':
      return 'done';
    default:
      return 'stopped';
  }
}

export const stateLabel = (state: string, serverLabel?: string): string => serverLabel || CASE_STATE_LABELS[state as CaseState] || state;

/** Ordered states the citizen's progress bar shows (exceptions are shown on the timeline). */
export const PROGRESS_STEPS: { state: CaseState; label: string }[] = [
  { state: 'received', label: '受理' },
  { state: 'accepted', label: '立案' },
  { state: 'dispatched', label: '派遣' },
  { state: 'in_progress', label: '处置' },
  { state: 'handled', label: '反馈' },
  { state: 'closed', label: '结案' },
];

/** Index of the current step in PROGRESS_STEPS (−1 for rejected/parked/deferred). */
export function progressIndex(state: string): number {
  return PROGRESS_STEPS.findIndex((s) => s.state === state);
}

// Timeline ------------------------------------------------------------------------------------------------

export function actorLabel(role: string | null | undefined): string {
  if (!role) return '系统';
  return (CASE_ACTOR_LABELS as Record<string, string>)[role] ?? role;
}

/** Trail events that are not actions of the transition table (system automations). */
const EVENT_LABELS: Record<string, string> = { create: '市民上报', escalate: '超期督办' };

export interface StepView {
  title: string;
  who: string;
  /** e.g. `核查通过`, `满意`, `派遣至 org-roads-nc` */
  detail: string | null;
  note: string | null;
  photos: number;
  to: string | null;
}

/** One timeline entry as the case pages show it. */
export function stepView(e: TimelineEntry): StepView {
  const data = e.data ?? {};
  let detail: string | null = null;
  if (e.action === 'case.verify') detail = data.outcome === 'fail' ? '核查不通过，返工' : data.outcome === 'pass' ? '核查通过' : null;
  else if (e.action === 'case.rate' && typeof data.rating === 'string') detail = `评价：${CASE_RATING_LABELS[data.rating as CaseRating] ?? data.rating}`;
  else if (e.action === 'case.extend' && typeof data.extensionHours === 'number') detail = `申请延期 ${workingHoursText(data.extensionHours)}`;
  else if (e.action === 'case.escalate') detail = '超过处置时限，已督办';
  const key = e.action.replace(/^case\./, '');
  // The server falls back to the raw action (`case.escalate`) for events outside the action table.
  const label = e.label && !e.label.startsWith('case.') ? e.label : null;
  const title = label || (CASE_ACTION_LABELS as Record<string, string>)[key] || EVENT_LABELS[key] || '处理记录';
  // `立案 → 立案` says nothing: the new state is shown only when the state changed and reads differently.
  const to = !e.to || e.to === e.from ? null : (e.toLabel ?? stateLabel(e.to));
  return {
    title,
    who: actorLabel(e.role),
    detail,
    note: e.note?.trim() ? e.note.trim() : null,
    photos: Array.isArray(e.photos) ? e.photos.length : 0,
    to: to === title ? null : to,
  };
}

// Deadlines -----------------------------------------------------------------------------------------------

/** Whether the deadline line should warn: overdue, or open and due within `soonMs`. */
export function deadlineStatus(c: Pick<CaseSummary, 'deadline' | 'overdue' | 'closedAt' | 'state'>, now: Date, soonMs = 4 * 3600_000): 'none' | 'ok' | 'soon' | 'overdue' {
  if (!c.deadline) return 'none';
  if (c.closedAt || c.state === 'closed') return 'ok';
  const t = Date.parse(c.deadline);
  if (c.overdue || (!Number.isNaN(t) && t < now.getTime())) return 'overdue';
  if (!Number.isNaN(t) && t - now.getTime() < soonMs) return 'soon';
  return 'ok';
}

// Queue ---------------------------------------------------------------------------------------------------

export const QUEUE_FILTERS: { state: string; label: string }[] = [
  { state: 'open', label: '待办' },
  { state: 'received', label: '待受理' },
  { state: 'handled', label: '待核查' },
  { state: 'closed', label: '已结案' },
  { state: 'all', label: '全部' },
];

export const isQueueFilter = (s: string | undefined): boolean => !!s && QUEUE_FILTERS.some((f) => f.state === s);

/**
 * The tabs of 案件办理 for what the person does: 待受理 is the work of those who accept (area chief, regulator),
 * 待核查 of those who verify (area chief, patroller, regulator); a unit sees 待办, 已结案, 全部 (issue 17 §9).
 */
export function queueFiltersFor(work: { accepts: boolean; verifies: boolean }): { state: string; label: string }[] {
  return QUEUE_FILTERS.filter((f) => (f.state === 'received' ? work.accepts : f.state === 'handled' ? work.verifies : true));
}

// Metrics -------------------------------------------------------------------------------------------------

export const METRIC_COLUMNS: { key: 'closeRate' | 'onTimeCloseRate' | 'reworkRate' | 'avgHandlingHours' | 'satisfactionRate'; label: string }[] = [
  { key: 'closeRate', label: '结案率' },
  { key: 'onTimeCloseRate', label: '按期结案率' },
  { key: 'reworkRate', label: '返工率' },
  { key: 'avgHandlingHours', label: '平均处置时长' },
  { key: 'satisfactionRate', label: '满意率' },
];

export const METRICS_BY: { by: MetricsBy; label: string }[] = [
  { by: 'town', label: '按镇街' },
  { by: 'grid', label: '按网格' },
  { by: 'unit', label: '按责任单位' },
  { by: 'class', label: '按小类' },
];

/** `93.7%`, `—` when there is nothing to divide. */
export function percentText(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const v = Math.round(x * 1000) / 10;
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}%`;
}

/** `6.5 工作小时`, `—`. */
export function hoursText(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${x < 10 ? x.toFixed(1) : Math.round(x)} 工作小时`;
}

export function metricText(key: (typeof METRIC_COLUMNS)[number]['key'], row: MetricsRow): string {
  return key === 'avgHandlingHours' ? hoursText(row.avgHandlingHours) : percentText(row[key]);
}

/** The number and its unit apart, for big-number tiles: `{ value: '6.5', unit: '工作小时' }`, `{ value: '93.7%', unit: '' }`. */
export function metricParts(key: (typeof METRIC_COLUMNS)[number]['key'], row: MetricsRow): { value: string; unit: string } {
  if (key !== 'avgHandlingHours') return { value: percentText(row[key]), unit: '' };
  const t = hoursText(row.avgHandlingHours);
  return t === '—' ? { value: t, unit: '' } : { value: t.replace(/ 工作小时$/, ''), unit: '工作小时' };
}

/** A group key as people read it: `component:0101` → `部件·上水井盖`; a missing key → `未归属`. */
export function metricKeyLabel(by: MetricsBy | string, key: string | null, name?: string | null): string {
  if (key === null || key === '') return '未归属';
  if (name) return name;
  if (by === 'class') {
    const [kind, code] = key.split(':');
    const c = kind === 'component' || kind === 'event' ? findClass(kind, code) : undefined;
    return c ? `${CLASS_KIND_LABELS[c.kind]}·${c.name}` : key;
  }
  return key;
}

// Patrol --------------------------------------------------------------------------------------------------

export const PER_LABELS: Record<PatrolPer, string> = { day: '每天', week: '每周', month: '每月' };
export const PERIOD_LABELS: Record<PatrolPer, string> = { day: '今天', week: '本周', month: '本月' };

/** `每周 2 次 · 本周已巡 1 次`. */
export function taskText(t: Pick<PatrolTask, 'per' | 'times' | 'done'>): string {
  return `${PER_LABELS[t.per] ?? t.per} ${t.times} 次 · ${PERIOD_LABELS[t.per] ?? '本期'}已巡 ${t.done} 次`;
}

/** Due tasks first (most remaining), then done ones; stable by name. */
export function sortTasks(tasks: PatrolTask[]): PatrolTask[] {
  return [...tasks].sort((a, b) => (b.remaining > 0 ? 1 : 0) - (a.remaining > 0 ? 1 : 0) || b.remaining - a.remaining || (a.facilityName ?? '').localeCompare(b.facilityName ?? '', 'zh'));
}

/** Completion of a coverage row, 0…1 (null when nothing was due). */
export const coverageRate = (r: Pick<CoverageRow, 'due' | 'done'>): number | null => (r.due > 0 ? Math.min(1, r.done / r.due) : null);
