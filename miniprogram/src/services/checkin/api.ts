/**
 * Field check-ins: the typed API of `packages/checkin` (shared/src/checkin/checkin.contract.ts, types only).
 */
import type { CheckinBody, CheckinListView, CheckinView, EnrolmentBody, EnrolmentView, FaceSessionBody, FaceSessionView } from '@cityloop/shared/checkin/checkin.contract';
import type { StoredBlob, UploadStart } from '@cityloop/shared/platform/evidence.contract';
import type { Api } from '../api';

export type { CheckinBody, CheckinListView, CheckinView, EnrolmentBody, EnrolmentView, FaceSessionView };

type ApiLike = Pick<Api, 'get' | 'post'>;

export function createCheckinApi(api: ApiLike) {
  const q = encodeURIComponent;
  return {
    enrolment: () => api.get<EnrolmentView | null>('/api/checkins/enrolment'),
    enrol: (body: EnrolmentBody) => api.post<EnrolmentView>('/api/checkins/enrolment', body),
    faceSession: (body: FaceSessionBody) => api.post<FaceSessionView>('/api/checkins/face-session', body),
    checkin: (body: CheckinBody) => api.post<CheckinView>('/api/checkins', body),
    list: (siteKind: string, siteId: string) => api.get<CheckinListView>(`/api/checkins?siteKind=${q(siteKind)}&siteId=${q(siteId)}`),
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) => api.post<UploadStart>('/api/uploads', body),
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => api.post<StoredBlob>('/api/uploads/complete', body),
  };
}
