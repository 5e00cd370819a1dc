/**
 * 城市管理 (cases, patrol): the typed API of the city subpackages. The shapes are the server's
 * (shared/src/city/case.contract.ts, patrol.contract.ts), imported as types only so zod stays out of the bundle.
 */
import type { CaseDetail, CaseActionBody, CaseSummary, MetricsBy, MetricsResult, MyCase, NewCaseBody, ReportResult } from '@cityloop/shared/city/case.contract';
import type { CoverageRow, PatrolCheckBody, PatrolCheckResult, PatrolPer, PatrolRuleBody, PatrolTask } from '@cityloop/shared/city/patrol.contract';
import type { StoredBlob, UploadStart } from '@cityloop/shared/platform/evidence.contract';
import type { Api, WithPolicies } from '../api';
import { metricsQueryString, periodQueryString, type PeriodChoice } from './stats-view';
import type { PitAlarmStats } from '@cityloop/shared/pit/alarm-stats.contract';
export type { PitAlarmStats } from '@cityloop/shared/pit/alarm-stats.contract';
import type { ResolvedCode } from '@cityloop/shared/codes/code.contract';
import type { ClassTableView } from '@cityloop/shared/city/city-config.contract';
import type { ShopOverview } from '@cityloop/shared/plaques/shop-overview.contract';
export type { ShopOverview } from '@cityloop/shared/plaques/shop-overview.contract';

export type { CaseAction, CaseRating, CaseState } from '@cityloop/shared/city/case.types';
export type { ClassKind } from '@cityloop/shared/city/classes';
export type {
  CaseActionBody,
  CaseDetail,
  CaseSummary,
  LngLat,
  MetricsBy,
  MetricsResult,
  MetricsRow,
  MyCase,
  NewCaseBody,
  OpenCaseBrief,
  ReportResult,
  TimelineEntry,
} from '@cityloop/shared/city/case.contract';
export type { CoverageRow, PatrolCheckBody, PatrolCheckResult, PatrolPer, PatrolRuleBody, PatrolTask } from '@cityloop/shared/city/patrol.contract';
export type { CoverageCheck, GridMap, GridMapFacility, GridMapStatus, PatrolDefaults, PatrolRuleView, PatrolRuleEditBody, PatrollerInvitationBody, PatrollerInvitationResult, PatrolVisitTask } from '@cityloop/shared/city/patrol.contract';
import type { CoverageCheck, GridMap, PatrolDefaults, PatrolRuleView, PatrolRuleEditBody, PatrollerInvitationBody, PatrollerInvitationResult, PatrolVisitTask } from '@cityloop/shared/city/patrol.contract';
export type { WithPolicies };

// API -----------------------------------------------------------------------------------------------------

type ApiLike = Pick<Api, 'get' | 'post' | 'put' | 'getWithPolicies' | 'postWithPolicies'>;

export function createCityApi(api: ApiLike) {
  const seg = encodeURIComponent;
  return {
    code: (token: string) => api.get<ResolvedCode>(`/api/codes/${seg(token)}`),
    /** The class list of the report's city: the scanned facility's, else the deployment's only city. */
    classes: (facilityId?: string | null) => api.get<ClassTableView>(`/api/classes${facilityId ? `?facilityId=${seg(facilityId)}` : ''}`),
    report: (body: NewCaseBody) => api.post<ReportResult>('/api/cases', body),
    mine: () => api.get<MyCase[]>('/api/cases/mine'),
    case: (id: string) => api.getWithPolicies<CaseDetail>(`/api/cases/${seg(id)}`),
    queue: (state = 'open') => api.get<CaseSummary[]>(`/api/cases?state=${seg(state)}`),
    act: (id: string, body: CaseActionBody) => api.postWithPolicies<CaseDetail>(`/api/cases/${seg(id)}/actions`, body),
    /** Without a period: every case (the server's default) */
    metrics: (by: MetricsBy, period?: PeriodChoice) => api.get<MetricsResult>(`/api/cases-metrics?${period ? metricsQueryString(by, period) : `by=${seg(by)}`}`),
    shopOverview: () => api.get<ShopOverview>('/api/shop-grades'),
    pitAlarmStats: (period: PeriodChoice) => api.get<PitAlarmStats>(`/api/pit-alarm-stats?${periodQueryString(period)}`),
    patrolToday: () => api.get<PatrolTask[]>('/api/patrol/today'),
    patrolCheck: (body: PatrolCheckBody) => api.post<PatrolCheckResult>('/api/patrol/checks', body),
    createRule: (body: PatrolRuleBody) => api.post<{ id: string; facilities: number }>('/api/patrol/rules', body),
    coverage: (per: PatrolPer) => api.get<CoverageRow[]>(`/api/patrol/coverage?per=${seg(per)}`),
    coverageChecks: (per: PatrolPer, gridId?: string) => api.get<CoverageCheck[]>(`/api/patrol/coverage/checks?per=${seg(per)}${gridId ? `&gridId=${seg(gridId)}` : ''}`),
    gridMap: (gridId: string, per: PatrolPer = 'week') => api.get<GridMap>(`/api/patrol/grid-map?gridId=${seg(gridId)}&per=${seg(per)}`),
    rules: () => api.get<PatrolRuleView[]>('/api/patrol/rules'),
    editRule: (id: string, body: PatrolRuleEditBody) => api.put<PatrolRuleView>(`/api/patrol/rules/${seg(id)}`, body),
    setRuleState: (id: string, action: 'pause' | 'resume', version: number) => api.post<PatrolRuleView>(`/api/patrol/rules/${seg(id)}/${action}`, { version }),
    patrolDefaults: (cityId: string) => api.get<PatrolDefaults>(`/api/patrol/defaults?cityId=${seg(cityId)}`),
    invitePatroller: (body: PatrollerInvitationBody) => api.post<PatrollerInvitationResult>('/api/patrol/invitations', body),
    visitTasks: () => api.get<PatrolVisitTask[]>('/api/patrol/tasks'),
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) => api.post<UploadStart>('/api/uploads', body),
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => api.post<StoredBlob>('/api/uploads/complete', body),
  };
}

export type CityApi = ReturnType<typeof createCityApi>;

/** The error code of a report on a facility that already has an open case of the same class. */
export const DUPLICATE_OPEN_CASE = 'duplicate_open_case';
export const RATE_LIMITED = 'rate_limited';
export const TOO_FAR = 'too_far_from_facility';

/** Evidence bytes for `<Image>` (the blob route needs the bearer token). */
export const blobPath = (sha256: string) => `/api/blobs/${encodeURIComponent(sha256)}`;
/** The statistics as an xlsx file (the bearer token is needed: fetched, not linked). */
export const metricsExportPath = (query: string) => `/api/cases-metrics/export?${query}`;
export const pitAlarmExportPath = (query: string) => `/api/pit-alarm-stats/export?${query}`;
export const shopGradesExportPath = '/api/shop-grades/export';
