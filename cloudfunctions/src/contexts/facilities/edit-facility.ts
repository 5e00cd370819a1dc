import { conflict, invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { findClass } from '@cityloop/shared/city/classes';
import { pointInPolygon } from '@cityloop/shared/city/point-in-polygon';
import type { Deps } from '../../platform/deps';
import { appendAudit } from '../../platform/audit/audit-log';
import { forgetCodeAnswer } from '../../platform/codes/code-answers';
import { newId } from '../../platform/ids';
import { findAnyRegion, findRegion } from '../cases/public';
import type { Facility } from './facility.collection';
import { findFacility, updateFacilityVersioned } from './facility.repository';

export type FacilityEdit = { name?: string; classCode?: string; location?: { lng: number; lat: number }; gridId?: string; version: number };
type Ctx = { requestId?: string; ip?: string };

/** A facility the actor may `action`; another area's is a 404, like another area's case. */
async function loadFor(deps: Deps, actor: Actor, id: string, action: string): Promise<Facility> {
  const f = await findFacility(deps.db, id);
  if (!f || !can(actor, action, { kind: 'facility', scope: f.scope }).allow) throw notFound('设施不存在', 'facility_not_found');
  if (f.retired) throw conflict('设施已停用，不能修改', 'facility_retired');
  return f;
}

/**
 * 设施编辑 (admin, regulators of its area): name, class (部件), position and grid. A new grid must be an active
 * grid of the same city the actor may also act in, and the position must lie inside the grid. Versioned, audited.
 */
export async function editFacility(deps: Deps, actor: Actor, id: string, e: FacilityEdit, ctx: Ctx) {
  const f = await loadFor(deps, actor, id, 'facility.edit');
  const set: Record<string, unknown> = {};
  if (e.name !== undefined) set.name = e.name;
  if (e.classCode !== undefined) {
    if (!findClass('component', e.classCode)) throw invalid(`类别 ${e.classCode} 不在部件分类表中`, 'unknown_class');
    set.classCode = e.classCode;
  }
  const gridId = e.gridId ?? f.scope.gridId;
  const location = e.location ?? f.location;
  if (e.gridId !== undefined || e.location !== undefined) {
    const grid = gridId ? await findAnyRegion(deps.db, gridId) : null;
    const town = grid?.kind === 'grid' ? await findRegion(deps.db, grid.parentId ?? '', 'town') : null;
    if (!grid || grid.kind !== 'grid' || grid.retired || town?.parentId !== f.scope.cityId) throw invalid('网格不存在或不属于本市', 'grid_not_found');
    const scope = { ...f.scope, townId: town._id, gridId: grid._id };
    if (!can(actor, 'facility.edit', { kind: 'facility', scope }).allow) throw invalid('只能把设施调整到您管辖的网格', 'grid_not_yours');
    if (grid.polygon?.length && !pointInPolygon(location, grid.polygon)) throw invalid(`设施位置不在网格“${grid.name ?? grid._id}”内`, 'location_outside_grid');
    set.scope = scope;
    set.location = { lng: location.lng, lat: location.lat };
  }
  if (!Object.keys(set).length) throw invalid('没有要修改的内容', 'nothing_to_change');
  const t = deps.now();
  await updateFacilityVersioned(deps.db, { _id: f._id, version: e.version }, { $set: { ...set, updatedAt: t } } as never);
  await appendAudit(deps.db, { _id: newId('ev', t.getTime()), at: t, actorId: actor?.userId ?? null, action: 'facility.edit', target: { collection: 'facilities', id: f._id }, requestId: ctx.requestId, ip: ctx.ip, reason: JSON.stringify(set).slice(0, 400), scope: (set.scope as Record<string, unknown>) ?? f.scope });
  forgetCodeAnswer(f._id);
  return { id: f._id, ...set, version: e.version + 1 };
}

/** 设施停用: its code answers 该设施已停用 from now on and it takes no new reports. Versioned, audited. */
export async function retireFacility(deps: Deps, actor: Actor, id: string, r: { version: number; reason: string }, ctx: Ctx) {
  const f = await loadFor(deps, actor, id, 'facility.retire');
  const t = deps.now();
  await updateFacilityVersioned(deps.db, { _id: f._id, version: r.version }, { $set: { retired: true, retiredAt: t, retiredReason: r.reason } } as never);
  await appendAudit(deps.db, { _id: newId('ev', t.getTime()), at: t, actorId: actor?.userId ?? null, action: 'facility.retire', target: { collection: 'facilities', id: f._id }, requestId: ctx.requestId, ip: ctx.ip, reason: r.reason, scope: f.scope });
  forgetCodeAnswer(f._id);
  return { id: f._id, retired: true, version: r.version + 1 };
}
