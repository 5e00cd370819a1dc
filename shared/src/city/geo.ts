import { invalid } from '../errors';
import type { LngLat } from './point-in-polygon';

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Default patrol check-in radius (issue 3: 50 m). */
export const CHECK_IN_RADIUS_M = 50;
/** Accuracy credited at most (a fix of ±80 m must not stretch the radius by 80 m). */
export const MAX_ACCURACY_CREDIT_M = 50;
/** Fixes worse than this are refused as too imprecise. */
export const MAX_ACCEPTED_ACCURACY_M = 100;

/**
 * Great-circle distance in metres (haversine). GCJ-02 offsets are locally almost constant, so
 * distances between two GCJ-02 points are good to well under a metre at check-in scale.
 * @example Math.round(haversineMeters({ lng: 113.75, lat: 23.02 }, { lng: 113.75, lat: 23.03 })) // 1112
 */
export function haversineMeters(a: LngLat, b: LngLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** @example { ok: false, distance: 300.2, code: 'too_far', reason: '您距离该设施约 300 米，超出 50 米巡查范围，请到现场扫码' } */
export type CheckInResult = {
  ok: boolean;
  /** metres from the facility to the reported position */
  distance: number;
  code: 'ok' | 'too_far' | 'imprecise';
  /** a Chinese explanation for the patroller */
  reason: string;
};

/**
 * Distance as people say it: metres to 10 m above 100 m, kilometres with one decimal from 1 km.
 * @example describeDistance(297) // '约 300 米'
 */
export function describeDistance(m: number): string {
  if (m >= 1000) return `约 ${(Math.round(m / 100) / 10).toFixed(1)} 公里`;
  if (m >= 100) return `约 ${Math.round(m / 10) * 10} 米`;
  return `约 ${Math.round(m)} 米`;
}

/**
 * Whether a patrol scan happened on site. The GPS accuracy (metres, 68 % radius as WeChat reports it)
 * is credited up to 50 m: ok when distance − min(accuracy, 50) ≤ radius. A fix worse than 100 m is
 * refused, whatever the distance, so a vague fix cannot pass a check it would otherwise fail.
 * @example withinCheckInRadius({ lng: 113.75, lat: 23.02 }, { lng: 113.75, lat: 23.0227, accuracy: 15 }).reason // '您距离该设施约 300 米，超出 50 米巡查范围，请到现场扫码'
 */
export function withinCheckInRadius(facility: LngLat, position: LngLat & { accuracy: number }, radius: number = CHECK_IN_RADIUS_M): CheckInResult {
  for (const [name, v] of [
    ['facility.lng', facility.lng],
    ['facility.lat', facility.lat],
    ['position.lng', position.lng],
    ['position.lat', position.lat],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`位置坐标无效：${name}`, 'invalid_location');
  }
  if (!(radius > 0)) throw invalid('巡查范围应大于 0 米', 'invalid_radius');
  const distance = haversineMeters(facility, position);
  const accuracy = position.accuracy;
  if (typeof accuracy !== 'number' || !Number.isFinite(accuracy) || accuracy < 0) {
    return { ok: false, distance, code: 'imprecise', reason: '未获取到定位精度，请开启手机定位后重新扫码' };
  }
  if (accuracy > MAX_ACCEPTED_ACCURACY_M) {
    return { ok: false, distance, code: 'imprecise', reason: `当前定位误差${describeDistance(accuracy)}，精度不足，请到开阔处稍候重新定位后再扫码` };
  }
  if (distance - Math.min(accuracy, MAX_ACCURACY_CREDIT_M) <= radius) {
    return { ok: true, distance, code: 'ok', reason: `已到达现场：您距离该设施${describeDistance(distance)}，在 ${radius} 米巡查范围内` };
  }
  return { ok: false, distance, code: 'too_far', reason: `您距离该设施${describeDistance(distance)}，超出 ${radius} 米巡查范围，请到现场扫码` };
}

/**
 * A position as the public may see it: rounded to 0.001° (about 110 m north–south, 100 m east–west in
 * Guangdong), so a published report does not point at the reporter's door.
 * @example publicPoint({ lng: 113.745123, lat: 23.005678 }) // { lng: 113.745, lat: 23.006 }
 */
export function publicPoint(p: LngLat): LngLat {
  return { lng: Math.round(p.lng * 1000) / 1000, lat: Math.round(p.lat * 1000) / 1000 };
}
