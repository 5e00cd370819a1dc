import type { Deps } from '../../platform/deps';
import type { Pour } from './concrete.collections';

/** The check-in site kind of a pour (the field check-in machinery, docs/domain/concrete.md §5.3). */
export const POUR_SITE_KIND = 'concrete_pour';

/**
 * Was the witness on site (checked in at the pour, face + GPS) when sampling? The one place the check-in machinery
 * is asked. Until the check-in context is part of the system, presence cannot be checked and every sampling by the
 * project's supervisor is accepted (answered `unchecked`, kept on the group so it can be audited later).
 */
export async function witnessPresence(_deps: Deps, _pour: Pour, _userId: string, _at: Date): Promise<'present' | 'absent' | 'unchecked'> {
  return 'unchecked';
}
