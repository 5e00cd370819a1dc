import { haversineMeters } from '../city/geo';
import type { CheckinGps, CheckinSite } from './checkin.types';
import { CHECKIN_MAX_ACCURACY_M } from './checkin.limits';

export type GeofenceResult =
  | { ok: true; distanceM: number }
  | { ok: false; code: 'gps_inaccurate' | 'outside_geofence'; distanceM: number; message: string };

/** Distance as people say it: whole metres below 1 km, kilometres with one decimal above. */
export function describeMetres(m: number): string {
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`;
}

/**
 * Whether a GPS fix counts at a site: accuracy ≤ 100 m, and the fix inside the geofence (haversine distance to
 * the centre ≤ radius; the accuracy is not credited — a fence is drawn around where people must be).
 * @example checkGeofence({ center: { lng: 113.39, lat: 22.52 }, radiusM: 200 }, { lng: 113.39, lat: 22.5227, accuracyM: 10 })
 *   // { ok: false, code: 'outside_geofence', distanceM: 300, message: '您距离…约 300 米，超出 200 米签到范围' }
 */
export function checkGeofence(site: Pick<CheckinSite, 'geofence' | 'name'>, gps: CheckinGps): GeofenceResult {
  const distanceM = Math.round(haversineMeters(site.geofence.center, gps) * 10) / 10;
  if (!(gps.accuracyM <= CHECKIN_MAX_ACCURACY_M)) {
    return { ok: false, code: 'gps_inaccurate', distanceM, message: `定位精度 ${Math.round(gps.accuracyM)} 米，超过 ${CHECKIN_MAX_ACCURACY_M} 米，请到开阔处重新定位` };
  }
  if (distanceM > site.geofence.radiusM) {
    return { ok: false, code: 'outside_geofence', distanceM, message: `您距离“${site.name}”约 ${describeMetres(distanceM)}，超出 ${site.geofence.radiusM} 米签到范围` };
  }
  return { ok: true, distanceM };
}
