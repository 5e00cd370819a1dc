import { conflict, notFound } from '@cityloop/shared/errors';
import { messagesFor } from '@cityloop/shared/notify/message';
import type { Deps } from '../../platform/deps';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import { newId } from '../../platform/ids';
import { setAreaChiefGrid, userNames } from '../../platform/auth/users.repository';
import { listCases, OPEN_STATES, updateCaseVersioned } from './case.repository';
import { CASES } from './case.collection';
import { findAnyRegion, updateRegionVersioned, versionOf } from './directory-admin.repository';
import { findRegion } from './directory.repository';
import { invalidateRoutingTables } from './routing-tables';

export type ChiefChange = {
  gridId: string;
  chiefId: string;
  /** the grid version the page showed; left out by a redeemed invitation (it takes the grid as it is) */
  version?: number;
  actorId: string;
  role: string;
  /** where the grid must lie (a redeemed invitation's binding): a grid elsewhere is not found */
  within?: { cityId: string; townId?: string };
  ctx: { requestId?: string; ip?: string };
};
export type ChiefChanged = { gridId: string; areaChiefId: string; previousChiefId: string | null; movedCases: number; version: number; cityId: string; townId: string };

/**
 * Makes `chiefId` the 片长 of a grid — the one place a grid's 片长 changes (an admin's or town regulator's
 * assignment, a redeemed 片长 invitation). The grid holds the 片长 (facilities and new cases read it there):
 * one versioned update sets it with its event, audit row and the messages to the new and the old 片长; the
 * role bindings follow (the grid leaves the old 片长's binding, joins the new one's); the grid's open cases that
 * waited on the old 片长 (or on nobody) now wait on the new one, each with an event in its history.
 */
export async function replaceGridChief(deps: Deps, ch: ChiefChange): Promise<ChiefChanged> {
  const { db } = deps;
  const t = deps.now();
  for (let attempt = 0; ; attempt++) {
    const grid = await findAnyRegion(db, ch.gridId);
    if (!grid || grid.kind !== 'grid') throw notFound('网格不存在', 'grid_not_found');
    if (grid.retired) throw conflict('网格已停用，不能指定片长', 'grid_retired');
    const town = await findRegion(db, grid.parentId ?? '', 'town');
    if (!town?.parentId) throw notFound('网格所属的街道（镇）不存在', 'town_not_found');
    const where = { cityId: town.parentId, townId: town._id, gridId: grid._id };
    if (ch.within && (ch.within.cityId !== where.cityId || (ch.within.townId && ch.within.townId !== where.townId))) throw notFound('网格不存在', 'grid_not_found');
    const version = versionOf(grid);
    if (ch.version !== undefined && ch.version !== version) throw conflict('网格已被他人修改，请刷新后重试', 'stale_version');
    const previous = grid.areaChiefId ?? null;
    if (previous === ch.chiefId) {
      await setAreaChiefGrid(db, ch.chiefId, where, true);
      return { areaChiefId: ch.chiefId, previousChiefId: previous, movedCases: 0, version, ...where };
    }
    const waiting = await listCases(db, { 'scope.gridId': grid._id, state: { $in: [...OPEN_STATES] }, 'routing.areaChiefId': previous }, 5000);
    const names = await userNames(db, [ch.chiefId, ...(previous ? [previous] : [])]);
    const gridName = grid.name ?? grid._id;
    const event: DomainEvent = { id: newId('ev', t.getTime()), action: 'grid.assign_chief', at: t, actorId: ch.actorId, role: ch.role, data: { from: previous, to: ch.chiefId, movedCases: waiting.length } };
    const moved = waiting.length ? `，${waiting.length} 件在办案件已转交` : '';
    const messages = [
      ...messagesFor(event.id, [ch.chiefId], t, { channels: ['inbox', 'wechat'], title: `您已成为${gridName}的片长`, body: `${gridName}由您负责${moved}。`, link: '/packages/chief/pages/queue/index' }),
      ...(previous ? messagesFor(event.id, [previous], t, { channels: ['inbox'], title: `${gridName}已交由${names[ch.chiefId] ?? '新片长'}负责`, body: `您不再是${gridName}的片长${moved}。`, link: '/packages/chief/pages/queue/index' }) : []),
    ];
    const writes = eventWrites('regions', grid._id, event, messages, { ...ch.ctx, scope: where });
    try {
      await updateRegionVersioned(db, grid._id, version, { ...writes, $set: { ...writes.$set, areaChiefId: ch.chiefId, cityId: where.cityId } });
    } catch (e) {
      // a redeemed invitation takes the grid as it is now: retry on a concurrent change
      if (ch.version === undefined && (e as { status?: number }).status === 409 && attempt < 3) continue;
      throw e;
    }
    await setAreaChiefGrid(db, ch.chiefId, where, true);
    if (previous) await setAreaChiefGrid(db, previous, where, false);
    let movedCases = 0;
    for (const c of waiting) movedCases += (await moveCase(deps, c._id, c.version, previous, ch, event.id, where)) ? 1 : 0;
    invalidateRoutingTables();
    return { areaChiefId: ch.chiefId, previousChiefId: previous, movedCases, version: version + 1, ...where };
  }
}

/** One open case passes to the new 片长 (re-read and retried when it changed meanwhile; skipped once closed or moved). */
async function moveCase(deps: Deps, id: string, version: number, previous: string | null, ch: ChiefChange, cause: string, scope: Record<string, unknown>): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const event: DomainEvent = { id: `${cause}:${id}`, action: 'case.chief_change', at: deps.now(), actorId: ch.actorId, role: ch.role, data: { from: previous, to: ch.chiefId } };
    const writes = eventWrites(CASES, id, event, [], { ...ch.ctx, scope });
    try {
      await updateCaseVersioned(deps.db, { _id: id, version }, { ...writes, $set: { ...writes.$set, 'routing.areaChiefId': ch.chiefId } } as never);
      return true;
    } catch (e) {
      if ((e as { status?: number }).status !== 409) throw e;
      const [c] = await listCases(deps.db, { _id: id, state: { $in: [...OPEN_STATES] }, 'routing.areaChiefId': previous }, 1);
      if (!c) return false;
      version = c.version;
    }
  }
  return false;
}
