import type { Db } from 'mongodb';
import type { FacilityCodeData } from '@cityloop/shared/codes/code.contract';
import type { ResolvedCode } from '../../platform/codes/code-resolvers';
import { gone } from '@cityloop/shared/errors';
import { findFacility } from '../facilities/public';
import { listOpenCasesAt } from './case.repository';
import { regionNames } from './directory.repository';

/**
 * What a scanned facility code shows a passer-by: the facility and its open problems (without who reported
 * them). It lives with the cases, which depend on facilities, so facilities need not read cases.
 */
export async function resolveFacilityCode(db: Db, id: string): Promise<ResolvedCode | null> {
  const f = await findFacility(db, id);
  if (!f) return null;
  if (f.retired) throw gone('该设施已停用', 'facility_retired');
  const open = await listOpenCasesAt(db, f._id);
  // the grid and town by name (南城街道, not `nancheng`); an id without a region row stays the id
  const regions = new Map((await regionNames(db, [f.scope.townId, f.scope.gridId].filter((x): x is string => !!x))).map((r) => [r._id, r.name]));
  return {
    kind: 'facility',
    id: f._id,
    title: f.name,
    subtitle: f.maintainerName ? `养护单位：${f.maintainerName}` : undefined,
    page: `/packages/citizen/pages/facility/index`,
    data: {
      componentId: f.componentId,
      classCode: f.classCode,
      location: f.location,
      townId: f.scope.townId,
      townName: f.scope.townId ? (regions.get(f.scope.townId) ?? f.scope.townId) : undefined,
      gridId: f.scope.gridId,
      gridName: f.scope.gridId ? (regions.get(f.scope.gridId) ?? f.scope.gridId) : undefined,
      maintainer: f.maintainerName,
      openCases: open.map((c) => ({ id: c._id, kind: c.kind, classCode: c.classCode, className: c.className, state: c.state, createdAt: c.createdAt.toISOString() })),
    } satisfies FacilityCodeData,
  };
}

