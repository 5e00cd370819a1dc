import { azimuthDeg, cosDeg, normalizeDeg, sinDeg, wrapDeg } from './angle';
import { readGsiTotalStation } from './gsi-tps.read';
import type { PitFlag } from './leveling.types';
import { fieldError } from './pit.errors';
import { totalStationRequestSchema, type TotalStationObservation } from './request.schema';
import { solverOf } from './request.validate';

export type TotalStationResult = {
  kind: 'total_station';
  orientation_deg: number;
  points: Record<string, { E: number; N: number; H: number }>;
  /** Extra: each backsight's orientation minus the mean (degrees), and observations per point. */
  backsight_residuals_deg: Record<string, number>;
  observation_count: Record<string, number>;
  flags: PitFlag[];
};

/**
 * Total-station polar observations to coordinates (docs/domain/pit.md §2.2). Orientation ω = Az(station →
 * backsight) − Hz(backsight), averaged over the backsights (as a circular mean); then Az = Hz + ω,
 * HD = SD·sin V, ΔH = SD·cos V, E = E₀ + HD·sin Az, N = N₀ + HD·cos Az, H = H₀ + i + ΔH − t.
 * Repeated observations of a point (e.g. two faces) are averaged. Observations come from the
 * request or from a raw GSI file, where a backsight may take its Hz from the file.
 *
 * @example
 *   solveTotalStation({ kind: 'total_station',
 *     station: { id: 'S1', E: 1000, N: 5000, H: 100, instrument_height_m: 1.5 },
 *     backsights: [{ id: 'B1', E: 1000, N: 5100, hz_deg: 0 }],
 *     observations: [{ point: 'P1', hz_deg: 90, v_deg: 90, slope_m: 10, target_height_m: 1.5 }] })
 *   // orientation_deg 0, points.P1 = { E: 1010, N: 5000, H: 100 }
 */
export const solveTotalStation = solverOf(totalStationRequestSchema, (req): TotalStationResult => {
  if ((req.observations === undefined) === (req.raw === undefined)) {
    throw fieldError(req.raw ? 'raw' : 'observations', req.raw ? 'give either observations or raw, not both' : 'one of observations or raw is required');
  }
  const flags: PitFlag[] = [];
  let observations: (TotalStationObservation & { where: string })[];
  const rawHz = new Map<string, number>();
  if (req.raw) {
    const file = readGsiTotalStation(req.raw.text, 'raw.text');
    flags.push(...file.flags);
    observations = [];
    for (const o of file.observations) {
      rawHz.set(o.point, o.hz_deg);
      let slope = o.slope_m;
      let v = o.v_deg;
      if (slope === null && o.hd_m !== null && o.dh_m !== null) {
        slope = Math.hypot(o.hd_m, o.dh_m);
        v = azimuthDeg(o.hd_m, o.dh_m); // zenith angle: atan2(HD, ΔH)
      }
      if (slope === null || v === null) continue; // angle-only (backsight) observation
      observations.push({ point: o.point, hz_deg: o.hz_deg, v_deg: v, slope_m: slope, target_height_m: o.target_height_m ?? 0, where: `raw.text: line ${o.line}` });
    }
    const st = file.station;
    if (st) {
      const s = req.station;
      const mismatch = (item: string, fileValue: number | undefined, reqValue: number) => {
        if (fileValue !== undefined && Math.abs(fileValue - reqValue) > 0.0015) flags.push({ code: 'station_mismatch', line: st.line, item, file: fileValue, request: reqValue });
      };
      mismatch('E', st.E, s.E);
      mismatch('N', st.N, s.N);
      mismatch('H', st.H, s.H);
      mismatch('instrument_height_m', st.instrument_height_m, s.instrument_height_m);
    }
  } else {
    observations = req.observations!.map((o, i) => ({ ...o, where: `observations[${i}].point` }));
  }

  const st = req.station;
  const omegas = req.backsights.map((b, i) => {
    const hz = b.hz_deg ?? rawHz.get(b.id);
    if (hz === undefined) throw fieldError(`backsights[${i}].hz_deg`, req.raw ? `required (the raw file has no observation to '${b.id}')` : 'required (expected number)');
    if (b.E === st.E && b.N === st.N) throw fieldError(`backsights[${i}]`, `'${b.id}' coincides with the station; its azimuth is undefined`);
    return normalizeDeg(azimuthDeg(b.E - st.E, b.N - st.N) - hz);
  });
  let sum = 0;
  for (const w of omegas) sum += wrapDeg(w - omegas[0]);
  const omega = normalizeDeg(omegas[0] + sum / omegas.length);
  const residuals: Record<string, number> = {};
  req.backsights.forEach((b, i) => {
    residuals[b.id] = wrapDeg(omegas[i] - omega);
  });

  const known = req.known_points ? new Set([...req.known_points, ...req.backsights.map((b) => b.id)]) : null;
  const acc = new Map<string, { E: number; N: number; H: number; n: number }>();
  for (const o of observations) {
    if (o.point === st.id) throw fieldError(o.where, `'${o.point}' is the station itself`);
    if (known && !known.has(o.point)) throw fieldError(o.where, `unknown point '${o.point}' (not a backsight nor in known_points)`, 'unknown_point');
    const az = o.hz_deg + omega;
    const hd = o.slope_m * sinDeg(o.v_deg);
    const a = acc.get(o.point) ?? { E: 0, N: 0, H: 0, n: 0 };
    a.E += st.E + hd * sinDeg(az);
    a.N += st.N + hd * cosDeg(az);
    a.H += st.H + st.instrument_height_m + o.slope_m * cosDeg(o.v_deg) - o.target_height_m;
    a.n++;
    acc.set(o.point, a);
  }
  if (acc.size === 0) throw fieldError(req.raw ? 'raw.text' : 'observations', 'no observation with a distance');
  const points: TotalStationResult['points'] = {};
  const counts: Record<string, number> = {};
  for (const [id, a] of acc) {
    points[id] = { E: a.E / a.n, N: a.N / a.n, H: a.H / a.n };
    counts[id] = a.n;
  }
  return { kind: 'total_station', orientation_deg: omega, points, backsight_residuals_deg: residuals, observation_count: counts, flags };
});
