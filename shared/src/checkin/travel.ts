import { haversineMeters } from '../city/geo';
import type { CheckinGps } from './checkin.types';
import { CHECKIN_MAX_SPEED_KMH, CHECKIN_TRAVEL_SLACK_M } from './checkin.limits';

export type TravelPoint = { at: Date; gps: CheckinGps };
export type TravelCheck = { impossible: boolean; distanceM: number; minutes: number; speedKmh: number };

/**
 * Whether a person could have travelled from their previous check-in to this one: impossible when the distance
 * exceeds the slack (GPS error, a short hop: 2 km + both accuracies) and the speed it needs is over 120 km/h.
 * @example isImpossibleTravel({ at: t0, gps: a }, { at: t0 + 10 min, gps: a + 30 km }).impossible // true (180 km/h)
 */
export function isImpossibleTravel(prev: TravelPoint, next: TravelPoint): TravelCheck {
  const distanceM = haversineMeters(prev.gps, next.gps);
  const ms = Math.max(0, next.at.getTime() - prev.at.getTime());
  const minutes = ms / 60_000;
  const speedKmh = ms === 0 ? (distanceM > 0 ? Infinity : 0) : distanceM / 1000 / (ms / 3_600_000);
  const slack = CHECKIN_TRAVEL_SLACK_M + prev.gps.accuracyM + next.gps.accuracyM;
  return { impossible: distanceM > slack && speedKmh > CHECKIN_MAX_SPEED_KMH, distanceM: Math.round(distanceM), minutes: Math.round(minutes * 10) / 10, speedKmh: Math.round(speedKmh) };
}
