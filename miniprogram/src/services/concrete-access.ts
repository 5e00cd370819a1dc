/**
 * The main package's only knowledge of ready-mixed concrete: who sees its home entry, and where a scanned ticket or
 * plant code opens. Kept apart from services/concrete/api.ts so the main package carries none of the subpackage.
 */
import type { CodeInfo, SessionUser } from './types';

export const CONCRETE_HUB_PAGE = '/packages/concrete/pages/hub/index';
const CONCRETE_ROLES = new Set(['plant', 'lab', 'owner', 'contractor', 'supervisor', 'regulator', 'admin']);

export const canSeeConcrete = (user: SessionUser | null | undefined): boolean => !!user?.roles?.some((r) => CONCRETE_ROLES.has(r.role));

/** A truck's ticket (`dt_`) or a plant's code (`mp_`) → its public check page (the signed link travels with it). */
export function concretePageFor(code: Pick<CodeInfo, 'kind'> | null | undefined, token: string): string | null {
  if (code?.kind === 'concrete_ticket') return `/packages/concrete/pages/ticket/index?code=${encodeURIComponent(token)}`;
  if (code?.kind === 'concrete_plant') return `/packages/concrete/pages/plant/index?code=${encodeURIComponent(token)}`;
  return null;
}
