import type { Hono } from 'hono';
import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { can, holdsRoleFor } from '@cityloop/shared/policy/can';
import { findClass } from '@cityloop/shared/city/classes';
import { cityQuery, routingRowBody, unitBody, unitPatchBody, type AdminUnits } from '@cityloop/shared/city/city-admin.contract';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId } from '../../platform/ids';
import type { Deps } from '../../platform/deps';
import { cityRegions, deleteRoutingRow, findOrg, findRegion, findRoutingRow, insertOrg, invalidateRoutingTables, putRoutingRow, routingRowId, routingRowsOfTowns, unitsOfTowns, updateOrgVersioned, versionOf } from '../cases/public';
import { cityNotYours, targetCity } from './admin-city';

const mayManage = (actor: Actor, cityId: string, townId?: string) => can(actor, 'unit.manage', { kind: 'unit', scope: { cityId, ...(townId ? { townId } : {}) } }).allow;

/** A town of a city the actor administers, or 404 (another city's town is not theirs to see). */
async function ownTown(deps: Deps, actor: Actor, townId: string) {
  const town = await findRegion(deps.db, townId, 'town');
  if (!town?.parentId || !mayManage(actor, town.parentId, town._id)) throw notFound('街道（镇）不存在或不属于本市', 'town_not_found');
  return { townId: town._id, cityId: town.parentId, name: town.name ?? town._id };
}

/** The city of a unit: its own `cityId`, else its town's. */
async function unitCity(deps: Deps, unit: { cityId?: string; townId?: string }): Promise<string | null> {
  if (unit.cityId) return unit.cityId;
  return unit.townId ? ((await findRegion(deps.db, unit.townId, 'town'))?.parentId ?? null) : null;
}

const audit = (deps: Deps, c: { get: (k: 'requestId' | 'ip') => string | undefined }, actorId: string, action: string, id: string, coll: string, scope: Record<string, unknown>, reason?: string) =>
  appendAudit(deps.db, { _id: newId('ev', deps.now().getTime()), at: deps.now(), actorId, action, target: { collection: coll, id }, requestId: c.get('requestId'), ip: c.get('ip'), reason, scope });

export function unitAdminRoutes(app: Hono<AppEnv>) {
  /** 责任单位与分派表: the city's units and each town's class → unit rows. */
  app.get('/api/admin/units', async (c) => {
    const actor = requireActor(c);
    if (!holdsRoleFor(actor, 'unit.manage')) throw forbidden('责任单位管理仅向平台管理员开放');
    const cityId = targetCity(actor, query(c, cityQuery).cityId, ['unit.manage']);
    const deps = c.get('deps');
    const city = await findRegion(deps.db, cityId, 'city');
    if (!city || !mayManage(actor, cityId)) throw cityNotYours();
    const { towns } = await cityRegions(deps.db, cityId);
    const townIds = towns.map((t) => t._id);
    const units = await unitsOfTowns(deps.db, townIds);
    const rows = await routingRowsOfTowns(deps.db, townIds);
    const names = new Map(units.map((u) => [u._id, u.name ?? u._id]));
    const townName = new Map(towns.map((t) => [t._id, t.name ?? t._id]));
    return ok(c, {
      city: { id: cityId, name: city.name ?? cityId },
      towns: towns.map((t) => ({ id: t._id, name: t.name ?? t._id, hasBoundary: !!t.polygon?.length })),
      units: units.map((u) => ({ id: u._id, name: u.name ?? u._id, townId: u.townId ?? '', townName: townName.get(u.townId ?? '') ?? '', version: versionOf(u) })).sort((a, b) => a.townId.localeCompare(b.townId) || a.name.localeCompare(b.name, 'zh-Hans-CN')),
      routing: rows.map((r) => ({ id: r._id, townId: r.townId, kind: r.kind, classCode: r.classCode, unitId: r.unitId, unitName: names.get(r.unitId) ?? r.unitId })).sort((a, b) => a.id.localeCompare(b.id)),
    } satisfies AdminUnits);
  });

  app.post('/api/admin/units', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, unitBody);
    const deps = c.get('deps');
    const town = await ownTown(deps, actor, body.townId);
    const id = newId('org');
    await insertOrg(deps.db, { _id: id, kind: 'unit', name: body.name, cityId: town.cityId, townId: town.townId, version: 1, createdAt: deps.now() });
    await audit(deps, c, actor!.userId, 'unit.create', id, 'orgs', { cityId: town.cityId, townId: town.townId }, body.name);
    return ok(c, { id, name: body.name, townId: town.townId, townName: town.name, version: 1 }, { status: 201 });
  });

  app.patch('/api/admin/units/:id', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, unitPatchBody);
    const deps = c.get('deps');
    const unit = await findOrg(deps.db, c.req.param('id'));
    const cityId = unit?.kind === 'unit' ? await unitCity(deps, unit) : null;
    if (!unit || !cityId || !mayManage(actor, cityId, unit.townId)) throw notFound('单位不存在', 'unit_not_found');
    const town = body.townId ? await ownTown(deps, actor, body.townId) : null;
    if (town && town.cityId !== cityId) throw invalid('单位只能调整到本市的街道（镇）', 'town_not_in_city');
    const set = { ...(body.name ? { name: body.name } : {}), ...(town ? { townId: town.townId } : {}), cityId };
    await updateOrgVersioned(deps.db, unit._id, body.version, set);
    await audit(deps, c, actor.userId, 'unit.edit', unit._id, 'orgs', { cityId, townId: set.townId ?? unit.townId }, JSON.stringify(set));
    invalidateRoutingTables();
    return ok(c, { id: unit._id, name: set.name ?? unit.name, townId: set.townId ?? unit.townId, version: body.version + 1 });
  });

  /**
   * One row of a town's class → unit table (replaces the unit for that town, kind and class). The unit must be a
   * unit of the same city: a row pointing at another city's unit, or at none, would strand every case it routes.
   */
  app.put('/api/admin/routing', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, routingRowBody);
    const deps = c.get('deps');
    const town = await ownTown(deps, actor, body.townId);
    if (body.classCode !== '*' && !findClass(body.kind, body.classCode)) throw invalid(`类别 ${body.classCode} 不在${body.kind === 'component' ? '部件' : '事件'}分类表中`, 'unknown_class');
    const unit = await findOrg(deps.db, body.unitId);
    const city = unit?.kind === 'unit' ? await unitCity(deps, unit) : null;
    if (!unit || unit.kind !== 'unit') throw invalid(`责任单位 ${body.unitId} 不存在，分派表未修改`, 'unit_not_found');
    if (city !== town.cityId) throw invalid(`责任单位“${unit.name ?? unit._id}”不属于本市，分派表未修改`, 'unit_not_in_city');
    const row = { _id: routingRowId(body), townId: town.townId, kind: body.kind, classCode: body.classCode, unitId: unit._id };
    await putRoutingRow(deps.db, row);
    await audit(deps, c, actor.userId, 'routing.put', row._id, 'unit_contacts', { cityId: town.cityId, townId: town.townId }, `→ ${unit._id}`);
    invalidateRoutingTables();
    return ok(c, { id: row._id, townId: row.townId, kind: row.kind, classCode: row.classCode, unitId: row.unitId, unitName: unit.name ?? unit._id });
  });

  app.delete('/api/admin/routing/:id', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const row = await findRoutingRow(deps.db, c.req.param('id'));
    if (!row) throw notFound('分派规则不存在', 'routing_row_not_found');
    const town = await ownTown(deps, actor, row.townId).catch(() => {
      throw notFound('分派规则不存在', 'routing_row_not_found');
    });
    await deleteRoutingRow(deps.db, row._id);
    await audit(deps, c, actor.userId, 'routing.delete', row._id, 'unit_contacts', { cityId: town.cityId, townId: town.townId }, `× ${row.unitId}`);
    invalidateRoutingTables();
    return ok(c, { id: row._id, deleted: true });
  });
}
