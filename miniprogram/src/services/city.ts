/**
 * 城市服务码 (city.md): the typed API of the citizen / patrol / chief subpackages and their pure display
 * and form logic. No `@tarojs/taro` here; uploads reuse the evidence protocol of pit.ts.
 * The server owns every contract: cloudfunctions/src/contexts/{cases,patrol,codes}.
 */
import { CASE_ACTION_LABELS, CASE_ACTOR_LABELS, CASE_RATING_LABELS, CASE_STATE_LABELS } from '@cityloop/shared/city/case.labels';
import type { CaseAction, CaseRating, CaseState } from '@cityloop/shared/city/case.types';
import { DISPUTE_WINDOW_DAYS } from '@cityloop/shared/city/case.machine';
import { CLASS_KIND_LABELS, classesOf, findClass, type CityClass, type ClassKind } from '@cityloop/shared/city/classes';
import type { Api, WithPolicies } from './api';
import type { CodeInfo } from './types';
import type { UploadStart } from './pit/api';
import { extractCodeToken, isValidToken } from './links';

export { CASE_RATING_LABELS, CASE_STATE_LABELS, CLASS_KIND_LABELS, DISPUTE_WINDOW_DAYS };
export type { CaseAction, CaseRating, CaseState, ClassKind, WithPolicies };

// Shapes --------------------------------------------------------------------------------------------------

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

/** `data` of GET /api/codes/<token> for `kind: 'facility'`. */
export interface FacilityCodeData {
  componentId?: string;
  classCode?: string;
  location?: LngLat;
  townId?: string;
  /** the town's name (南城街道); older servers send none */
  townName?: string;
  gridId?: string;
  /** the grid's name; older servers send none */
  gridName?: string;
  maintainer?: string;
  openCases?: OpenCaseBrief[];
}

export interface FacilityView {
  id: string;
  name: string;
  subtitle: string;
  componentId: string;
  classCode: string;
  className: string;
  location: LngLat | null;
  gridId: string;
  /** the grid's name, its id when the server sent no name */
  gridName: string;
  maintainer: string;
  openCases: OpenCaseBrief[];
}

/** A facility code as the pages show it; null when the code is not a facility. */
export function facilityFromCode(code: CodeInfo | null | undefined): FacilityView | null {
  if (!code || code.kind !== 'facility' || !code.id) return null;
  const d = (code.data ?? {}) as FacilityCodeData;
  const classCode = d.classCode ?? '';
  return {
    id: code.id,
    name: code.title || code.name || '',
    subtitle: code.subtitle ?? '',
    componentId: d.componentId ?? '',
    classCode,
    className: classCode ? (findClass('component', classCode)?.name ?? '') : '',
    location: d.location && Number.isFinite(d.location.lng) && Number.isFinite(d.location.lat) ? d.location : null,
    gridId: d.gridId ?? '',
    gridName: d.gridName || d.gridId || '',
    maintainer: d.maintainer ?? '',
    openCases: Array.isArray(d.openCases) ? d.openCases : [],
  };
}

/** What a patrol scan checks in at: a facility's service code, or a shop's 门前三包 plaque (patrolled by grade). */
export interface PatrolTarget {
  id: string;
  kind: 'facility' | 'plaque';
  name: string;
  /** `上水井盖 · 南城一网格` (the grid's id when it has no name), or the plaque's grade line */
  detail: string;
  location: LngLat | null;
  openCases: OpenCaseBrief[];
  /** the facility's class (pre-selected when reporting a problem); '' for a plaque */
  classCode: string;
}

export function patrolTargetFromCode(code: CodeInfo | null | undefined): PatrolTarget | null {
  const f = facilityFromCode(code);
  if (f) return { id: f.id, kind: 'facility', name: f.name, detail: [f.className || '设施', f.gridName].filter(Boolean).join(' · '), location: f.location, openCases: f.openCases, classCode: f.classCode };
  if (code?.kind !== 'plaque' || !code.id) return null;
  const loc = (code.data as { location?: LngLat } | undefined)?.location;
  return {
    id: code.id,
    kind: 'plaque',
    name: code.title || code.name || '',
    detail: code.subtitle || '门前三包责任户',
    location: loc && Number.isFinite(loc.lng) && Number.isFinite(loc.lat) ? loc : null,
    openCases: [],
    classCode: '',
  };
}

/** POST /api/cases. */
export interface NewCaseBody {
  facilityId?: string;
  kind: ClassKind;
  classCode: string;
  description: string;
  photos: string[];
  location?: { lng: number; lat: number; accuracy?: number };
  urgent?: boolean;
  follow?: boolean;
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
  state: CaseState;
  stateLabel?: string;
  urgent: boolean;
  deadline: string | null;
  overdue: boolean;
  createdAt: string;
  closedAt: string | null;
  rating: CaseRating | null;
  followers: number;
  townId?: string;
  gridId?: string;
  unitId: string | null;
  /** names behind the ids (the id itself when the server knows no name) */
  townName?: string | null;
  gridName?: string | null;
  unitName?: string | null;
  queue?: string;
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

/** POST /api/cases/:id/actions. */
export interface CaseActionBody {
  action: CaseAction;
  version: number;
  reason?: string;
  photos?: string[];
  rating?: CaseRating;
  outcome?: 'pass' | 'fail';
  unitId?: string;
  extensionHours?: number;
  location?: { lng: number; lat: number; accuracy?: number };
}

export type MetricsBy = 'town' | 'grid' | 'unit' | 'class';

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
  rows: MetricsRow[];
  definitions: Record<string, { zh: string; en?: string }>;
}

export type PatrolPer = 'day' | 'week' | 'month';

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

export interface PatrolCheckBody {
  code: string;
  location: { lng: number; lat: number; accuracy: number };
  condition: 'ok' | 'problem';
  note?: string;
  photos?: string[];
  problem?: { kind: ClassKind; classCode: string; description: string };
}

export interface PatrolCheckResult {
  id: string;
  facility: string;
  distanceM: number;
  condition: 'ok' | 'problem';
  caseId?: string;
}

export interface PatrolRuleBody {
  name: string;
  gridId: string;
  facilityIds?: string[];
  wholeGrid?: boolean;
  per: PatrolPer;
  times: number;
  window?: { start: string; end: string };
  patrollerIds: string[];
}

export interface CoverageRow {
  patrollerId: string;
  gridId: string;
  due: number;
  done: number;
  missed: number;
}

// API -----------------------------------------------------------------------------------------------------

type ApiLike = Pick<Api, 'get' | 'post' | 'getWithPolicies' | 'postWithPolicies'>;

export function createCityApi(api: ApiLike) {
  const seg = encodeURIComponent;
  return {
    code: (token: string) => api.get<CodeInfo>(`/api/codes/${seg(token)}`),
    report: (body: NewCaseBody) => api.post<ReportResult>('/api/cases', body),
    mine: () => api.get<MyCase[]>('/api/cases/mine'),
    case: (id: string) => api.getWithPolicies<CaseDetail>(`/api/cases/${seg(id)}`),
    queue: (state = 'open') => api.get<CaseSummary[]>(`/api/cases?state=${seg(state)}`),
    act: (id: string, body: CaseActionBody) => api.postWithPolicies<CaseDetail>(`/api/cases/${seg(id)}/actions`, body),
    metrics: (by: MetricsBy) => api.get<MetricsResult>(`/api/cases-metrics?by=${seg(by)}`),
    patrolToday: () => api.get<PatrolTask[]>('/api/patrol/today'),
    patrolCheck: (body: PatrolCheckBody) => api.post<PatrolCheckResult>('/api/patrol/checks', body),
    createRule: (body: PatrolRuleBody) => api.post<{ id: string; facilities: number }>('/api/patrol/rules', body),
    coverage: (per: PatrolPer) => api.get<CoverageRow[]>(`/api/patrol/coverage?per=${seg(per)}`),
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) => api.post<UploadStart>('/api/uploads', body),
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => api.post<unknown>('/api/uploads/complete', body),
  };
}

export type CityApi = ReturnType<typeof createCityApi>;

/** The error code of a report on a facility that already has an open case of the same class. */
export const DUPLICATE_OPEN_CASE = 'duplicate_open_case';
export const RATE_LIMITED = 'rate_limited';
export const TOO_FAR = 'too_far_from_facility';

/** Evidence bytes for `<Image>` (the blob route needs the bearer token). */
export const blobPath = (sha256: string) => `/api/blobs/${encodeURIComponent(sha256)}`;

// Classes -------------------------------------------------------------------------------------------------

export interface ClassOption {
  code: string;
  name: string;
  fileCondition: string;
  normalHours: number;
  urgentHours: number;
}

const option = (c: CityClass): ClassOption => ({ code: c.code, name: c.name, fileCondition: c.fileCondition, normalHours: c.limits.normalHours, urgentHours: c.limits.urgentHours });

/** The small classes a citizen picks from, in table order. */
export function classOptions(kind: ClassKind): ClassOption[] {
  return classesOf(kind).map(option);
}

export function classOption(kind: ClassKind, code: string | null | undefined): ClassOption | null {
  const c = code ? findClass(kind, code) : undefined;
  return c ? option(c) : null;
}

/** Working hours as people read them: 7.5 h = 1 working day. @example workingHoursText(15) // '15 个工作小时（2 个工作日）' */
export function workingHoursText(hours: number): string {
  if (!Number.isFinite(hours) || hours <= 0) return '—';
  const h = Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
  const days = hours / 7.5;
  return days >= 1 && Number.isInteger(days) ? `${h} 个工作小时（${days} 个工作日）` : `${h} 个工作小时`;
}

/** The pre-selection on a facility's report form: its own component class (city.md §7.3). */
export function defaultClassFor(facility: Pick<FacilityView, 'classCode'> | null): { kind: ClassKind; classCode: string } {
  if (facility?.classCode && findClass('component', facility.classCode)) return { kind: 'component', classCode: facility.classCode };
  return { kind: 'component', classCode: '' };
}

/** The open case of the same class at this facility (the server answers `duplicate_open_case` for it). */
export function sameClassOpenCase(open: OpenCaseBrief[] | null | undefined, kind: ClassKind, classCode: string): OpenCaseBrief | null {
  return (open ?? []).find((c) => c.kind === kind && c.classCode === classCode) ?? null;
}

// Report form ---------------------------------------------------------------------------------------------

export const MIN_DESCRIPTION = 4;
export const MAX_DESCRIPTION = 1000;
export const MAX_REPORT_PHOTOS = 9;

/** The client check before submitting a report (the server checks again; its message wins). */
export function validateReport(r: { kind: ClassKind | null; classCode: string | null; description: string; photos: number; uploading?: boolean }): string | null {
  if (!r.kind) return '请选择问题类型：部件或事件';
  if (!r.classCode || !findClass(r.kind, r.classCode)) return '请选择问题小类';
  if (r.description.trim().length < MIN_DESCRIPTION) return `请描述问题（至少 ${MIN_DESCRIPTION} 个字）`;
  if (r.description.trim().length > MAX_DESCRIPTION) return `问题描述不能超过 ${MAX_DESCRIPTION} 字`;
  if (r.uploading) return '照片仍在上传，请稍候';
  if (r.photos < 1) return '请至少上传 1 张现场照片';
  if (r.photos > MAX_REPORT_PHOTOS) return `最多 ${MAX_REPORT_PHOTOS} 张照片`;
  return null;
}

export function reportBody(f: {
  facilityId?: string | null;
  kind: ClassKind;
  classCode: string;
  description: string;
  photos: string[];
  location?: { lng: number; lat: number; accuracy: number } | null;
  urgent?: boolean;
  follow?: boolean;
}): NewCaseBody {
  const body: NewCaseBody = { kind: f.kind, classCode: f.classCode, description: f.description.trim(), photos: f.photos };
  if (f.facilityId) body.facilityId = f.facilityId;
  if (f.location) body.location = { lng: round6(f.location.lng), lat: round6(f.location.lat), accuracy: Math.round(f.location.accuracy) };
  if (f.urgent) body.urgent = true;
  if (f.follow) body.follow = true;
  return body;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

// States --------------------------------------------------------------------------------------------------

/** What each state means for the citizen, honestly (closed ≠ fixed until the site check: city.md §3.5). */
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

// Staff actions -------------------------------------------------------------------------------------------

export type ReasonRule = 'none' | 'optional' | 'required' | 'on_fail';

export interface CaseActionSpec {
  action: CaseAction;
  /** Button text. */
  label: string;
  /** Form title. */
  title: string;
  reason: ReasonRule;
  reasonLabel: string;
  placeholder: string;
  photos: boolean;
  outcome: boolean;
  unit: boolean;
  hours: boolean;
  /** Ask for the current position (attached to the event as on-site evidence). */
  locate: boolean;
}

const spec = (action: CaseAction, s: Partial<Omit<CaseActionSpec, 'action'>>): CaseActionSpec => ({
  action,
  label: CASE_ACTION_LABELS[action],
  title: CASE_ACTION_LABELS[action],
  reason: 'optional',
  reasonLabel: '说明（选填）',
  placeholder: '补充说明（选填）',
  photos: false,
  outcome: false,
  unit: false,
  hours: false,
  locate: false,
  ...s,
});

/** Staff buttons in loop order; the server's `policies` decide which appear (citizen actions are elsewhere). */
export const STAFF_ACTIONS: CaseActionSpec[] = [
  spec('accept', { title: '立案', placeholder: '立案意见（选填）' }),
  spec('reject', { title: '不予立案', reason: 'required', reasonLabel: '不予立案的原因', placeholder: '请填写原因，将告知上报人（如：不属于城市管理范围）' }),
  spec('dispatch', { title: '派遣责任单位', unit: true, placeholder: '派遣说明（选填）' }),
  spec('start', { title: '接单处置', placeholder: '接单说明（选填）' }),
  spec('return', { title: '回退（非本单位职责）', reason: 'required', reasonLabel: '回退原因', placeholder: '请说明为何不属于本单位，便于片长重新派遣' }),
  spec('extend', { title: '申请延期', reason: 'required', reasonLabel: '延期原因', placeholder: '请说明需要延期的原因', hours: true }),
  spec('approve_extension', { title: '批准延期', placeholder: '审批意见（选填）' }),
  spec('deny_extension', { title: '驳回延期', reason: 'required', reasonLabel: '驳回原因', placeholder: '请填写驳回原因' }),
  spec('report', { title: '反馈处置结果', photos: true, reasonLabel: '处置情况（选填）', placeholder: '简述处置情况，如：已更换井盖', locate: true }),
  spec('verify', { title: '现场核查', photos: true, outcome: true, reason: 'on_fail', reasonLabel: '核查意见（不通过时必填）', placeholder: '不通过时请写明仍存在的问题', locate: true }),
  spec('park', { title: '挂账', reason: 'required', reasonLabel: '挂账原因', placeholder: '如：需列入工程计划，季节性处理' }),
  spec('defer', { title: '缓办', reason: 'required', reasonLabel: '缓办原因', placeholder: '请填写缓办原因' }),
];

export const staffActionSpec = (a: CaseAction): CaseActionSpec | undefined => STAFF_ACTIONS.find((s) => s.action === a);

/** Exactly the staff buttons the server allows (`policies[action] === true`). */
export function visibleStaffActions(policies: Record<string, boolean> | null | undefined): CaseActionSpec[] {
  return STAFF_ACTIONS.filter((s) => policies?.[s.action] === true);
}

export interface ActionInput {
  reason: string;
  photos: string[];
  outcome: 'pass' | 'fail' | null;
  unitId: string;
  hours: string;
  uploading?: boolean;
}

/** Mirrors CASE_TRANSITIONS' requirements (the server checks again; its message wins). */
export function validateCaseAction(s: CaseActionSpec, i: ActionInput): string | null {
  const reason = i.reason.trim();
  if (s.outcome && !i.outcome) return '请选择核查结果：通过或不通过';
  if (s.reason === 'required' && !reason) return `请填写${s.reasonLabel.replace(/（.*）$/, '')}`;
  if (s.reason === 'on_fail' && i.outcome === 'fail' && !reason) return '核查不通过时请填写原因';
  if (reason.length > 500) return '说明不能超过 500 字';
  if (s.unit && !i.unitId.trim()) return '请填写责任单位';
  if (s.hours) {
    const h = Number(i.hours);
    if (!i.hours.trim() || !Number.isFinite(h) || h <= 0) return '请填写申请延期的工作小时数（大于 0）';
    if (h > 720) return '延期不能超过 720 个工作小时';
  }
  if (i.uploading) return '照片仍在上传，请稍候';
  if (s.photos && i.photos.length === 0) return s.action === 'report' ? '请上传处置后的现场照片' : '请上传核查现场照片';
  return null;
}

export function caseActionBody(s: CaseActionSpec, version: number, i: ActionInput, location?: { lng: number; lat: number; accuracy: number } | null): CaseActionBody {
  const body: CaseActionBody = { action: s.action, version };
  const reason = i.reason.trim();
  if (reason && s.reason !== 'none') body.reason = reason;
  if (s.photos && i.photos.length) body.photos = i.photos;
  if (s.outcome && i.outcome) body.outcome = i.outcome;
  if (s.unit && i.unitId.trim()) body.unitId = i.unitId.trim();
  if (s.hours) body.extensionHours = Number(i.hours);
  if (s.locate && location) body.location = { lng: round6(location.lng), lat: round6(location.lat), accuracy: Math.round(location.accuracy) };
  return body;
}

// Citizen actions -----------------------------------------------------------------------------------------

export const RATING_OPTIONS: { rating: CaseRating; label: string }[] = [
  { rating: 'satisfied', label: CASE_RATING_LABELS.satisfied },
  { rating: 'basically_satisfied', label: CASE_RATING_LABELS.basically_satisfied },
  { rating: 'dissatisfied', label: CASE_RATING_LABELS.dissatisfied },
];

export function validateDispute(reason: string): string | null {
  const n = reason.trim().length;
  if (n < 4) return '请写明问题仍然存在的情况（至少 4 个字）';
  if (n > 500) return '说明不能超过 500 字';
  return null;
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

/** The token of a typed or scanned code link (a bare token is accepted too), or null. */
export function patrolCodeFrom(input: string): string | null {
  const s = input.trim();
  if (!s) return null;
  const fromLink = extractCodeToken(s);
  if (fromLink) return fromLink;
  return !s.includes('/') && isValidToken(s) && s.includes('.') ? s : null;
}

export function validatePatrolCheck(c: {
  code: string;
  condition: 'ok' | 'problem';
  kind?: ClassKind | null;
  classCode?: string | null;
  description?: string;
  photos: number;
  uploading?: boolean;
}): string | null {
  if (!patrolCodeFrom(c.code)) return '请先扫描现场张贴的二维码（或粘贴码上的链接）';
  if (c.uploading) return '照片仍在上传，请稍候';
  if (c.condition === 'problem') {
    if (!c.kind || !c.classCode || !findClass(c.kind, c.classCode)) return '请选择发现的问题类别';
    if ((c.description ?? '').trim().length < MIN_DESCRIPTION) return `请描述问题（至少 ${MIN_DESCRIPTION} 个字）`;
    if (c.photos < 1) return '发现问题请至少拍 1 张照片';
  }
  return null;
}

/** Ids typed by hand, separated by spaces, commas, semicolons or 、 (repeats dropped). */
export function parseIds(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean))];
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validateRule(r: { name: string; gridId: string; per: PatrolPer; times: string; start: string; end: string; patrollerIds: string[]; wholeGrid: boolean; facilityIds: string[] }): string | null {
  const name = r.name.trim();
  if (name.length < 2 || name.length > 40) return '规则名称 2–40 个字';
  if (!r.gridId) return '请选择网格';
  const n = Number(r.times);
  if (!Number.isInteger(n) || n < 1 || n > 24) return '巡查次数应为 1–24 的整数';
  if (!HHMM.test(r.start) || !HHMM.test(r.end)) return '时间格式应为 HH:MM，如 08:00';
  if (r.start >= r.end) return '开始时间应早于结束时间';
  if (!r.wholeGrid && r.facilityIds.length === 0) return '请选择整个网格，或填写设施编号';
  if (r.patrollerIds.length === 0) return '请指定巡查人员';
  return null;
}

/** Completion of a coverage row, 0…1 (null when nothing was due). */
export const coverageRate = (r: Pick<CoverageRow, 'due' | 'done'>): number | null => (r.due > 0 ? Math.min(1, r.done / r.due) : null);

/** Page options arrive URL-encoded on some platforms and decoded on others (same helper as the pit pages). */
export { pageParam } from './links';
