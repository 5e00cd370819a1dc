/**
 * 深基坑监测 (docs/domain/pit.md): the typed API of the `packages/pit` subpackage and its pure display logic.
 * No `@tarojs/taro` here; the evidence upload gets its platform bits (PUT, hashing) injected.
 */
import { ROLE_LABELS } from '@cityloop/shared/identity/roles';
import { ITEMS } from '@cityloop/shared/pit/domain/items';
import { LEVEL_LABELS, LEVEL_RANK } from '@cityloop/shared/pit/levels';
import { PIT_UPLOAD_MAX_BYTES, PIT_UPLOAD_TOO_LARGE } from '@cityloop/shared/pit/domain/upload-limits';
import { ALARM_NOTE_MIN } from '@cityloop/shared/pit/domain/alarm.machine';
import type { UploadFormat } from '@cityloop/shared/pit/domain/epoch.solve';
import { ApiError, type Api, type WithPolicies } from './api';
import { sha256Hex } from './sha256';
import { PIT_PROJECTS_PAGE, type PartyRole } from './pit-access';

export { PIT_PARTY_ROLES, canSeePit, type PartyRole } from './pit-access';
export type { UploadFormat };

// Shapes (the `data` of /api/pit/*; the server owns them: cloudfunctions/src/contexts/pit/pit.routes.ts) ------

export type PitLevel = 'normal' | 'yellow' | 'orange' | 'red';
export type AlarmStatus = 'raised' | 'handled' | 'archived';
export type AlarmAction = 'handle' | 'archive' | 'return' | 'comment' | 'require_action' | 'escalate';
export type AlarmKind = 'threshold' | 'danger' | 'suspect_data';

export interface PitProjectSummary {
  id: string;
  name: string;
  address: string;
  townId: string;
  safetyLevel: number;
  depthM: number;
  worstLevel: PitLevel;
  worstLevelLabel?: string;
  openAlarms: number;
  lastUploadAt: string | null;
}

/**
 * The server's verdict on a rate (shared/src/pit/domain/point-judge.ts `rateVerdict`): a rate over less than
 * half a day (MIN_RATE_JUDGE_DAYS), or without a rate control, is shown but has no level — show 未判定 and
 * `rateNote`, never 正常. Optional: older servers did not send it.
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
  last: ({ value: number; rate: number | null; level: PitLevel; at: string } & RateJudgement) | null;
}

export interface PitProjectDetail {
  id: string;
  name: string;
  address: string;
  location?: { lng: number; lat: number };
  safetyLevel: number;
  depthM: number;
  supportType: string;
  worstLevel: PitLevel;
  levels: { yellow: number; orange: number; red: number };
  parties: Partial<Record<PartyRole, { org: string; people: { name: string }[] }>>;
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
  level: PitLevel;
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
  status: 'accepted' | 'held' | 'rejected';
  reason?: string;
  format: string;
  observedAt: string;
  receivedAt: string;
  flags: { code: string; [key: string]: unknown }[];
  summary?: Record<string, unknown>;
  results: ({ point: string; value: number; rate: number | null; ratio: number | null; level: PitLevel; intervalDays?: number | null } & RateJudgement)[];
  /** a regulator voided it: kept as evidence, counts for nothing */
  voided?: { at: string; reason: string } | null;
}

export interface PitAlarm extends Pick<RateJudgement, 'rateJudged' | 'rateNote'> {
  id: string;
  version: number;
  projectId: string;
  projectName: string;
  point: string;
  item: string;
  itemLabel: string;
  kind: AlarmKind;
  level: PitLevel;
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

export interface PitAlarmDetail extends PitAlarm {
  history: PitAlarmEvent[];
  undelivered?: PitUndelivered[];
}

/** What the monitoring unit sends: the raw file's text, its format and (leveling files) when it was observed. */
export interface PitUploadBody {
  format: UploadFormat;
  text: string;
  observedAt?: string;
}

/** The ingest's answer (cloudfunctions/src/contexts/pit/ingest.routes.ts `presentUpload`). */
export interface PitUploadOutcome extends PitUploadRecord {
  /** The same file was uploaded before: this is that upload. */
  duplicate: boolean;
  /** Alarms the epoch raised. */
  alarms: string[];
}

export interface UploadStart {
  sha256: string;
  uploadUrl: string | null;
  alreadyStored: boolean;
}

// API --------------------------------------------------------------------------------------------------

type ApiLike = Pick<Api, 'get' | 'post' | 'getWithPolicies' | 'postWithPolicies'>;

export function createPitApi(api: ApiLike) {
  const seg = encodeURIComponent;
  return {
    projects: () => api.get<PitProjectSummary[]>('/api/pit/projects'),
    project: (id: string) => api.getWithPolicies<PitProjectDetail>(`/api/pit/projects/${seg(id)}`),
    series: (projectId: string, code: string) =>
      api.get<PitSeries>(`/api/pit/projects/${seg(projectId)}/points/${seg(code)}/series`),
    uploads: (projectId: string) => api.get<PitUploadRecord[]>(`/api/pit/projects/${seg(projectId)}/uploads`),
    voidUpload: (uploadId: string, reason: string) => api.post<PitUploadRecord>(`/api/pit/uploads/${seg(uploadId)}/void`, { reason }),
    alarms: (q: { status?: 'open' | 'all'; projectId?: string } = {}) => {
      const params = [`status=${q.status ?? 'open'}`];
      if (q.projectId) params.push(`projectId=${seg(q.projectId)}`);
      return api.get<PitAlarm[]>(`/api/pit/alarms?${params.join('&')}`);
    },
    alarm: (id: string) => api.getWithPolicies<PitAlarmDetail>(`/api/pit/alarms/${seg(id)}`),
    act: (id: string, body: { action: AlarmAction; note: string; evidence: string[]; version: number }) =>
      api.postWithPolicies<PitAlarm>(`/api/pit/alarms/${seg(id)}/actions`, body),
    raiseDanger: (projectId: string, body: { description: string; evidence: string[] }) =>
      api.post<PitAlarm>(`/api/pit/projects/${seg(projectId)}/danger-alarms`, body),
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) =>
      api.post<UploadStart>('/api/uploads', body),
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => api.post<unknown>('/api/uploads/complete', body),
    /** A raw instrument file (the ingest function): solved and judged at once. */
    upload: (projectId: string, body: PitUploadBody) => api.post<PitUploadOutcome>(`/api/ingest/pit/projects/${seg(projectId)}/uploads`, body),
  };
}

export type PitApi = ReturnType<typeof createPitApi>;
export type { WithPolicies };

// Pages ------------------------------------------------------------------------------------------------

const q = encodeURIComponent;
export const PIT_PAGES = {
  projects: PIT_PROJECTS_PAGE,
  project: (id: string) => `/packages/pit/pages/project/index?id=${q(id)}`,
  point: (projectId: string, code: string) => `/packages/pit/pages/point/index?projectId=${q(projectId)}&code=${q(code)}`,
  alarms: (projectId?: string) => `/packages/pit/pages/alarms/index${projectId ? `?projectId=${q(projectId)}` : ''}`,
  alarm: (id: string) => `/packages/pit/pages/alarm/index?id=${q(id)}`,
  uploads: (projectId: string) => `/packages/pit/pages/uploads/index?projectId=${q(projectId)}`,
  danger: (projectId: string) => `/packages/pit/pages/danger/index?projectId=${q(projectId)}`,
  upload: (projectId: string) => `/packages/pit/pages/upload/index?projectId=${q(projectId)}`,
};

/** The daily report PDF of one day (Beijing), for the monitoring unit, the owner and the regulators. */
export const dailyReportPath = (projectId: string, date: string) => `/api/pit/projects/${q(projectId)}/daily-report?date=${q(date)}`;

/** Page options arrive URL-encoded on some platforms and decoded on others. */
export function pageParam(v: string | undefined): string {
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

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

/** Decimals for a unit: 0.01 mm resolution (docs/domain/pit.md §1.6), kN to 0.1. */
export function unitDecimals(unit: string | undefined): number {
  const u = (unit ?? '').split('/')[0];
  if (u === 'kN') return 1;
  if (u === 'mm') return 2;
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
export const SUPPORT_TYPE_LABELS: Record<string, string> = {
  pile: '灌注桩',
  diaphragmWall: '地下连续墙',
  sheetPile: '钢板桩',
  smw: '型钢水泥土墙',
  soilNail: '土钉墙',
  compositeSoilNail: '复合土钉墙',
  cementSoilWall: '水泥土墙',
};
export const PARTY_LABELS: Record<PartyRole, string> = {
  owner: '建设单位',
  contractor: '施工单位',
  supervisor: '监理单位',
  monitor: '监测单位',
  designer: '设计单位',
};

export const ALARM_STATUS_LABELS: Record<AlarmStatus, string> = { raised: '待处置', handled: '已处置待复核', archived: '已销警' };
export const ALARM_KIND_LABELS: Record<AlarmKind, string> = { threshold: '监测超限', danger: '危险报警', suspect_data: '数据可疑' };

export const UPLOAD_STATUS_LABELS: Record<PitUploadRecord['status'], string> = { accepted: '已接收', held: '暂存待核', rejected: '已拒收' };

/** Trail entries: `alarm.<action>` from the server. */
const EVENT_LABELS: Record<string, string> = {
  raise: '监测超限，系统报警',
  raise_danger: '发起危险报警',
  suspect_data: '数据可疑，系统报警',
  missing_data: '缺测，系统报警',
  exceed_again: '再次超限',
  handle: '监理处置',
  archive: '建设单位销警',
  return: '建设单位退回',
  comment: '监管批注',
  require_action: '监管责令整改',
  escalate: '升级督办',
  sms_failed: '短信未送达',
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

// Alarm actions ------------------------------------------------------------------------------------------

export interface ActionSpec {
  action: AlarmAction;
  /** Button text. */
  label: string;
  /** Form title. */
  title: string;
  /** Minimum note length (0 = optional). */
  minNote: number;
  /** Needs at least one photo (监理处置). */
  needsEvidence: boolean;
  placeholder: string;
}

/** In the order the buttons are shown; the server's `policies` decide which appear. */
export const ALARM_ACTIONS: ActionSpec[] = [
  { action: 'handle', label: '处置', title: '监理处置', minNote: ALARM_NOTE_MIN.handle, needsEvidence: true, placeholder: '请填写已采取的处置措施（至少 4 个字），并上传现场照片' },
  { action: 'archive', label: '销警', title: '建设单位销警', minNote: ALARM_NOTE_MIN.archive, needsEvidence: false, placeholder: '请填写销警说明（至少 4 个字），如复测结果、复核意见' },
  { action: 'return', label: '退回', title: '建设单位退回', minNote: ALARM_NOTE_MIN.return, needsEvidence: false, placeholder: '请填写退回原因（至少 4 个字）' },
  { action: 'comment', label: '批注', title: '监管批注', minNote: ALARM_NOTE_MIN.comment, needsEvidence: false, placeholder: '请填写批注内容' },
  { action: 'require_action', label: '责令整改', title: '监管责令整改', minNote: ALARM_NOTE_MIN.require_action, needsEvidence: false, placeholder: '请填写整改要求（至少 4 个字）' },
  { action: 'escalate', label: '升级督办', title: '升级督办', minNote: ALARM_NOTE_MIN.escalate, needsEvidence: false, placeholder: '督办说明（选填）' },
];

export const actionSpec = (a: AlarmAction): ActionSpec => ALARM_ACTIONS.find((s) => s.action === a)!;

/** Exactly the buttons the server allows (`policies[action] === true`). */
export function visibleActions(policies: Record<string, boolean> | null | undefined): ActionSpec[] {
  return ALARM_ACTIONS.filter((s) => policies?.[s.action] === true);
}

/**
 * The client-side check before submitting (the server checks again and its message wins). A suspect-data
 * event (`kind`) is handled with a note alone: no site photo.
 */
export function validateAction(action: AlarmAction, note: string, evidenceCount: number, kind?: AlarmKind): string | null {
  const spec = actionSpec(action);
  const n = note.trim().length;
  if (n < spec.minNote) {
    if (action === 'handle') return '请填写采取的处置措施（至少 4 个字）';
    if (action === 'archive') return `请填写销警说明（至少 ${spec.minNote} 个字）`;
    if (spec.minNote > 1) return `请填写原因（至少 ${spec.minNote} 个字）`;
    return '请填写内容';
  }
  if (spec.needsEvidence && kind !== 'suspect_data' && evidenceCount === 0) return '请上传处置照片作为证据';
  return null;
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

export function validateDanger(description: string): string | null {
  return description.trim().length < 4 ? '请描述险情（至少 4 个字）' : null;
}

// Evidence upload --------------------------------------------------------------------------------------

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS = 9;

/** The real image type from the first bytes (the server sniffs too and refuses a mismatch). */
export function sniffImageType(b: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...Array.from(b.subarray(from, to)));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface EvidenceDeps {
  api: Pick<PitApi, 'startUpload' | 'completeUpload'>;
  /** PUT the bytes to a presigned URL; resolves with the HTTP status. */
  put: (url: string, bytes: Uint8Array, contentType: string) => Promise<number>;
  /** Hex SHA-256 (H5 passes `crypto.subtle`); defaults to the pure-JS one. */
  hash?: (bytes: Uint8Array) => Promise<string>;
}

/**
 * One photo as evidence: hash → ask for an upload URL → PUT (unless already stored) → complete.
 * Returns the SHA-256 to cite in `evidence`. Content-addressed, so a retry is harmless.
 */
export async function uploadEvidence(bytes: Uint8Array, deps: EvidenceDeps): Promise<string> {
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new ApiError('unsupported_type', 400, '仅支持 JPG、PNG、WEBP 格式的照片');
  if (bytes.length > MAX_PHOTO_BYTES) throw new ApiError('file_too_large', 413, '照片超过 10 MB，请压缩后再传');
  const sha256 = deps.hash ? await deps.hash(bytes) : sha256Hex(bytes);
  const start = await deps.api.startUpload({ sha256, size: bytes.length, contentType, purpose: 'photo' });
  if (start.alreadyStored) return sha256;
  if (!start.uploadUrl) throw new ApiError('bad_response', 500, '未获得上传地址，请重试');
  let status: number;
  try {
    status = await deps.put(start.uploadUrl, bytes, contentType);
  } catch {
    throw new ApiError('network_error', 0, '照片上传失败，请检查网络后重试');
  }
  if (status < 200 || status >= 300) throw new ApiError('upload_failed', status, `照片上传失败（HTTP ${status}），请重试`);
  await deps.api.completeUpload({ sha256, purpose: 'photo' });
  return sha256;
}

// Raw uploads (监测单位) -------------------------------------------------------------------------------------

export interface UploadFormatSpec {
  format: UploadFormat;
  /** The chooser's label. */
  label: string;
  /** What an upload of this format is called in the upload list. */
  name: string;
  /** What the file is, under the chooser. */
  hint: string;
  /** Leveling files carry no date: the observation time is asked for (the CSVs carry their own). */
  needsTime: boolean;
}

/** The formats the ingest accepts (README "Upload"), in the chooser's order. */
export const UPLOAD_FORMAT_SPECS: UploadFormatSpec[] = (
  [
    ['gsi', '水准 GSI', '水准（GSI）', '徕卡 DNA/LS 水准仪导出的 GSI-8/GSI-16 原始文件', true],
    ['dini', '水准 DiNi', '水准（DiNi）', '天宝 DiNi 水准仪导出的 M5 格式原始文件（.DAT）', true],
    ['inclinometer_csv', '测斜 CSV', '测斜', '双面读数：首行 # hole=孔号; time=观测时间 …，列 depth_m,A0,A180', false],
    ['vw_csv', '振弦 CSV', '振弦传感器', '列 sensor_id,time,freq_Hz,temp_C（每行带观测时间）', false],
    ['water_csv', '水位 CSV', '水位', '列 well_id,time,depth_m（每行带观测时间）', false],
  ] satisfies [UploadFormat, string, string, string, boolean][]
).map(([format, label, name, hint, needsTime]) => ({ format, label, name, hint, needsTime }));

/** An upload's format as the upload list names it. */
export const UPLOAD_FORMAT_LABELS: Record<string, string> = Object.fromEntries(UPLOAD_FORMAT_SPECS.map((f) => [f.format, f.name]));

export const uploadFormatSpec = (f: UploadFormat): UploadFormatSpec => UPLOAD_FORMAT_SPECS.find((s) => s.format === f)!;

/** The ingest's limit for one file, and what the page says when a file is bigger. */
export { PIT_UPLOAD_MAX_BYTES as MAX_UPLOAD_BYTES, PIT_UPLOAD_TOO_LARGE as UPLOAD_TOO_LARGE } from '@cityloop/shared/pit/domain/upload-limits';

export { beijingDate, beijingTime } from './format';
/** A picked Beijing date and time as the ISO 8601 time the ingest wants: `2026-05-10T09:30:00+08:00`. */
export const observedAtIso = (date: string, time: string): string => `${date}T${time}:00+08:00`;

/** Why the file cannot be sent as it is (checked before sending; the server checks again), or null. */
export function uploadFileProblem(file: { size: number } | null): string | null {
  if (!file) return '请选择要上传的原始数据文件';
  if (file.size > PIT_UPLOAD_MAX_BYTES) return PIT_UPLOAD_TOO_LARGE;
  if (file.size === 0) return '文件内容为空，请检查后重新选择';
  return null;
}

/** Why the observation time cannot be sent (leveling formats only), or null. */
export function observedAtProblem(format: UploadFormat, date: string, time: string, now: Date): string | null {
  if (!uploadFormatSpec(format).needsTime) return null;
  if (!date || !time) return '请选择观测日期和时间（水准原始文件不含日期）';
  if (Date.parse(observedAtIso(date, time)) > now.getTime()) return '观测时间晚于当前时间，请检查日期和时间';
  return null;
}
