import { SEED_CLASS_TABLE, classByCode, type ClassKind, type ClassTable } from './classes';
import type { GridIndex, PolygonIndex, PolygonItem } from './grid-index';
import type { UnitTable } from './unit-table';

/** What a scanned facility carries (its grid, town, maintaining unit and area chief). */
export type RoutingFacility = {
  gridId?: string | null;
  townId?: string | null;
  /** the maintaining unit (养护单位), i.e. the owner side of 属主 */
  unitId?: string | null;
  areaChiefId?: string | null;
  lng?: number;
  lat?: number;
};

/** @example { kind: 'component', classCode: '0101', facility: { gridId: 'g1', townId: 'nc', unitId: 'water' } } */
export type RouteInput = {
  kind: ClassKind;
  classCode: string;
  /** a scanned facility; its grid, town, unit and position win over `location` */
  facility?: RoutingFacility | null;
  /** GCJ-02 report position, used when there is no facility */
  location?: { lng: number; lat: number } | null;
};

/** Built once per warm instance: the grid index, optional town polygons, the class → unit table. */
export type RoutingTables = {
  grids: GridIndex;
  /** coarse town polygons, used only outside every grid */
  towns?: PolygonIndex<PolygonItem> | null;
  units: UnitTable;
  classes?: ClassTable;
};

/** What routing could not find; the town's dispatchers complete it by hand. */
export type RouteMissing = 'location' | 'grid' | 'town' | 'unit_for_class' | 'area_chief';

/** @example { unitId: null, areaChiefId: null, townId: 'nc', gridId: null, queue: 'town_dispatch', missing: ['grid', 'unit_for_class', 'area_chief'], unitSource: null } */
export type RouteResult = {
  unitId: string | null;
  areaChiefId: string | null;
  townId: string | null;
  gridId: string | null;
  /** `unit`: everything found, the area chief accepts and dispatches to `unitId`; else the town's dispatch queue */
  queue: 'unit' | 'town_dispatch';
  missing: RouteMissing[];
  /** which rule chose the unit */
  unitSource: 'facility' | 'town_class' | 'town_fallback' | null;
};

/**
 * Routes a case: (facility or location, class) → unit, area chief, town, grid. Responsibility follows
 * 常熟's rules (docs/domain/city.md §1.2): 部件 先属主后属地 — the facility's maintainer first, then the town's
 * table; 事件 先属地后属主 — the town's table first, then the facility's maintainer; the town's
 * fallback unit last (属地兜底). Unknown classes throw `unknown_class`.
 * @example
 *   routeCase({ kind: 'event', classCode: '0104', location: { lng: 113.751, lat: 23.021 } }, tables)
 *   // { unitId: 'sanitation-nc', areaChiefId: 'chief-1', townId: 'nc', gridId: 'g-001', queue: 'unit', missing: [], unitSource: 'town_class' }
 */
export function routeCase(input: RouteInput, tables: RoutingTables): RouteResult {
  classByCode(input.kind, input.classCode, tables.classes ?? SEED_CLASS_TABLE);
  const missing: RouteMissing[] = [];
  const f = input.facility ?? null;

  let gridId: string | null = f?.gridId ?? null;
  let townId: string | null = f?.townId ?? null;
  let areaChiefId: string | null = f?.areaChiefId ?? null;

  // The facility's own position first; the reporter's position (metres away) when the facility has none.
  const point = f && isPoint(f) ? f : input.location && isPoint(input.location) ? input.location : null;
  let grid = gridId ? (tables.grids.get(gridId) ?? null) : null;
  if (!gridId && point) {
    grid = tables.grids.gridAt(point.lng, point.lat);
    gridId = grid?.id ?? null;
  }
  if (grid) {
    townId ??= grid.townId;
    areaChiefId ??= grid.areaChiefId;
  }
  if (!f && !point) missing.push('location');
  else if (!gridId) missing.push('grid');
  if (!townId && point && tables.towns) townId = tables.towns.at(point.lng, point.lat)?.id ?? null;
  if (!townId) missing.push('town');

  const owner = f?.unitId ?? null;
  const byTown = townId ? tables.units.unitFor(townId, input.kind, input.classCode) : null;
  const fallback = townId ? tables.units.fallbackFor(townId, input.kind) : null;
  const order: [string | null, RouteResult['unitSource']][] =
    input.kind === 'component'
      ? [
          [owner, 'facility'],
          [byTown, 'town_class'],
        ]
      : [
          [byTown, 'town_class'],
          [owner, 'facility'],
        ];
  order.push([fallback, 'town_fallback']);
  const chosen = order.find(([unit]) => !!unit);
  const unitId = chosen?.[0] ?? null;
  if (!unitId) missing.push('unit_for_class');
  if (!areaChiefId) missing.push('area_chief');

  return {
    unitId,
    areaChiefId,
    townId,
    gridId,
    queue: unitId && areaChiefId && gridId && townId ? 'unit' : 'town_dispatch',
    missing,
    unitSource: chosen?.[1] ?? null,
  };
}

const isPoint = (p: { lng?: number; lat?: number }): p is { lng: number; lat: number } =>
  typeof p.lng === 'number' && typeof p.lat === 'number' && Number.isFinite(p.lng) && Number.isFinite(p.lat);
