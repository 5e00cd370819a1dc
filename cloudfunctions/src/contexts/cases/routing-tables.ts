import type { Db } from 'mongodb';
import { GridIndex, PolygonIndex, type GridPolygon, type PolygonItem } from '@cityloop/shared/city/grid-index';
import { unitTable } from '@cityloop/shared/city/unit-table';
import type { RoutingTables } from '@cityloop/shared/city/route-case';
import { allUnitContacts, routingRegions } from './directory.repository';

let cached: { at: number; db: Db; tables: RoutingTables } | undefined;
const TTL_MS = 5 * 60_000;

/**
 * Grid polygons (spatial index), town polygons and unit contacts, built once per warm instance and
 * refreshed every 5 minutes (a grid edit shows up without a redeploy).
 */
export async function routingTables(db: Db, nowMs: number): Promise<RoutingTables> {
  if (cached && cached.db === db && nowMs - cached.at < TTL_MS) return cached.tables;
  const regions = await routingRegions(db);
  const grids: GridPolygon[] = regions.filter((r) => r.kind === 'grid' && r.polygon?.length).map((r) => ({ id: r._id, townId: r.parentId ?? '', areaChiefId: r.areaChiefId ?? null, polygon: r.polygon! }));
  const towns: PolygonItem[] = regions.filter((r) => r.kind === 'town' && r.polygon?.length).map((r) => ({ id: r._id, polygon: r.polygon! }));
  const contacts = await allUnitContacts(db);
  const tables: RoutingTables = { grids: new GridIndex(grids), towns: towns.length ? new PolygonIndex(towns) : null, units: unitTable(contacts) };
  cached = { at: nowMs, db, tables };
  return tables;
}

export function invalidateRoutingTables() {
  cached = undefined;
}
