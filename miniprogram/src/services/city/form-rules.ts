/** 城市管理: the checks a case or patrol form makes before sending (the server checks again; its message wins). */
import { CASE_ACTION_LABELS, CASE_RATING_LABELS } from '@cityloop/shared/city/case.labels';
import type { CaseAction, CaseRating } from '@cityloop/shared/city/case.types';
import { CASE_REASON_MAX, HHMM, PATROL_RULE_NAME_MAX, PATROL_RULE_NAME_MIN, PATROL_TIMES_MAX, REPORT_DESCRIPTION_MAX, REPORT_DESCRIPTION_MIN } from '@cityloop/shared/city/case.limits';
import type { ClassKind } from '@cityloop/shared/city/classes';
import { classOption } from './view-model';
import { MAX_PHOTOS } from '@cityloop/shared/platform/evidence.limits';
import type { CaseActionBody, NewCaseBody, PatrolPer } from './api';
import { extractCodeToken, isValidToken } from '../links';

// Report form ---------------------------------------------------------------------------------------------

export const MIN_DESCRIPTION = REPORT_DESCRIPTION_MIN;
export const MAX_DESCRIPTION = REPORT_DESCRIPTION_MAX;
export const MAX_REPORT_PHOTOS = MAX_PHOTOS;

/** The client check before submitting a report (the server checks again; its message wins). */
export function validateReport(r: { kind: ClassKind | null; classCode: string | null; description: string; photos: number; uploading?: boolean }): string | null {
  if (!r.kind) return '请选择问题类型：部件或事件';
  if (!r.classCode || !classOption(r.kind, r.classCode)) return '请选择问题小类';
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
  publish?: boolean;
}): NewCaseBody {
  const body: NewCaseBody = { kind: f.kind, classCode: f.classCode, description: f.description.trim(), photos: f.photos };
  if (f.facilityId) body.facilityId = f.facilityId;
  if (f.location) body.location = { lng: round6(f.location.lng), lat: round6(f.location.lat), accuracy: Math.round(f.location.accuracy) };
  if (f.urgent) body.urgent = true;
  if (f.follow) body.follow = true;
  if (f.publish) body.publish = true;
  return body;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

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
  /** `assign_grid`: pick one of the town's grids */
  grid: boolean;
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
  grid: false,
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
  spec('assign_grid', { title: '交由网格处理', grid: true, placeholder: '交办说明（选填）' }),
  spec('remind', { title: '催办责任单位', placeholder: '催办说明（选填），如：请今天下班前处理完毕' }),
];

/** Staff actions with a form of their own instead of a STAFF_ACTIONS spec: 督办 asks for a deadline (SuperviseForm). */
export const OWN_FORM_ACTIONS: readonly CaseAction[] = ['supervise'];

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
  gridId?: string;
  uploading?: boolean;
}

/** Mirrors CASE_TRANSITIONS' requirements (the server checks again; its message wins). */
export function validateCaseAction(s: CaseActionSpec, i: ActionInput): string | null {
  const reason = i.reason.trim();
  if (s.outcome && !i.outcome) return '请选择核查结果：通过或不通过';
  if (s.reason === 'required' && !reason) return `请填写${s.reasonLabel.replace(/（.*）$/, '')}`;
  if (s.reason === 'on_fail' && i.outcome === 'fail' && !reason) return '核查不通过时请填写原因';
  if (reason.length > CASE_REASON_MAX) return `说明不能超过 ${CASE_REASON_MAX} 字`;
  if (s.unit && !i.unitId.trim()) return '请填写责任单位';
  if (s.grid && !i.gridId?.trim()) return '请选择接收案件的网格';
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
  if (s.grid && i.gridId?.trim()) body.gridId = i.gridId.trim();
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
  if (n > CASE_REASON_MAX) return `说明不能超过 ${CASE_REASON_MAX} 字`;
  return null;
}

// Patrol --------------------------------------------------------------------------------------------------

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
    if (!c.kind || !c.classCode || !classOption(c.kind, c.classCode)) return '请选择发现的问题类别';
    if ((c.description ?? '').trim().length < MIN_DESCRIPTION) return `请描述问题（至少 ${MIN_DESCRIPTION} 个字）`;
    if (c.photos < 1) return '发现问题请至少拍 1 张照片';
  }
  return null;
}

/** Ids typed by hand, separated by spaces, commas, semicolons or 、 (repeats dropped). */
export function parseIds(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean))];
}

export function validateRule(r: { name: string; gridId: string; per: PatrolPer; times: string; start: string; end: string; patrollerIds: string[]; wholeGrid: boolean; facilityIds: string[] }): string | null {
  const name = r.name.trim();
  if (name.length < PATROL_RULE_NAME_MIN || name.length > PATROL_RULE_NAME_MAX) return `规则名称 ${PATROL_RULE_NAME_MIN}–${PATROL_RULE_NAME_MAX} 个字`;
  if (!r.gridId) return '请选择网格';
  const n = Number(r.times);
  if (!Number.isInteger(n) || n < 1 || n > PATROL_TIMES_MAX) return `巡查次数应为 1–${PATROL_TIMES_MAX} 的整数`;
  if (!HHMM.test(r.start) || !HHMM.test(r.end)) return '时间格式应为 HH:MM，如 08:00';
  if (r.start >= r.end) return '开始时间应早于结束时间';
  if (!r.wholeGrid && r.facilityIds.length === 0) return '请选择整个网格，或填写设施编号';
  if (r.patrollerIds.length === 0) return '请指定巡查人员';
  return null;
}

// Reporter's follow-up ----------------------------------------------------------------------------------

/** 补充信息: a note or at least one photo, and no photo still uploading. */
export function validateSupplement(note: string, photos: number, uploading: boolean): string | null {
  if (uploading) return '照片上传中，请稍候';
  if (!note.trim() && photos === 0) return '请填写补充说明或上传照片';
  if (note.trim().length > CASE_REASON_MAX) return `补充说明不能超过 ${CASE_REASON_MAX} 字`;
  return null;
}
