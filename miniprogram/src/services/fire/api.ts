/**
 * 消防检测监管: the typed API of the `packages/fire` subpackage and its page paths. Shapes are the server's
 * (shared/src/fire-testing/fire-views.contract.ts), imported as types only.
 */
import type { FireAgencyImportView, FireInstrumentImportView, FireAgencyView, FireCaseView, FireEventDetail, FireEventView, FireProjectDetail, FireProjectView, FireReportView, PublicReportView } from '@cityloop/shared/fire-testing/fire-views.contract';
import type { StoredBlob, UploadStart } from '@cityloop/shared/platform/evidence.contract';
import type { AgencyBody, AgencyImportBody, InstrumentImportBody, PersonBody, ProjectBody } from '@cityloop/shared/fire-testing/fire.contract';
import type { Api } from '../api';

export type { FireAgencyImportView, FireInstrumentImportView, FireAgencyView, FireCaseView, FireEventDetail, FireEventView, FireProjectDetail, FireProjectView, FireReportView, PublicReportView };
type ApiLike = Pick<Api, 'get' | 'post'>;
export type FirePersonView = NonNullable<FireAgencyView['people']>[number];
export type FireInstrumentView = NonNullable<FireAgencyView['instruments']>[number];

export function createFireApi(api: ApiLike) {
  const s = encodeURIComponent;
  return {
    projects: () => api.get<FireProjectView[]>('/api/fire/projects'),
    createProject: (body: ProjectBody) => api.post<FireProjectView>('/api/fire/projects', body),
    project: (id: string) => api.get<FireProjectDetail>(`/api/fire/projects/${s(id)}`),
    start: (id: string, version: number) => api.post<FireProjectView>(`/api/fire/projects/${s(id)}/start`, { version }),
    scan: (id: string, code: string) => api.post<FireProjectView>(`/api/fire/projects/${s(id)}/scans`, { code }),
    record: (id: string, body: { system: string; item: string; value: string; limit: string; verdict: string; instrumentId?: string; photos?: string[] }) => api.post<FireProjectView>(`/api/fire/projects/${s(id)}/records`, body),
    draftReport: (id: string) => api.post<FireReportView>(`/api/fire/projects/${s(id)}/report`, {}),
    issue: (reportId: string, body: { practiceSeals: boolean; agencySeal: boolean; version: number }) => api.post<FireReportView>(`/api/fire/reports/${s(reportId)}/issue`, body),
    acceptance: (body: { projectId: string; acceptedAt: string; items: Record<string, string> }) => api.post<{ conflictingItems: string[]; suspectedFalseReport: boolean; case: FireCaseView | null }>('/api/fire/acceptances', body),
    events: (state?: 'open' | 'closed') => api.get<FireEventView[]>(`/api/fire/events${state ? `?state=${state}` : ''}`),
    event: (id: string) => api.get<FireEventDetail>(`/api/fire/events/${s(id)}`),
    notice: (id: string, body: { text: string; deadline: string; version: number }) => api.post<FireEventView>(`/api/fire/events/${s(id)}/notice`, body),
    reply: (id: string, body: { text: string; version: number }) => api.post<FireEventView>(`/api/fire/events/${s(id)}/reply`, body),
    close: (id: string, body: { text: string; version: number }) => api.post<FireEventView>(`/api/fire/events/${s(id)}/close`, body),
    decideCase: (id: string, body: { findings: string; penalty: string; version: number }) => api.post<FireCaseView>(`/api/fire/cases/${s(id)}/decide`, body),
    agencies: () => api.get<FireAgencyView[]>('/api/fire/agencies'),
    agency: (id: string) => api.get<FireAgencyView>(`/api/fire/agencies/${s(id)}`),
    importAgencies: (body: AgencyImportBody) => api.post<FireAgencyImportView>('/api/fire/agencies/import', body),
    importInstruments: (agencyId: string, body: InstrumentImportBody) => api.post<FireInstrumentImportView>(`/api/fire/agencies/${s(agencyId)}/instruments/import`, body),
    registerAgency: (body: AgencyBody) => api.post<FireAgencyView>('/api/fire/agencies', body),
    registerPerson: (agencyId: string, body: PersonBody) => api.post<FirePersonView>(`/api/fire/agencies/${s(agencyId)}/people`, body),
    registerInstrument: (agencyId: string, body: { type: string; serial: string; calibrationNo: string; validUntil: string }) => api.post<FireInstrumentView & { codeUrl: string }>(`/api/fire/agencies/${s(agencyId)}/instruments`, body),
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) => api.post<UploadStart>('/api/uploads', body),
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => api.post<StoredBlob>('/api/uploads/complete', body),
    checkToken: (token: string) => api.get<PublicReportView>(`/api/fire/report-check/${s(token)}`),
    checkNumber: (number: string, check: string) => api.get<PublicReportView>(`/api/fire/report-check?number=${s(number)}&check=${s(check)}`),
  };
}

const q = encodeURIComponent;
export const FIRE_PAGES = {
  projects: '/packages/fire/pages/projects/index',
  plan: '/packages/fire/pages/plan/index',
  project: (id: string) => `/packages/fire/pages/project/index?id=${q(id)}`,
  events: '/packages/fire/pages/events/index',
  event: (id: string) => `/packages/fire/pages/event/index?id=${q(id)}`,
  agency: (id: string) => `/packages/fire/pages/agency/index?id=${q(id)}`,
  check: '/packages/fire/pages/check/index',
  registry: '/packages/fire/pages/registry/index',
  import: '/packages/fire/pages/import/index',
  importInstruments: (agencyId: string) => `/packages/fire/pages/import/index?agencyId=${q(agencyId)}`,
  /** the check-in machinery's page (packages/checkin), back to the project */
  checkin: (id: string, direction: 'in' | 'out') => `/packages/checkin/pages/checkin/index?siteKind=fire_test&siteId=${q(id)}&direction=${direction}&back=${q(`/packages/fire/pages/project/index?id=${id}`)}`,
};

/** The instrument's printable QR label (PDF, bearer token: fetched, not linked). */
export const instrumentLabelPath = (id: string) => `/api/fire/instruments/${q(id)}/label`;

/** Deadline N days from `now` at 18:00 Beijing, as ISO. */
export function deadlineIn(days: number, now: Date): string {
  const d = new Date(now.getTime() + days * 86_400_000 + 8 * 3600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 10)).toISOString();
}
