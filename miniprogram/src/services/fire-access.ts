/**
 * The main package's only knowledge of fire-protection testing: who sees its home entries, and where a scanned
 * report code opens. Kept apart from services/fire/api.ts so the main package carries none of the subpackage.
 */
import type { CodeInfo, SessionUser } from './types';

export const FIRE_PROJECTS_PAGE = '/packages/fire/pages/projects/index';
export const FIRE_EVENTS_PAGE = '/packages/fire/pages/events/index';
export const FIRE_CHECK_PAGE = '/packages/fire/pages/check/index';

/** Agency staff (role `agency`) and regulators: 消防检测 (projects, reports). */
export const canSeeFireProjects = (user: SessionUser | null | undefined): boolean => !!user?.roles?.some((r) => r.role === 'agency' || r.role === 'regulator');
/** Regulators and agency staff: 消防检测预警 (events; an agency's notices). */
export const canSeeFireEvents = canSeeFireProjects;

/** Where a resolved code opens when it is a fire report (the public check page), else null. */
export function firePageFor(code: Pick<CodeInfo, 'kind' | 'id'> | null | undefined, url?: string): string | null {
  return code?.kind === 'fire_report' && url ? `${FIRE_CHECK_PAGE}?token=${encodeURIComponent(url)}` : null;
}
