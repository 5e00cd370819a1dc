/**
 * Who sees the 基坑监测 entry on the home page. Kept apart from pit.ts so the main package does not
 * carry the subpackage's API and chart code.
 */
import type { SessionUser } from './types';

export const PIT_PROJECTS_PAGE = '/packages/pit/pages/projects/index';

export type PartyRole = 'owner' | 'contractor' | 'supervisor' | 'monitor' | 'designer';
export const PIT_PARTY_ROLES: readonly PartyRole[] = ['owner', 'contractor', 'supervisor', 'monitor', 'designer'];
const PIT_ROLES = new Set<string>([...PIT_PARTY_ROLES, 'regulator', 'admin']);

/** Project parties, regulators and admins (roles from /api/me `roles[].role`); the server scopes the data. */
export function canSeePit(user: SessionUser | null | undefined): boolean {
  return !!user?.roles?.some((r) => PIT_ROLES.has(r.role));
}

/** Who may register a pit (pit.create): a regulator, or a monitoring unit's member with an organisation. The server decides. */
export function canOnboard(user: SessionUser | null | undefined): boolean {
  return !!user?.roles?.some((r) => r.role === 'regulator' || (r.role === 'monitor' && !!r.orgId));
}
