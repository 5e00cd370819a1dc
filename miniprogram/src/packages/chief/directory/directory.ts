/**
 * 辖区名录 (GET /api/city/directory): the names behind the unit, patroller and grid ids the chief pages
 * show. Pure: no Taro, so the lookups are tested with node.
 */

import type { Directory, DirectoryPatroller, DirectoryUnit } from '@cityloop/shared/city/directory.contract';

export type { Directory, DirectoryPatroller, DirectoryUnit } from '@cityloop/shared/city/directory.contract';

/** Several towns' directories as one (a chief's grids are nearly always in one town). */
export function mergeDirectories(list: readonly Directory[]): Directory | null {
  if (!list.length) return null;
  const uniq = <T extends { id: string }>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
  return {
    town: list[0].town,
    units: uniq(list.flatMap((d) => d.units)),
    patrollers: uniq(list.flatMap((d) => d.patrollers)),
    grids: uniq(list.flatMap((d) => d.grids)),
  };
}

/**
 * The unit's name: from the directory, else the name the record came with (`known`, e.g. a case's `unitName`);
 * its id only while neither knows it.
 */
export function unitName(d: Directory | null, id: string | null | undefined, known?: string | null): string {
  if (!id) return '';
  return d?.units.find((u) => u.id === id)?.name ?? known ?? id;
}

export function gridName(d: Directory | null, id: string | null | undefined, known?: string | null): string {
  if (!id) return '';
  // while the directory loads (null) and the record names nothing: blank for a moment, never the raw id
  return d?.grids.find((g) => g.id === id)?.name ?? known ?? (d ? id : '');
}

/** A patroller as the chief reads it: `周巡查（第三方） · 莞城第三方巡查公司`. */
export function patrollerLabel(d: Directory | null, id: string): { name: string; company: string | null } {
  const p = d?.patrollers.find((x) => x.id === id);
  return p ? { name: p.name, company: p.company } : { name: d ? id : '', company: null };
}

/** The patrollers who may be assigned on `gridId` (the server refuses anyone else). */
export function patrollersOf(d: Directory | null, gridId: string): DirectoryPatroller[] {
  return (d?.patrollers ?? []).filter((p) => p.gridIds.includes(gridId));
}

/**
 * The dispatch picker's choices and where it starts: the town's units, the routed (or current) unit first
 * selected; a unit outside the directory (a facility's own maintainer) is kept as a choice under its id.
 */
export function unitChoices(d: Directory | null, current: string | null | undefined): { units: DirectoryUnit[]; index: number } {
  const units = [...(d?.units ?? [])];
  // before the directory arrives the routed unit has no name yet; its id is never shown in its place
  if (current && !units.some((u) => u.id === current)) units.unshift({ id: current, name: d ? current : '正在加载…', routed: true });
  const index = current ? units.findIndex((u) => u.id === current) : -1;
  return { units, index };
}

/** The towns a signed-in user's chief bindings cover, in binding order. */
export function chiefTowns(roles: readonly { role: string; townId?: string }[] | undefined): string[] {
  return [...new Set((roles ?? []).filter((r) => r.role === 'areaChief' && r.townId).map((r) => r.townId!))];
}
