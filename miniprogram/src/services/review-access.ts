/** Who sees the 危大工程专家论证 entry on the home page (the server scopes the data). Kept apart from the subpackage's API. */
import type { SessionUser } from './types';

export const REVIEW_HOME_PAGE = '/packages/review/pages/reviews/index';
/** 我的论证邀请: an expert's invitations, meetings and opinions to write. */
export const EXPERT_WORK_PAGE = '/packages/review/pages/invitations/index';
const REVIEW_ROLES = new Set<string>(['owner', 'contractor', 'supervisor', 'regulator', 'admin']);

export function canSeeReviews(user: SessionUser | null | undefined): boolean {
  return !!user?.roles?.some((r) => REVIEW_ROLES.has(r.role));
}

/** Where a scanned review code (`rv_…`) lands. */
export const REVIEW_CODE_PAGE = '/packages/review/pages/review/index';

/**
 * Experts hold no role binding (the library says who they are), so the home page asks the server once a minute at
 * most whether the signed-in person is a library expert or has review invitations. `ask` is the API call.
 */
let known: { userId: string; at: number; expert: boolean } | null = null;
export async function isReviewExpert(userId: string, ask: () => Promise<{ expert: unknown; items: unknown[] }>): Promise<boolean> {
  if (known && known.userId === userId && Date.now() - known.at < 60_000) return known.expert;
  const w = await ask();
  known = { userId, at: Date.now(), expert: !!w.expert || w.items.length > 0 };
  return known.expert;
}
