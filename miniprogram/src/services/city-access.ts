/**
 * 城市服务码 in the main package: who sees which home entry, the city page paths, and where a scanned
 * facility code lands. Kept apart from city.ts (like pit-access.ts) so the main package carries none of the
 * subpackages' API or form logic. Pure: no Taro.
 */
import type { CodeInfo, SessionUser } from './types';

const q = encodeURIComponent;

/** Every city page; the inbox links of the case loop point at `case` (citizen) and `staffCase`. */
export const CITY_PAGES = {
  /** Landing of a facility code: `c` is the scanned token (the page re-reads the code with it). */
  facility: (id: string, token?: string | null) => `/packages/citizen/pages/facility/index?id=${q(id)}${token ? `&c=${q(token)}` : ''}`,
  /** 随手拍: a report without a code, placed by the reporter's position */
  reportByLocation: '/packages/citizen/pages/report/index',
  report: (facilityId: string, token?: string | null) => `/packages/citizen/pages/report/index?facilityId=${q(facilityId)}${token ? `&c=${q(token)}` : ''}`,
  myCases: '/packages/citizen/pages/cases/index',
  case: (id: string) => `/packages/citizen/pages/case/index?id=${q(id)}`,
  patrolToday: '/packages/patrol/pages/today/index',
  patrolScan: (facilityId?: string, name?: string) => `/packages/patrol/pages/scan/index${facilityId ? `?facilityId=${q(facilityId)}${name ? `&name=${q(name)}` : ''}` : ''}`,
  queue: (state?: string) => `/packages/chief/pages/queue/index${state ? `?state=${q(state)}` : ''}`,
  staffCase: (id: string) => `/packages/chief/pages/case/index?id=${q(id)}`,
  rules: '/packages/chief/pages/rules/index',
  coverage: '/packages/chief/pages/coverage/index',
  invite: '/packages/chief/pages/invite/index',
  metrics: '/packages/chief/pages/metrics/index',
} as const;

/** A role binding as /api/me sends it (grids for area chiefs and patrollers). */
type Binding = { role: string; gridIds?: string[]; townId?: string; orgId?: string };

const bindings = (user: SessionUser | null | undefined): Binding[] => (user?.roles ?? []) as Binding[];
const has = (user: SessionUser | null | undefined, roles: readonly string[]) => bindings(user).some((r) => roles.includes(r.role));

/** 巡查员: the day's patrol list and the scan page. */
export const isPatroller = (user: SessionUser | null | undefined): boolean => has(user, ['patroller']);
/** 片长: the case queue, patrol rules, coverage and metrics. */
export const isAreaChief = (user: SessionUser | null | undefined): boolean => has(user, ['areaChief']);
/** Anyone who works cases (the server scopes the queue): area chiefs, units, patrollers, regulators, admins. */
export const hasCaseWork = (user: SessionUser | null | undefined): boolean => has(user, ['areaChief', 'unit', 'patroller', 'regulator', 'admin']);
/** The home page's 案件办理 entry: units, regulators and admins (area chiefs and patrollers have their own). */
export const showsCaseWorkEntry = (user: SessionUser | null | undefined): boolean => has(user, ['unit', 'regulator', 'admin']) && !isAreaChief(user);
/** 城市配置 (分类与时限, 工作日历): the city's admin. */
export const isCityAdmin = (user: SessionUser | null | undefined): boolean => has(user, ['admin']);
export const ADMIN_PAGES = { classes: '/packages/admin/pages/classes/index', calendar: '/packages/admin/pages/calendar/index' } as const;

/** 统计: the roles the server grants `case.metrics`. */
export const canSeeMetrics = (user: SessionUser | null | undefined): boolean => has(user, ['areaChief', 'regulator', 'admin']);

/** The duty grids of a role, in binding order, without repeats. */
export function gridsOf(user: SessionUser | null | undefined, role = 'areaChief'): string[] {
  return [...new Set(bindings(user).filter((r) => r.role === role).flatMap((r) => r.gridIds ?? []))];
}

// Scan → landing ------------------------------------------------------------------------------------------

/**
 * The resolved code the scan page hands to the landing page it opens, so that page does not ask the server
 * again. In memory only: a reload (H5) or a cold start re-reads the code with the token in the URL.
 */
const handoff = new Map<string, CodeInfo>();

export function rememberCode(token: string, code: CodeInfo): void {
  handoff.clear();
  handoff.set(token, code);
}

export function recallCode(token: string | null | undefined): CodeInfo | null {
  return token ? (handoff.get(token) ?? null) : null;
}

/** The citizen landing of a facility code, or null when the code carries no facility id. */
export function facilityLandingUrl(code: CodeInfo, token: string): string | null {
  return code.kind === 'facility' && code.id ? CITY_PAGES.facility(code.id, token) : null;
}

/** The home page's 城市数据 entry (grids and 片长, units, facilities): admins and regulators (the server scopes each page). */
export const canManageCityData = (user: SessionUser | null | undefined): boolean => has(user, ['admin', 'regulator']);
export const CITY_DATA_PAGE = '/packages/admin/pages/grids/index';
