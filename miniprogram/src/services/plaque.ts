/**
 * 门前三包 智能责任牌 (city.md §4): the typed API of the `packages/plaque` (citizen) and `packages/shop`
 * (shop owner) subpackages and their pure display logic. No `@tarojs/taro` here.
 */
import type { Api } from './api';
import type { UploadStart } from './pit/api';
import { SHOP_HOME_PAGE, plaqueViewPage } from './plaque-access';

export { SHOP_HOME_PAGE, canSeeShop, plaquePageFor, plaqueViewPage } from './plaque-access';

// Shapes (the `data` of /api/plaques/*, /api/shop/*, /api/plaque-complaints/*; the server owns them:
// cloudfunctions/src/contexts/plaques/plaques.routes.ts) -------------------------------------------------

export type Grade = 'A' | 'B' | 'C' | 'D';
export type ComplaintState = 'open' | 'fixed' | 'confirmed' | 'disputed' | 'escalated';
export type AppealStatus = 'pending' | 'upheld' | 'rejected';

export interface TrendPoint {
  at: string;
  score: number;
  grade: Grade;
}

/** A complaint class a citizen may pick (门前三包 事件 small classes) and the duty it falls under. */
export interface ComplaintClass {
  code: string;
  name: string;
  duty: string;
}

/** A complaint as the public sees it on the plaque: no complainant, no photos, description cut to 60. */
export interface PublicComplaint {
  id: string;
  className: string;
  description: string;
  state: ComplaintState;
  stateLabel?: string;
  deadline?: string;
  createdAt: string;
  fixedAt: string | null;
  fixMinutes: number | null;
  fixInTime: boolean | null;
}

/** GET /api/plaques/:id (public). */
export interface PlaqueView {
  id: string;
  name: string;
  address: string;
  owner: { name: string; phone: string };
  duties: string[];
  zone?: { frontageM: number; depthM: number };
  score: number;
  grade: Grade;
  /** Patrol frequency for the grade, e.g. 每周巡查 2 次. */
  patrol: string;
  trend: TrendPoint[];
  recentComplaints: PublicComplaint[];
  complaintClasses: ComplaintClass[];
}

/** GET /api/shop/mine. */
export interface ShopMine {
  id: string;
  name: string;
  score: number;
  grade: Grade;
  patrol: string;
  history: TrendPoint[];
}

/**
 * One complaint as its shop owner (GET /api/shop/complaints, GET /api/plaque-complaints/:id) or its
 * complainant (GET /api/plaque-complaints/:id, `mine: true`) sees it.
 */
export interface ShopComplaint {
  id: string;
  version: number;
  shopId?: string;
  shopName?: string;
  classCode?: string;
  className: string;
  description: string;
  photos: string[];
  state: ComplaintState;
  stateLabel?: string;
  deadline: string;
  createdAt: string;
  fixedAt: string | null;
  fixMinutes?: number | null;
  fixInTime: boolean | null;
  fixPhotos: string[];
  appeal: { status: AppealStatus; reason: string; note: string | null } | null;
  caseId?: string;
  /** GET /api/plaque-complaints/:id: the caller is the complainant. */
  mine?: boolean;
}

export interface NewComplaint {
  classCode: string;
  description: string;
  /** SHA-256 of uploaded photos (at least one). */
  photos: string[];
  location?: { lng: number; lat: number; accuracy?: number };
}

// API --------------------------------------------------------------------------------------------------

type ApiLike = Pick<Api, 'get' | 'post'>;

export function createPlaqueApi(api: ApiLike) {
  const seg = encodeURIComponent;
  return {
    /** Public: works signed out. */
    view: (id: string) => api.get<PlaqueView>(`/api/plaques/${seg(id)}`),
    complain: (shopId: string, body: NewComplaint) => api.post<PublicComplaint & { version: number }>(`/api/plaques/${seg(shopId)}/complaints`, body),
    /** For the complainant or the shop owner only. */
    complaint: (id: string) => api.get<ShopComplaint>(`/api/plaque-complaints/${seg(id)}`),
    answer: (id: string, body: { answer: 'confirm' | 'dispute'; reason?: string; version: number }) =>
      api.post<PublicComplaint & { version: number }>(`/api/plaque-complaints/${seg(id)}/answer`, body),
    shopMine: () => api.get<ShopMine>('/api/shop/mine'),
    shopComplaints: () => api.get<ShopComplaint[]>('/api/shop/complaints'),
    fix: (id: string, body: { photos: string[]; note: string; version: number }) => api.post<ShopComplaint>(`/api/plaque-complaints/${seg(id)}/fix`, body),
    appeal: (id: string, reason: string) => api.post<ShopComplaint>(`/api/plaque-complaints/${seg(id)}/appeal`, { reason }),
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) => api.post<UploadStart>('/api/uploads', body),
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => api.post<unknown>('/api/uploads/complete', body),
  };
}

export type PlaqueApi = ReturnType<typeof createPlaqueApi>;

// Pages ------------------------------------------------------------------------------------------------

const q = encodeURIComponent;
export const PLAQUE_PAGES = {
  view: plaqueViewPage,
  complain: (shopId: string) => `/packages/plaque/pages/complain/index?id=${q(shopId)}`,
  /** The complainant's view of their complaint (the inbox link of 商户已整改，请确认). */
  complaint: (id: string) => `/packages/plaque/pages/complaint/index?id=${q(id)}`,
};
export const SHOP_PAGES = {
  mine: SHOP_HOME_PAGE,
  /** The shop owner's view of one complaint (the inbox link of 您有新的门前三包投诉). */
  complaint: (id: string) => `/packages/shop/pages/complaint/index?id=${q(id)}`,
};

// Grades -----------------------------------------------------------------------------------------------

export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];
export const GRADE_COLORS: Record<Grade, string> = { A: '#2ba471', B: '#1f5fbf', C: '#ff8a00', D: '#e02020' };
/** Lower bound of each grade's score band (shared/plaques/score.ts GRADE_FLOORS, city.md §4.3). */
export const GRADE_FLOORS: Record<Exclude<Grade, 'D'>, number> = { A: 90, B: 75, C: 60 };
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

/** The published rule in one sentence (city.md §4.3), shown under the score. */
export const SCORE_RULE =
  '近 90 日滚动计分，满分 100。经核实的投诉按类别扣分：按期自行整改减半，逾期、核查未通过或 30 日内同类重复加倍。A ≥90、B ≥75、C ≥60，得分越低巡查越频繁。';

// States -----------------------------------------------------------------------------------------------

export const COMPLAINT_STATE_LABELS: Record<ComplaintState, string> = {
  open: '待整改',
  fixed: '已整改待确认',
  confirmed: '已确认',
  disputed: '有异议',
  escalated: '已转执法',
};
export const COMPLAINT_STATE_COLORS: Record<ComplaintState, string> = {
  open: '#ff8a00',
  fixed: '#1f5fbf',
  confirmed: '#2ba471',
  disputed: '#e02020',
  escalated: '#e02020',
};
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { pending: '申诉审核中', upheld: '申诉成立，不计扣分', rejected: '申诉不成立' };

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

// Forms ------------------------------------------------------------------------------------------------

export const MIN_TEXT = 4;

/** The client-side check before a complaint (the server checks again and its message wins). */
export function validateComplaint(input: { classCode: string | null; description: string; photoCount: number }): string | null {
  if (!input.classCode) return '请选择问题类型';
  if (input.description.trim().length < MIN_TEXT) return `请描述问题（至少 ${MIN_TEXT} 个字）`;
  if (input.photoCount < 1) return '请至少上传 1 张现场照片';
  return null;
}

/** A fix needs an after photo and a word on what was done (the complainant reads it). */
export function validateFix(note: string, photoCount: number): string | null {
  if (note.trim().length < 2) return '请说明整改情况';
  if (photoCount < 1) return '请上传整改后的照片';
  return null;
}

export function validateAppeal(reason: string): string | null {
  return reason.trim().length < MIN_TEXT ? `请说明申诉理由（至少 ${MIN_TEXT} 个字）` : null;
}

export function validateDispute(reason: string): string | null {
  return reason.trim().length < MIN_TEXT ? `请说明异议原因（至少 ${MIN_TEXT} 个字）` : null;
}

/** `138****0050` stays as the server masked it; a missing phone is a dash. */
export const maskedOrDash = (s: string | null | undefined): string => (s && s.trim() ? s : '—');

/** `门前 8 米 × 进深 4 米`, or null when the zone is unknown. */
export function zoneText(zone: PlaqueView['zone']): string | null {
  if (!zone || !Number.isFinite(zone.frontageM) || !Number.isFinite(zone.depthM)) return null;
  return `门前 ${zone.frontageM} 米 × 进深 ${zone.depthM} 米`;
}
