/** A GCJ-02 point; polygons are stored as `[{lng, lat}]` (docs/ARCHITECTURE.md §4: no arrays inside arrays). */
export type LngLat = { lng: number; lat: number };

/**
 * Even-odd ray casting on a ring given as flat `[x0, y0, x1, y1, …]` (closing point optional).
 * Edges are half-open, so a point on the edge shared by two adjacent cells belongs to exactly one.
 * @example pointInRing(0.5, 0.5, new Float64Array([0, 0, 1, 0, 1, 1, 0, 1])) // true
 */
export function pointInRing(x: number, y: number, ring: ArrayLike<number>): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i];
    const yi = ring[i + 1];
    const xj = ring[j];
    const yj = ring[j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Same test on a `[{lng, lat}]` polygon.
 * @example pointInPolygon({ lng: 0.5, lat: 0.5 }, [{ lng: 0, lat: 0 }, { lng: 1, lat: 0 }, { lng: 1, lat: 1 }]) // true
 */
export function pointInPolygon(p: LngLat, polygon: readonly LngLat[]): boolean {
  return pointInRing(p.lng, p.lat, flattenRing(polygon));
}

/** `[{lng, lat}]` → flat Float64Array, dropping a repeated closing point. */
export function flattenRing(polygon: readonly LngLat[]): Float64Array {
  let n = polygon.length;
  if (n > 1 && polygon[0].lng === polygon[n - 1].lng && polygon[0].lat === polygon[n - 1].lat) n--;
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = polygon[i].lng;
    out[2 * i + 1] = polygon[i].lat;
  }
  return out;
}
