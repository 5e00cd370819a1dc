import type { Hono } from 'hono';
import { conflict, forbidden, notFound } from '@cityloop/shared/errors';
import { can, holdsRoleFor } from '@cityloop/shared/policy/can';
import { assignChiefBody, cityQuery, gridImportBody, renameGridBody, retireGridBody, type AdminGrid, type AdminGrids, type ChiefAssigned } from '@cityloop/shared/city/city-admin.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { findUser, userNames, setAreaChiefGrid } from '../../platform/auth/users.repository';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { cityRegions, findAnyRegion, findRegion, invalidateRoutingTables, replaceGridChief, updateRegionVersioned, versionOf, type StoredRegion } from '../cases/public';
import { issueInvitation } from '../identity/public';
import { cityNotYours, mayAny, targetCity } from './admin-city';
import { importGrids } from './import-grids';

const GRID_ACTIONS = ['region.manage', 'grid.assign_chief'];

/** A grid with the scope the policy judges it by (its town's city). */
async function loadGrid(db: Parameters<typeof findAnyRegion>[0], id: string): Promise<{ grid: StoredRegion; scope: { cityId: string; townId: string; gridId: string } } | null> {
  const grid = await findAnyRegion(db, id);
  if (!grid || grid.kind !== 'grid') return null;
  const town = await findRegion(db, grid.parentId ?? '', 'town');
  if (!town?.parentId) return null;
  return { grid, scope: { cityId: town.parentId, townId: town._id, gridId: grid._id } };
}

export function gridAdminRoutes(app: Hono<AppEnv>) {
  /** 网格管理: the city's towns and grids (a town regulator sees their town's grids, to assign 片长). */
  app.get('/api/admin/grids', async (c) => {
    const actor = requireActor(c);
    if (!GRID_ACTIONS.some((a) => holdsRoleFor(actor, a))) throw forbidden('网格管理仅向平台管理员和监管部门开放');
    const cityId = targetCity(actor, query(c, cityQuery).cityId, GRID_ACTIONS);
    const { db } = c.get('deps');
    const city = await findRegion(db, cityId, 'city');
    const { towns, grids } = await cityRegions(db, cityId);
    const visibleTowns = towns.filter((t) => mayAny(actor, GRID_ACTIONS, { cityId, townId: t._id }) || grids.some((g) => g.parentId === t._id && mayAny(actor, GRID_ACTIONS, { cityId, townId: t._id, gridId: g._id })));
    if (!city || !visibleTowns.length) throw cityNotYours();
    const shown = grids.filter((g) => mayAny(actor, GRID_ACTIONS, { cityId, townId: g.parentId ?? '', gridId: g._id }));
    const chiefs = await userNames(db, shown.map((g) => g.areaChiefId).filter((x): x is string => !!x));
    const townName = new Map(towns.map((t) => [t._id, t.name ?? t._id]));
    return ok(c, {
      city: { id: cityId, name: city.name ?? cityId },
      towns: visibleTowns.map((t) => ({ id: t._id, name: t.name ?? t._id, hasBoundary: !!t.polygon?.length })),
      grids: shown
        .map((g): AdminGrid => ({ id: g._id, name: g.name ?? g._id, townId: g.parentId ?? '', townName: townName.get(g.parentId ?? '') ?? '', areaChiefId: g.areaChiefId ?? null, areaChiefName: g.areaChiefId ? (chiefs[g.areaChiefId] ?? null) : null, vertices: g.polygon?.length ?? 0, retired: !!g.retired, version: versionOf(g) }))
        .sort((a, b) => a.townId.localeCompare(b.townId) || a.id.localeCompare(b.id)),
    } satisfies AdminGrids, { policies: { 'region.manage': can(actor, 'region.manage', { kind: 'region', scope: { cityId } }).allow } });
  });

  /** GeoJSON import: all grids or none, errors per feature (import-grids.ts). */
  app.post('/api/admin/grids/import', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, gridImportBody);
    const cityId = targetCity(actor, body.cityId, ['region.manage']);
    return ok(c, await importGrids(c.get('deps'), actor, cityId, body.geojson, { requestId: c.get('requestId'), ip: c.get('ip') }), { status: 201 });
  });

  /** Rename a grid (versioned, audited through the grid's history). */
  app.patch('/api/admin/grids/:id', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, renameGridBody);
    const deps = c.get('deps');
    const g = await loadGrid(deps.db, c.req.param('id'));
    if (!g || !can(actor, 'region.manage', { kind: 'region', scope: g.scope }).allow) throw notFound('网格不存在', 'grid_not_found');
    const t = deps.now();
    const event: DomainEvent = { id: newId('ev', t.getTime()), action: 'grid.rename', at: t, actorId: actor.userId, role: 'admin', data: { from: g.grid.name, to: body.name } };
    const writes = eventWrites('regions', g.grid._id, event, [], { requestId: c.get('requestId'), ip: c.get('ip'), scope: g.scope });
    await updateRegionVersioned(deps.db, g.grid._id, body.version, { ...writes, $set: { ...writes.$set, name: body.name } });
    invalidateRoutingTables();
    return ok(c, { id: g.grid._id, name: body.name, version: body.version + 1 });
  });

  /**
   * Retire a grid: it routes nothing from now on (new reports go to the town's queue or the neighbouring grid),
   * its 片长 no longer holds it; open cases keep their grid until closed.
   */
  app.post('/api/admin/grids/:id/retire', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, retireGridBody);
    const deps = c.get('deps');
    const g = await loadGrid(deps.db, c.req.param('id'));
    if (!g || !can(actor, 'region.manage', { kind: 'region', scope: g.scope }).allow) throw notFound('网格不存在', 'grid_not_found');
    if (g.grid.retired) throw conflict('网格已停用', 'grid_retired');
    const t = deps.now();
    const event: DomainEvent = { id: newId('ev', t.getTime()), action: 'grid.retire', at: t, actorId: actor.userId, role: 'admin', reason: body.reason };
    const writes = eventWrites('regions', g.grid._id, event, [], { requestId: c.get('requestId'), ip: c.get('ip'), scope: g.scope });
    await updateRegionVersioned(deps.db, g.grid._id, body.version, { ...writes, $set: { ...writes.$set, retired: true, retiredAt: t } });
    if (g.grid.areaChiefId) await setAreaChiefGrid(deps.db, g.grid.areaChiefId, g.scope, false);
    invalidateRoutingTables();
    return ok(c, { id: g.grid._id, retired: true, version: body.version + 1 });
  });

  /**
   * 指定片长: an existing user, or a person named with a phone — invited through the invitation machinery (their
   * contact account is the 片长 at once; the code goes to the phone). The grid's open cases move to the new 片长.
   */
  app.put('/api/admin/grids/:id/chief', async (c) => {
    const actor = requireActor(c);
    const body = await jsonBody(c, assignChiefBody);
    const deps = c.get('deps');
    const g = await loadGrid(deps.db, c.req.param('id'));
    if (!g) throw notFound('网格不存在', 'grid_not_found');
    const d = can(actor, 'grid.assign_chief', { kind: 'grid', scope: g.scope });
    if (!d.allow) {
      if (can(actor, 'case.read', { kind: 'grid', scope: g.scope }).allow) throw forbidden('只有所在街道（镇）的监管部门或平台管理员可以指定片长');
      throw notFound('网格不存在', 'grid_not_found');
    }
    if (g.grid.retired) throw conflict('网格已停用，不能指定片长', 'grid_retired');
    if (versionOf(g.grid) !== body.version) throw conflict('网格已被他人修改，请刷新后重试', 'stale_version');
    const ctx = { requestId: c.get('requestId'), ip: c.get('ip') };
    let chiefId: string;
    let invitationCode: string | undefined;
    if ('userId' in body) {
      const u = await findUser(deps.db, body.userId);
      if (!u || u.mergedInto) throw notFound('该用户不存在', 'user_not_found');
      chiefId = u._id;
    } else {
      const inv = await issueInvitation(deps, actor.userId, { name: body.name, phone: body.phone, binding: { role: 'areaChief', cityId: g.scope.cityId, townId: g.scope.townId, gridIds: [g.grid._id] }, note: `${g.grid.name ?? g.grid._id} 片长`, expiresAt: new Date(deps.now().getTime() + 14 * 86400_000) }, ctx);
      chiefId = inv.contactId;
      invitationCode = inv._id;
      touched(c, 'invitations', inv._id); // the code's SMS leaves with this request
    }
    const r = await replaceGridChief(deps, { gridId: g.grid._id, chiefId, version: body.version, actorId: actor.userId, role: d.who, ctx });
    touched(c, 'regions', g.grid._id); // and the messages to the new and the old 片长
    return ok(c, { gridId: r.gridId, areaChiefId: r.areaChiefId, previousChiefId: r.previousChiefId, movedCases: r.movedCases, version: r.version, ...(invitationCode ? { invitationCode } : {}) } satisfies ChiefAssigned);
  });
}
