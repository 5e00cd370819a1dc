import type { Hono } from 'hono';
import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { directoryQuery, type Directory, type DirectoryPatroller, type DirectoryUnit } from '@cityloop/shared/city/directory.contract';
import { can, holdsRoleFor } from '@cityloop/shared/policy/can';
import type { Actor, RoleBinding } from '@cityloop/shared/identity/roles';
import type { Scope } from '@cityloop/shared/policy/scope';
import type { AppEnv } from '../../platform/http/app-env';
import { ok, query } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { findRegion, gridsOfTown, orgsByIds, unitContactsOfTown, unitsOfTown, usersWithRole, type Org } from './directory.repository';

/**
 * Who may read a town's directory: whoever dispatches, sets patrol rules or reads the numbers there — the
 * area chief of one of its grids, its town regulator, the city regulator and the city's admin. Decided by the
 * same policy rules as those actions, on the town and on each of its grids. Units and patrollers read their own
 * town's (`directory.read`): the names behind the grid and unit ids on their cases.
 */
const DIRECTORY_ACTIONS = ['case.dispatch', 'patrol.manage', 'case.metrics', 'directory.read'];

function mayRead(actor: Actor, scopes: Scope[]): boolean {
  return scopes.some((scope) => DIRECTORY_ACTIONS.some((a) => can(actor, a, { kind: 'directory', scope }).allow));
}

/** The caller's only town, when the request names none. */
function onlyTown(roles: RoleBinding[]): string | null {
  const towns = new Set(roles.filter((b) => b.townId).map((b) => b.townId!));
  return towns.size === 1 ? [...towns][0] : null;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-Hans-CN');

export function directoryRoutes(app: Hono<AppEnv>) {
  /**
   * 辖区名录: the names behind the ids a chief works with, for one town — the units cases can be dispatched
   * to (the town's class → unit table and its own units), the patrollers of its grids (third-party staff with
   * their company) and its grids. Another town's directory is a 404, like another town's case.
   */
  app.get('/api/city/directory', async (c) => {
    const actor = requireActor(c);
    const q = query(c, directoryQuery);
    const townId = q.townId ?? onlyTown(actor.roles);
    if (!townId) throw invalid('请指定街道（镇）', 'town_required');
    // no binding that could read any directory (citizens, shop owners…): say so plainly
    if (!DIRECTORY_ACTIONS.some((a) => holdsRoleFor(actor, a))) throw forbidden('辖区名录仅向片长、责任单位、巡查员和监管部门开放');
    const { db } = c.get('deps');
    const town = await findRegion(db, townId, 'town');
    const grids = town ? await gridsOfTown(db, townId) : [];
    const cityId = town?.parentId ?? '';
    const scopes: Scope[] = [{ cityId, townId }, ...grids.map((g) => ({ cityId, townId, gridId: g._id }))];
    if (!town || !mayRead(actor, scopes)) throw notFound('该街道（镇）不在您的辖区内', 'town_not_found');

    const contacts = await unitContactsOfTown(db, townId);
    const ownUnits = await unitsOfTown(db, townId);
    const gridIds = grids.map((g) => g._id);
    const staff = await usersWithRole(db, gridIds.map((g) => `patroller:grid:${g}`));
    const patrolBindings = staff.map((u) => ({ u, bs: u.roles.filter((b) => b.role === 'patroller' && (b.gridIds ?? []).some((g) => gridIds.includes(g))) }));
    const orgIds = [...new Set([...contacts.map((x) => x.unitId), ...patrolBindings.flatMap((p) => p.bs.map((b) => b.orgId ?? '')).filter(Boolean)])];
    const orgs = new Map<string, Org>((await orgsByIds(db, orgIds)).map((o) => [o._id, o]));
    for (const o of ownUnits) orgs.set(o._id, { ...o, kind: 'unit' });

    const unitIds = [...new Set([...contacts.map((x) => x.unitId), ...ownUnits.map((o) => o._id)])];
    const units = unitIds.map((id): DirectoryUnit => ({ id, name: orgs.get(id)?.name ?? id, routed: contacts.some((x) => x.unitId === id) })).sort(byName);
    const patrollers = patrolBindings
      .map(({ u, bs }): DirectoryPatroller => {
        const orgId = bs.find((b) => b.orgId)?.orgId ?? null;
        const org = orgId ? orgs.get(orgId) : undefined;
        return {
          id: u._id,
          name: u.name,
          companyId: orgId,
          company: org?.name ?? null,
          thirdParty: org?.kind === 'company',
          gridIds: [...new Set(bs.flatMap((b) => b.gridIds ?? []))].filter((g) => gridIds.includes(g)).sort(),
        };
      })
      .sort(byName);
    return ok(c, {
      town: { id: town._id, name: town.name ?? town._id },
      units,
      patrollers,
      grids: grids.map((g) => ({ id: g._id, name: g.name ?? g._id })).sort((a, b) => a.id.localeCompare(b.id)),
    } satisfies Directory);
  });
}
