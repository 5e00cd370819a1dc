import type { Deps } from '../../platform/deps';
import { replaceGridChief } from '../cases/public';
import type { Invitation } from './invitation.collection';

/**
 * A redeemed 片长 invitation naming grids replaces each grid's 片长 with the redeemer (issue 12: a newly invited
 * 片长 used to leave alerts going to the old one). A grid that no longer exists or was retired is skipped.
 */
export async function takeGridsOfInvitation(deps: Deps, inv: Invitation, userId: string, ctx: { requestId?: string; ip?: string }): Promise<void> {
  if (inv.binding.role !== 'areaChief') return;
  for (const gridId of inv.binding.gridIds ?? []) {
    try {
      await replaceGridChief(deps, { gridId, chiefId: userId, actorId: userId, role: 'areaChief', ctx, within: { cityId: inv.binding.cityId, townId: inv.binding.townId } });
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status !== 404 && status !== 409) throw e;
      deps.log.warn('chief invitation: grid skipped', { gridId, invitation: inv._id, error: (e as Error).message });
    }
  }
}
