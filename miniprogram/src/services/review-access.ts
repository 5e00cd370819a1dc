/** Who sees the 危大工程专家论证 entry on the home page (the server scopes the data). Kept apart from the subpackage's API. */
import type { SessionUser } from './types';

export const REVIEW_HOME_PAGE = '/packages/review/pages/reviews/index';
const REVIEW_ROLES = new Set<string>(['owner', 'contractor', 'supervisor', 'regulator', 'admin']);

export function canSeeReviews(user: SessionUser | null | undefined): boolean {
  return !!user?.roles?.some((r) => REVIEW_ROLES.has(r.role));
}

/** Where a scanned review code (`rv_…`) lands. */
export const REVIEW_CODE_PAGE = '/packages/review/pages/review/index';
