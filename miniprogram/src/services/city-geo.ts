/**
 * Positions for the city pages (reports, patrol check-ins), pure: no Taro, no clock.
 *
 * Facilities are stored in GCJ-02 (docs/domain/city.md §1.5, the demo seed), which is what `wx.getLocation({ type: 'gcj02' })`
 * returns. A browser's `navigator.geolocation` returns WGS-84; inside mainland China the two differ by a few
 * hundred metres, far more than the 50 m patrol radius, so the H5 adapter converts with `wgs84ToGcj02`.
 */
import { CHECK_IN_RADIUS_M, describeDistance, haversineMeters, withinCheckInRadius } from '@cityloop/shared/city/geo';

/** A position fix as the API takes it: GCJ-02 degrees and the accuracy radius in metres. */
export interface Fix {
  lng: number;
  lat: number;
  accuracy: number;
}

// The published GCJ-02 obfuscation (Krasovsky 1940 ellipsoid). -------------------------------------------

const A = 6378245.0;
const EE = 0.006693421622965943;
const PI = Math.PI;

/** The mainland box the obfuscation applies to (outside it, GCJ-02 = WGS-84). */
export function outOfChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * PI) + 40.0 * Math.sin((y / 3.0) * PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * PI) + 320 * Math.sin((y * PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * PI) + 40.0 * Math.sin((x / 3.0) * PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * PI) + 300.0 * Math.sin((x / 30.0) * PI)) * 2.0) / 3.0;
  return r;
}

/**
 * WGS-84 (GPS, browsers) → GCJ-02 (WeChat, our facility table). Unchanged outside mainland China.
 * @example wgs84ToGcj02({ lng: 116.397, lat: 39.908 }) // ≈ { lng: 116.40324, lat: 39.9094 }
 */
export function wgs84ToGcj02(p: { lng: number; lat: number }): { lng: number; lat: number } {
  if (outOfChina(p.lng, p.lat)) return { lng: p.lng, lat: p.lat };
  let dLat = transformLat(p.lng - 105.0, p.lat - 35.0);
  let dLng = transformLng(p.lng - 105.0, p.lat - 35.0);
  const radLat = (p.lat / 180.0) * PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * PI);
  return { lng: p.lng + dLng, lat: p.lat + dLat };
}

/**
 * GCJ-02 → WGS-84 by fixed-point iteration (the offset varies slowly, so a few rounds reach < 1 cm).
 * Used by tests that must place a browser at a facility.
 */
export function gcj02ToWgs84(p: { lng: number; lat: number }): { lng: number; lat: number } {
  if (outOfChina(p.lng, p.lat)) return { lng: p.lng, lat: p.lat };
  let w = { lng: p.lng, lat: p.lat };
  for (let i = 0; i < 8; i++) {
    const g = wgs84ToGcj02(w);
    w = { lng: w.lng - (g.lng - p.lng), lat: w.lat - (g.lat - p.lat) };
  }
  return w;
}

/** A point `metres` north of `p` (for tests and hints; 1° of latitude ≈ 111.2 km). */
export function northOf(p: { lng: number; lat: number }, metres: number): { lng: number; lat: number } {
  return { lng: p.lng, lat: p.lat + metres / 111_195 };
}

// Display -------------------------------------------------------------------------------------------------

/** `定位精度约 15 米`; unknown accuracy says so. */
export function accuracyText(accuracy: number | null | undefined): string {
  if (accuracy === null || accuracy === undefined || !Number.isFinite(accuracy) || accuracy < 0) return '定位精度未知';
  return `定位精度${describeDistance(accuracy)}`;
}

/** Coarse is > 100 m: the server refuses such a fix for a patrol check-in (shared/city/geo.ts). */
export const COARSE_ACCURACY_M = 100;
export const isCoarse = (fix: Fix | null | undefined): boolean => !!fix && fix.accuracy > COARSE_ACCURACY_M;

/** `113.74800, 23.00600` (5 decimals ≈ 1 m). */
export function formatLngLat(p: { lng: number; lat: number } | null | undefined): string {
  if (!p || !Number.isFinite(p.lng) || !Number.isFinite(p.lat)) return '—';
  return `${p.lng.toFixed(5)}, ${p.lat.toFixed(5)}`;
}

/**
 * The distance to a facility before checking in, judged as the server will (accuracy credited up to 50 m).
 * @example checkInPreview({ lng: 113.748, lat: 23.006 }, far) // { metres: 300, ok: false, text: '距该设施约 300 米，须在 50 米内签到' }
 */
export function checkInPreview(facility: { lng: number; lat: number } | null | undefined, fix: Fix | null | undefined): { metres: number; ok: boolean; text: string } | null {
  if (!facility || !fix) return null;
  const metres = haversineMeters(facility, fix);
  const ok = withinCheckInRadius(facility, fix).ok;
  return { metres, ok, text: ok ? `距该设施${describeDistance(metres)}，可以签到` : `距该设施${describeDistance(metres)}，须在 ${CHECK_IN_RADIUS_M} 米内签到` };
}

// Errors --------------------------------------------------------------------------------------------------

export type LocationFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** Why a location request failed, from a WeChat `errMsg` or a W3C `GeolocationPositionError.code`. */
export function classifyLocationError(e: unknown): LocationFailure {
  const code = (e as { code?: unknown })?.code;
  if (code === 1) return 'denied';
  if (code === 3) return 'timeout';
  if (code === 2) return 'unavailable';
  const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as { message?: string })?.message ?? e ?? '');
  if (/unsupported|not support/i.test(msg)) return 'unsupported';
  if (/auth|deny|denied|permission|权限/i.test(msg)) return 'denied';
  if (/timeout|超时/i.test(msg)) return 'timeout';
  return 'unavailable';
}

export const LOCATION_FAILURE_TEXT: Record<LocationFailure, string> = {
  denied: '未获得定位权限：请在设置中允许使用位置信息后重试',
  unavailable: '暂时无法获取位置，请到开阔处后重试',
  timeout: '定位超时，请稍后重试',
  unsupported: '当前环境不支持定位',
};
