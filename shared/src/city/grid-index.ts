import Flatbush from 'flatbush';
import { invalid } from '../errors';
import { flattenRing, pointInRing, type LngLat } from './point-in-polygon';

/** Anything with an id and a GCJ-02 polygon (grids, towns, frontage zones). */
export type PolygonItem = { id: string; polygon: readonly LngLat[] };

/** A 责任网格 as stored: its town and area chief (docs/GLOSSARY.md `dutyGrid`, `areaChief`). */
export type GridPolygon = PolygonItem & { townId: string; areaChiefId: string | null };

/**
 * Point → polygon lookup: a flatbush bbox index, built once per warm instance, then an exact
 * ray-casting test on the few candidates. When polygons overlap, the one listed first wins, in both
 * the indexed and the linear lookup, so the two always agree.
 * @example
 *   const towns = new PolygonIndex([{ id: 'nc', polygon: square }]);
 *   towns.at(113.75, 23.02)?.id // 'nc'
 */
export class PolygonIndex<T extends PolygonItem> {
  readonly items: readonly T[];
  private readonly rings: Float64Array[];
  private readonly index: Flatbush | null;
  private readonly byId = new Map<string, T>();

  constructor(items: readonly T[]) {
    this.items = items;
    this.rings = items.map((item, i) => {
      const ring = flattenRing(item.polygon ?? []);
      if (ring.length < 6) throw invalid(`多边形 ${item.id ?? i} 至少需要 3 个顶点`, 'invalid_polygon', { id: item.id });
      for (const v of ring) if (!Number.isFinite(v)) throw invalid(`多边形 ${item.id ?? i} 含有无效坐标`, 'invalid_polygon', { id: item.id });
      return ring;
    });
    for (const item of items) {
      if (this.byId.has(item.id)) throw invalid(`多边形编号重复：${item.id}`, 'duplicate_polygon', { id: item.id });
      this.byId.set(item.id, item);
    }
    if (items.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(items.length);
    for (const ring of this.rings) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let i = 0; i < ring.length; i += 2) {
        if (ring[i] < minX) minX = ring[i];
        if (ring[i] > maxX) maxX = ring[i];
        if (ring[i + 1] < minY) minY = ring[i + 1];
        if (ring[i + 1] > maxY) maxY = ring[i + 1];
      }
      index.add(minX, minY, maxX, maxY);
    }
    index.finish();
    this.index = index;
  }

  /** The polygon containing the point (first listed on overlap), or null. */
  at(lng: number, lat: number): T | null {
    if (!this.index || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    let best = -1;
    for (const i of this.index.search(lng, lat, lng, lat)) {
      if ((best < 0 || i < best) && pointInRing(lng, lat, this.rings[i])) best = i;
    }
    return best < 0 ? null : this.items[best];
  }

  /** The same answer by testing every polygon: the benchmark baseline. */
  linearAt(lng: number, lat: number): T | null {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    for (let i = 0; i < this.rings.length; i++) if (pointInRing(lng, lat, this.rings[i])) return this.items[i];
    return null;
  }

  /** By id, or undefined. */
  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.items.length;
  }
}

/**
 * The grid index used by routing: `gridAt` through flatbush, `linearGridAt` as the baseline.
 * @example
 *   const grids = new GridIndex([{ id: 'g1', townId: 'nc', areaChiefId: 'u9', polygon: square }]);
 *   grids.gridAt(113.751, 23.021)?.areaChiefId // 'u9'
 */
export class GridIndex extends PolygonIndex<GridPolygon> {
  gridAt(lng: number, lat: number): GridPolygon | null {
    return this.at(lng, lat);
  }

  linearGridAt(lng: number, lat: number): GridPolygon | null {
    return this.linearAt(lng, lat);
  }
}
