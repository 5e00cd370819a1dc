/**
 * Fits GCJ-02 points into a drawing box (the H5 SVG map): longitudes scaled by cos(latitude) so the grid keeps its
 * shape, with a margin. Pure; the WeChat `<map>` takes the coordinates as they are.
 * @example fitPoints([{ lng: 113.74, lat: 23 }, { lng: 113.75, lat: 23.01 }], 300, 300).project({ lng: 113.74, lat: 23 })
 */
export type LngLat = { lng: number; lat: number };

export function fitPoints(points: LngLat[], width: number, height: number, margin = 16): { project: (p: LngLat) => { x: number; y: number } } {
  if (!points.length) return { project: () => ({ x: width / 2, y: height / 2 }) };
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = points.map((p) => p.lng * k);
  const ys = points.map((p) => p.lat);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const span = Math.max(maxX - minX, maxY - minY, 1e-6);
  const scale = Math.min(width - 2 * margin, height - 2 * margin) / span;
  const offX = (width - (maxX - minX) * scale) / 2;
  const offY = (height - (maxY - minY) * scale) / 2;
  return { project: (p) => ({ x: offX + (p.lng * k - minX) * scale, y: height - (offY + (p.lat - minY) * scale) }) };
}

/** Marker colours by patrol status (done green, due amber, missed red, no rule grey), live complaints (purple), open cases (teal). */
export const STATUS_COLORS: Record<'done' | 'due' | 'missed' | 'none' | 'complaint' | 'case', string> = {
  done: '#1a9e55',
  due: '#e6a100',
  missed: '#d93025',
  none: '#8a8f98',
  complaint: '#7b3fd1',
  case: '#0b7285',
};
export const STATUS_LABELS: Record<'done' | 'due' | 'missed' | 'none' | 'complaint' | 'case', string> = { done: '已巡', due: '待巡', missed: '漏巡', none: '无规则', complaint: '投诉', case: '待办案件' };
