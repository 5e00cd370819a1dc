import area from '@turf/area';
import booleanWithin from '@turf/boolean-within';
import intersect from '@turf/intersect';
import kinks from '@turf/kinks';
import { featureCollection, polygon as turfPolygon } from '@turf/helpers';
import type { Feature, Polygon } from 'geojson';
import type { LngLat } from './point-in-polygon';

/**
 * Grid polygons imported from GeoJSON (docs/domain/city.md §"Grids as data"): a FeatureCollection of Polygon
 * features, properties `id`, `name`, `town`, coordinates GCJ-02 `[lng, lat]`. Every rule is checked for every
 * feature and every error names its feature; the caller writes nothing unless the list is empty.
 * Geometry by turf (kinks for self-intersection, boolean-within for "inside the town", intersect + area for
 * overlaps): well-kept implementations of exactly these predicates.
 */
export type GridFeatureError = { feature: number; id?: string; message: string };
export type ImportedGrid = { id: string; name: string; townId: string; polygon: LngLat[] };
/** What the import checks against: the towns of the admin's city and the grids already stored. */
export type GridImportContext = {
  towns: Map<string, { name: string; polygon?: LngLat[] }>;
  /** the city's active grids (overlaps are checked against those the file does not replace) */
  existing: { id: string; name: string; townId: string; polygon?: LngLat[] }[];
  /** grid ids used by another city, or by a town or city region (an id names one region only) */
  takenIds: Set<string>;
};

export const GRID_IMPORT_MAX_FEATURES = 500;
const MAX_VERTICES = 2000;
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** Overlaps smaller than this (m²) are digitising noise on a shared border, not two grids on one street. */
export const OVERLAP_TOLERANCE_M2 = 1;
/** Mainland China (with Hainan and the South China Sea islands), as a plausibility box for GCJ-02. */
const inChina = (lng: number, lat: number) => lng >= 73 && lng <= 136 && lat >= 3 && lat <= 54;

type Poly = Feature<Polygon>;
const toPoly = (ring: LngLat[]): Poly => turfPolygon([[...ring.map((p) => [p.lng, p.lat]), [ring[0].lng, ring[0].lat]]]);

/** A feature's outer ring, or the reason it is not one (closed, ≥ 3 distinct vertices, real coordinates). */
function ringOf(geometry: unknown): { ring: LngLat[] } | { error: string } {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') return { error: '缺少几何（geometry）' };
  if (g.type !== 'Polygon') return { error: `几何类型须为 Polygon（收到 ${String(g.type)}）` };
  const rings = g.coordinates;
  if (!Array.isArray(rings) || rings.length === 0 || !Array.isArray(rings[0])) return { error: '坐标须为多边形的环（[[[经度, 纬度], …]]）' };
  if (rings.length > 1) return { error: '网格不能带内洞（只能有一个外环）' };
  const raw = rings[0] as unknown[];
  if (raw.length > MAX_VERTICES) return { error: `顶点过多（最多 ${MAX_VERTICES} 个）` };
  const pts: LngLat[] = [];
  for (const [i, p] of raw.entries()) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      return { error: `第 ${i + 1} 个顶点不是 [经度, 纬度] 数字` };
    if (!inChina(p[0], p[1])) return { error: `第 ${i + 1} 个顶点 [${p[0]}, ${p[1]}] 不在中国境内（经度在前，纬度在后，GCJ-02）` };
    pts.push({ lng: p[0], lat: p[1] });
  }
  if (pts.length < 4) return { error: '环至少需要 4 个坐标（3 个顶点并回到起点）' };
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first.lng !== last.lng || first.lat !== last.lat) return { error: '环未闭合：最后一个坐标须与第一个相同' };
  const ring = pts.slice(0, -1);
  if (new Set(ring.map((p) => `${p.lng},${p.lat}`)).size < 3) return { error: '环至少需要 3 个不同的顶点' };
  return { ring };
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/**
 * Validates a grid GeoJSON against the city's towns and grids. Returns the grids to write, or the errors (one
 * per problem, each naming its feature: 1-based index and id).
 * @example
 *   validateGridImport({ type: 'FeatureCollection', features: [] }, ctx) // { grids: [], errors: [{ feature: 0, message: '文件中没有网格' }] }
 */
export function validateGridImport(input: unknown, ctx: GridImportContext): { grids: ImportedGrid[]; errors: GridFeatureError[] } {
  const fc = input as { type?: unknown; features?: unknown } | null;
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    return { grids: [], errors: [{ feature: 0, message: '文件须为 GeoJSON FeatureCollection' }] };
  if (fc.features.length === 0) return { grids: [], errors: [{ feature: 0, message: '文件中没有网格' }] };
  if (fc.features.length > GRID_IMPORT_MAX_FEATURES) return { grids: [], errors: [{ feature: 0, message: `一次最多导入 ${GRID_IMPORT_MAX_FEATURES} 个网格` }] };

  const errors: GridFeatureError[] = [];
  const grids: (ImportedGrid & { feature: number; poly: Poly })[] = [];
  const seen = new Map<string, number>();
  for (const [i, raw] of (fc.features as unknown[]).entries()) {
    const feature = i + 1;
    const f = raw as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown } | null;
    const props = f && typeof f === 'object' && f.properties && typeof f.properties === 'object' ? f.properties : {};
    // the properties may be named in Chinese (编号, 名称, 街道), as the admin page's hint says
    const id = text(props.id ?? props['编号']);
    const err = (message: string) => errors.push({ feature, ...(id ? { id } : {}), message });
    const before = errors.length;
    if (!f || typeof f !== 'object' || f.type !== 'Feature') {
      err('要素的 type 须为 Feature');
      continue;
    }
    const name = text(props.name ?? props['名称']);
    const townId = text(props.town ?? props['街道']);
    if (!id) err('缺少网格编号（properties.id）');
    else if (!ID_PATTERN.test(id)) err('网格编号只能含小写字母、数字、- 和 _，且不超过 40 个字符');
    else if (seen.has(id)) err(`网格编号与第 ${seen.get(id)} 个要素重复`);
    else if (ctx.takenIds.has(id)) err('网格编号已被其他城市或其他区域使用');
    if (id) seen.set(id, seen.get(id) ?? feature);
    if (!name) err('缺少网格名称（properties.name）');
    else if (name.length > 40) err('网格名称不超过 40 个字');
    const town = townId ? ctx.towns.get(townId) : undefined;
    if (!townId) err('缺少所属街道（镇）（properties.town）');
    else if (!town) err(`街道（镇）“${townId}”不存在或不属于本市`);
    else if (!town.polygon?.length) err(`街道（镇）“${town.name}”尚无边界，无法校验网格是否在其范围内`);
    const r = ringOf(f.geometry);
    if ('error' in r) {
      err(r.error);
      continue;
    }
    const poly = toPoly(r.ring);
    if (kinks(poly).features.length > 0) {
      err('边界自相交（环的边彼此交叉）');
      continue;
    }
    if (area(poly) < 1) {
      err('网格面积为零');
      continue;
    }
    if (town?.polygon?.length && !booleanWithin(poly, toPoly(town.polygon))) err(`网格超出所属街道（镇）“${town.name}”的边界`);
    if (errors.length === before) grids.push({ id, name, townId, polygon: r.ring, feature, poly });
  }

  // Overlaps within each town: among the imported grids, and with stored grids the file does not replace.
  const importedIds = new Set(grids.map((g) => g.id));
  const stored = ctx.existing.filter((g) => !importedIds.has(g.id) && g.polygon?.length).map((g) => ({ ...g, poly: toPoly(g.polygon!) }));
  for (const [k, g] of grids.entries()) {
    const others = [...grids.slice(k + 1).map((o) => ({ label: `第 ${o.feature} 个要素（${o.id}）`, townId: o.townId, poly: o.poly })), ...stored.map((o) => ({ label: `已有网格“${o.name}”（${o.id}）`, townId: o.townId, poly: o.poly }))];
    for (const o of others) {
      if (o.townId !== g.townId) continue;
      const shared = intersect(featureCollection([g.poly, o.poly]));
      if (shared && area(shared) > OVERLAP_TOLERANCE_M2) errors.push({ feature: g.feature, id: g.id, message: `与${o.label}重叠（约 ${Math.round(area(shared))} 平方米）` });
    }
  }
  errors.sort((a, b) => a.feature - b.feature);
  return { grids: errors.length ? [] : grids.map(({ id, name, townId, polygon }) => ({ id, name, townId, polygon })), errors };
}
