/**
 * 深基坑监测: the typed API of the `packages/pit` subpackage and its page paths. The shapes are the server's
 * (shared/src/pit/pit.contract.ts), imported as types only so zod stays out of the bundle.
 */
import type { AlarmKind, AlarmStatus } from '@cityloop/shared/pit/domain/alarm.machine';
import type { UploadFormat } from '@cityloop/shared/pit/domain/epoch.solve';
import type { Level } from '@cityloop/shared/pit/levels';
import type {
  AlarmUserAction,
  PitAlarmDetail,
  PitAlarmView,
  PitProjectDetail,
  PitProjectSummary,
  PitSeries,
  PitUploadBody,
  PitUploadOutcome,
  PitUploadRecord,
} from '@cityloop/shared/pit/pit.contract';
import type { StoredBlob, UploadStart } from '@cityloop/shared/platform/evidence.contract';
import type { Api, WithPolicies } from '../api';
import { PIT_PROJECTS_PAGE } from '../pit-access';

export type {
  PitAlarmDetail,
  PitAlarmEvent,
  PitEpoch,
  PitPointRow,
  PitProjectDetail,
  PitProjectSummary,
  PitSeries,
  PitUndelivered,
  PitUploadBody,
  PitUploadOutcome,
  PitUploadRecord,
  RateJudgement,
  Thresholds,
} from '@cityloop/shared/pit/pit.contract';
export type { AlarmKind, AlarmStatus, UploadFormat, UploadStart, WithPolicies };
export type PitLevel = Level;
/** The actions a person takes on an alarm. */
export type AlarmAction = AlarmUserAction;
export type PitAlarm = PitAlarmView;

// API --------------------------------------------------------------------------------------------------

type ApiLike = Pick<Api, 'get' | 'post' | 'getWithPolicies' | 'postWithPolicies'>;

export function createPitApi(api: ApiLike) {
  const seg = encodeURIComponent;
  return {
    projects: () => api.get<PitProjectSummary[]>('/api/pit/projects'),
    project: (id: string) => api.getWithPolicies<PitProjectDetail>(`/api/pit/projects/${seg(id)}`),
    /** one party member's number, for 拨打 (pages otherwise show it masked) */
    partyPhone: (projectId: string, userId: string) => api.get<{ name: string; phone: string }>(`/api/pit/projects/${seg(projectId)}/parties/${seg(userId)}/phone`),
    series: (projectId: string, code: string) =>
      api.get<PitSeries>(`/api/pit/projects/${seg(projectId)}/points/${seg(code)}/series`),
    uploads: (projectId: string) => api.get<PitUploadRecord[]>(`/api/pit/projects/${seg(projectId)}/uploads`),
    voidUpload: (uploadId: string, reason: string) => api.post<PitUploadRecord>(`/api/pit/uploads/${seg(uploadId)}/void`, { reason }),
    alarms: (q: { status?: 'open' | 'all'; projectId?: string } = {}) => {
      const params = [`status=${q.status ?? 'open'}`];
      if (q.projectId) params.push(`projectId=${seg(q.projectId)}`);
      return api.get<PitAlarmView[]>(`/api/pit/alarms?${params.join('&')}`);
    },
    alarm: (id: string) => api.getWithPolicies<PitAlarmDetail>(`/api/pit/alarms/${seg(id)}`),
    act: (id: string, body: { action: AlarmUserAction; note: string; evidence: string[]; version: number; acknowledgeOverLimit?: boolean }) =>
      api.postWithPolicies<PitAlarmView>(`/api/pit/alarms/${seg(id)}/actions`, body),
    raiseDanger: (projectId: string, body: { description: string; evidence: string[] }) =>
      api.post<PitAlarmView>(`/api/pit/projects/${seg(projectId)}/danger-alarms`, body),
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) =>
      api.post<UploadStart>('/api/uploads', body),
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => api.post<StoredBlob>('/api/uploads/complete', body),
    /** A raw instrument file (the ingest function): solved and judged at once. */
    upload: (projectId: string, body: PitUploadBody) => api.post<PitUploadOutcome>(`/api/ingest/pit/projects/${seg(projectId)}/uploads`, body),
  };
}

export type PitApi = ReturnType<typeof createPitApi>;

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
