/**
 * 危大工程专家论证: the typed API of the `packages/review` subpackage (shapes from
 * shared/src/dangerous-works/review.contract.ts, imported as types only so zod stays out of the bundle).
 */
import type { ExpertPublic, ReviewDetail, ReviewPublic, ReviewSummary } from '@cityloop/shared/dangerous-works/review.contract';
import type { Api } from '../api';

export type { ExpertPublic, ReviewDetail, ReviewPublic, ReviewSummary };
export const REVIEW_LIST_PAGE = '/packages/review/pages/reviews/index';
export const reviewPage = (id: string) => `/packages/review/pages/review/index?id=${encodeURIComponent(id)}`;
export const EXPERTS_PAGE = '/packages/review/pages/experts/index';

type ApiLike = Pick<Api, 'get' | 'post' | 'getWithPolicies' | 'postWithPolicies'>;

export function createReviewApi(api: ApiLike) {
  const seg = encodeURIComponent;
  return {
    list: () => api.get<ReviewSummary[]>('/api/reviews'),
    detail: (id: string) => api.getWithPolicies<ReviewDetail>(`/api/reviews/${seg(id)}`),
    /** Anyone: the part the site board shows. */
    publicPart: (id: string) => api.get<ReviewPublic>(`/api/reviews/${seg(id)}/public`),
    draw: (id: string) => api.postWithPolicies<ReviewDetail>(`/api/reviews/${seg(id)}/draw`, {}),
    respond: (id: string, accept: boolean, reason = '') => api.postWithPolicies<ReviewDetail>(`/api/reviews/${seg(id)}/respond`, { accept, reason }),
    experts: (cityId = 'dongguan') => api.get<ExpertPublic[]>(`/api/experts/public?cityId=${seg(cityId)}`),
  };
}
