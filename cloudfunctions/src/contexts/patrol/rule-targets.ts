import type { Db } from 'mongodb';
import { invalid } from '@cityloop/shared/errors';
import { countFacilitiesInGrid } from '../facilities/public';
import { countUsersWithRole } from '../cases/public';

/** A rule's facilities must lie in its grid and its patrollers patrol that grid (the grid's own or third-party). */
export async function checkRuleTargets(db: Db, gridId: string, facilityIds: string[] | undefined, patrollerIds: string[] | undefined): Promise<void> {
  if (facilityIds) {
    if (!facilityIds.length) throw invalid('请选择设施或整个网格', 'facilities_required');
    const inGrid = await countFacilitiesInGrid(db, facilityIds, gridId);
    if (inGrid !== new Set(facilityIds).size) throw invalid('有设施不在该网格内', 'facility_outside_grid');
  }
  if (patrollerIds) {
    const patrollers = await countUsersWithRole(db, patrollerIds, `patroller:grid:${gridId}`);
    if (patrollers !== new Set(patrollerIds).size) throw invalid('巡查人员须为该网格的巡查员（含第三方）', 'patroller_not_in_grid');
  }
}
