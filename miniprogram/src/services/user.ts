/** How users and codes are shown. Role names come from shared/ so both ends agree. */
import { EXPERT_LABEL, ROLE_LABELS } from '@cityloop/shared/identity/roles';
import type { CodeInfo, SessionUser, UserRole } from './types';

const roleText = (r: UserRole): string => r.label || (ROLE_LABELS as Record<string, string>)[r.role] || r.role;

/** `巡查员、片长`; every signed-in user is at least a citizen (市民), unless they are a library expert. */
export function userRoleLabel(user: SessionUser, opts: { expert?: boolean } = {}): string {
  const labels = user.roleLabel ? [user.roleLabel] : Array.from(new Set((user.roles ?? []).map(roleText)));
  if (opts.expert) labels.push(EXPERT_LABEL);
  return labels.length ? labels.join('、') : ROLE_LABELS.citizen;
}

/** The role added by the latest invitation (the last binding), for the success toast. */
export function newestRoleLabel(user: SessionUser): string | null {
  const roles = user.roles ?? [];
  return roles.length ? roleText(roles[roles.length - 1]) : null;
}

export const codeTitle = (code: CodeInfo): string => code.title || code.name || '';
