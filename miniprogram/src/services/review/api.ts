/**
 * 危大工程专家论证: the typed API of the `packages/review` subpackage (shapes from
 * shared/src/dangerous-works/review.contract.ts, imported as types only so zod stays out of the bundle).
 */
import type { DwProjectDetail, DwProjectView, ExpertFull, ExpertImportBody, ExpertImportView, ExpertPublic, MyExpertWork, RegisterProjectBody, ReviewDetail, ReviewPublic, ReviewStats, ReviewSummary, SchemeDetail } from '@cityloop/shared/dangerous-works/review.contract';
import type { Api } from '../api';

export type { DwProjectDetail, DwProjectView, ExpertFull, ExpertImportView, ExpertPublic, MyExpertWork, RegisterProjectBody, ReviewDetail, ReviewPublic, ReviewStats, ReviewSummary, SchemeDetail };
export const REVIEW_LIST_PAGE = '/packages/review/pages/reviews/index';
export const reviewPage = (id: string) => `/packages/review/pages/review/index?id=${encodeURIComponent(id)}`;
export const EXPERTS_PAGE = '/packages/review/pages/experts/index';
export const PROJECTS_PAGE = '/packages/review/pages/projects/index';
export const STATS_PAGE = '/packages/review/pages/stats/index';
export const LIBRARY_PAGE = '/packages/review/pages/library/index';
export const LIBRARY_IMPORT_PAGE = '/packages/review/pages/library-import/index';
export const registerPage = (projectId: string) => `/packages/review/pages/register/index?projectId=${encodeURIComponent(projectId)}`;
export const projectPage = (id: string) => `/packages/review/pages/project/index?id=${encodeURIComponent(id)}`;
export const schemePage = (id: string) => `/packages/review/pages/scheme/index?id=${encodeURIComponent(id)}`;
/** The one check-in page, at the meeting venue (site kind `review_meeting`), back to the review afterwards. */
export const venueCheckinPage = (reviewId: string, direction: 'in' | 'out' = 'in') =>
  `/packages/checkin/pages/checkin/index?siteKind=review_meeting&siteId=${encodeURIComponent(reviewId)}&direction=${direction}&back=${encodeURIComponent(reviewPage(reviewId))}`;

type ApiLike = Pick<Api, 'get' | 'post' | 'put' | 'getWithPolicies' | 'postWithPolicies'>;
type Conclusion = '通过' | '修改后通过' | '不通过';

export function createReviewApi(api: ApiLike) {
  const seg = encodeURIComponent;
  const rv = (id: string, action: string, body: unknown = {}) => api.postWithPolicies<ReviewDetail>(`/api/reviews/${seg(id)}/${action}`, body);
  return {
    list: () => api.get<ReviewSummary[]>('/api/reviews'),
    detail: (id: string) => api.getWithPolicies<ReviewDetail>(`/api/reviews/${seg(id)}`),
    /** Anyone: the part the site board shows. */
    publicPart: (id: string) => api.get<ReviewPublic>(`/api/reviews/${seg(id)}/public`),
    draw: (id: string) => rv(id, 'draw'),
    respond: (id: string, accept: boolean, reason = '') => rv(id, 'respond', { accept, reason }),
    signIn: (id: string) => rv(id, 'sign-in'),
    opinion: (id: string, b: { text: string; conclusion: Conclusion; sign: boolean }) => rv(id, 'opinion', b),
    report: (id: string, b: { conclusion: Conclusion; summary: string; version: number }) => rv(id, 'report', b),
    inform: (id: string, note: string, version: number) => rv(id, 'inform', { note, version }),
    archive: (id: string, version: number) => rv(id, 'archive', { version }),
    consultOpinion: (id: string, cid: string, text: string) => rv(id, `consultations/${seg(cid)}/opinion`, { text }),
    alarmReview: (alarmId: string) => api.getWithPolicies<ReviewDetail>(`/api/pit-alarms/${seg(alarmId)}/review`),
    consult: (alarmId: string, note: string) => api.postWithPolicies<ReviewDetail>(`/api/pit-alarms/${seg(alarmId)}/expert-consultation`, { note }),
    reportPdfPath: (id: string) => `/api/reviews/${seg(id)}/report.pdf`,
    boardPdfPath: (id: string) => `/api/reviews/${seg(id)}/board.pdf`,
    experts: (cityId = 'dongguan') => api.get<ExpertPublic[]>(`/api/experts/public?cityId=${seg(cityId)}`),
    myWork: () => api.get<MyExpertWork>('/api/experts/me'),
    /** The keeper's library (every state), an expert's decisions, employer, integrity entry, and the sheet import. */
    library: (cityId: string) => api.get<ExpertFull[]>(`/api/experts?cityId=${seg(cityId)}`),
    expertAction: (id: string, b: { action: 'admit' | 'suspend' | 'reinstate' | 'remove' | 'yearly_review'; note: string; pass?: boolean; version: number }) => api.post<ExpertFull>(`/api/experts/${seg(id)}/action`, b),
    setEmployer: (id: string, employer: string | null, version: number) => api.post<ExpertFull>(`/api/experts/${seg(id)}/employer`, { employer, version }),
    recordIntegrity: (id: string, b: { kind: 'good' | 'bad'; note: string; version: number }) => api.post<ExpertFull>(`/api/experts/${seg(id)}/integrity`, b),
    importExperts: (b: ExpertImportBody) => api.post<ExpertImportView>('/api/experts/import', b),
    stats: (cityId = 'dongguan') => api.get<ReviewStats>(`/api/review-stats?cityId=${seg(cityId)}`),
    towns: (cityId = 'dongguan') => api.get<{ id: string; name: string }[]>(`/api/dw-projects/towns/${seg(cityId)}`),
    projects: () => api.get<DwProjectView[]>('/api/dw-projects'),
    /** the caller's (contractor's) projects not registered yet; `name` when known (a pit project) */
    unregistered: () => api.get<{ id: string; name: string | null }[]>('/api/dw-projects/unregistered'),
    project: (id: string) => api.getWithPolicies<DwProjectDetail>(`/api/dw-projects/${seg(id)}`),
    register: (id: string, body: RegisterProjectBody) => api.put<DwProjectView>(`/api/dw-projects/${seg(id)}`, body),
    scheme: (id: string) => api.getWithPolicies<SchemeDetail>(`/api/dw-schemes/${seg(id)}`),
    uploadVersion: (id: string, b: { scheme: string; calculations: string; drawings: string; note: string; version: number }) => api.postWithPolicies<SchemeDetail>(`/api/dw-schemes/${seg(id)}/versions`, b),
    schemeAction: (id: string, action: 'sign' | 'approve' | 'return', note: string, version: number) => api.postWithPolicies<SchemeDetail>(`/api/dw-schemes/${seg(id)}/${action}`, { note, version }),
    applyReview: (schemeId: string, b: { meetingAt: string; venue: string; venueLocation: { lng: number; lat: number }; declaredConflicts: string[]; version: number }) => api.postWithPolicies<ReviewDetail>(`/api/dw-schemes/${seg(schemeId)}/reviews`, b),
  };
}
