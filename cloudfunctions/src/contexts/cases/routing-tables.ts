import type { Db } from 'mongodb';
import { GridIndex, PolygonIndex, type GridPolygon, type PolygonItem } from '@cityloop/shared/city/grid-index';
import { unitTable, type UnitContact } from '@cityloop/shared/city/unit-table';
import type { RoutingTables } from '@cityloop/shared/city/route-case';
import { UNIT_CONTACTS } from './case.collection';

type Region = { _id: string; kind: 'city' | 'town' | 'grid'; parentId: string | null; polygon?: { lng: number; lat: number }[]; areaChiefId?: string | null };

let cached: { at: number; db: Db; tables: RoutingTables } | undefined;
const TTL_MS = 5 * 60_000;

/**
 * Grid polygons (spatial index), town polygons and unit contacts, built once per warm instance and
 * refreshed every 5 minutes (a grid edit shows up without a redeploy).
 */
export async function routingTables(db: Db, nowMs: number): Promise<RoutingTables> {
  if (cached && cached.db === db && nowMs - cached.at < TTL_MS) return cached.tables;
  const regions = await db.collection<Region>('regions').find({ kind: { $in: ['town', 'grid'] } }).toArray();
  const grids: GridPolygon[] = regions.filter((r) => r.kind === 'grid' && r.polygon?.length).map((r) => ({ id: r._id, townId: r.parentId ?? '', areaChiefId: r.areaChiefId ?? null, polygon: r.polygon! }));
  const towns: PolygonItem[] = regions.filter((r) => r.kind === 'town' && r.polygon?.length).map((r) => ({ id: r._id, polygon: r.polygon! }));
  const contacts = await db.collection<UnitContact & { _id: string }>(UNIT_CONTACTS).find({}).toArray();
  const tables: RoutingTables = { grids: new GridIndex(grids), towns: towns.length ? new PolygonIndex(towns) : null, units: unitTable(contacts) };
  cached = { at: nowMs, db, tables };
  return tables;
}

export function invalidateRoutingTables() {
  cached = undefined;
}
