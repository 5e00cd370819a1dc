import { invalid } from '../../errors';
import { towardPitMm } from '../displacement.solve';
import { readGsiTotalStation } from '../gsi-tps.read';
import { solveTotalStation } from '../total-station.solve';
import { parseCsvRows, type CsvRow } from './csv-rows.parse';
import { fingerprint, notFuture, requirePoints } from './epoch-checks';
import type { MeasureInput, MeasuredEpoch, PointConfig } from './epoch.solve';
import { measuredBy } from './items';
import { checkCoordinateJump } from './reading-plausibility';

/**
 * Total-station epochs (docs/domain/pit.md §2.2, "Upload formats"): a GSI file of polar observations solved from
 * the project's registered control points, or a `tps_csv` of coordinates the instrument software already
 * computed. Either way each wall-top point's displacement normal to the wall, toward the pit positive, in mm:
 * d = (E−E₀)·sin a + (N−N₀)·cos a.
 */

type Normal = { E0: number; N0: number; az: number };
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Each point's initial coordinates and wall-normal azimuth; every point lacking them is named at once. */
function normalsOf(codes: string[], points: Record<string, PointConfig>): Map<string, Normal> {
  const out = new Map<string, Normal>();
  const lacking: string[] = [];
  for (const code of codes) {
    const p = points[code];
    const az = p.azimuthDeg;
    if (!finite(p.initialE) || !finite(p.initialN) || !finite(az) || az < 0 || az >= 360) lacking.push(code);
    else out.set(code, { E0: p.initialE, N0: p.initialN, az });
  }
  if (lacking.length) {
    throw invalid(`测点 ${lacking.join('、')} 未登记初始坐标/方位角（初始 E、N 坐标，以及指向基坑的墙面法线方位角 0–360°），无法计算朝向基坑的水平位移`, 'point_not_initialised', { points: lacking });
  }
  return out;
}

/** A GSI file from a total station: orientation on the registered backsights, then coordinates, then d. */
export function tpsGsiEpoch(input: MeasureInput): MeasuredEpoch {
  const cps = input.project.controlPoints ?? {};
  if (!input.observedAt) throw invalid('请填写观测时间（全站仪 GSI 文件不含日期）', 'observed_at_required');
  const t = Date.parse(input.observedAt);
  notFuture(t, input.nowMs, '观测时间');
  const file = readGsiTotalStation(input.text, 'text');
  const stationId = file.station?.id;
  if (!stationId) throw invalid('全站仪文件没有测站点号（测站坐标 WI 84/85/86 或仪器高 WI 88 所在数据块的点号 WI 11），无法定向', 'station_unknown');
  const station = cps[stationId];
  if (!station) throw invalid(`测站 ${stationId} 未登记坐标（请在项目的控制点中登记测站和后视点的已知坐标）`, 'station_unknown', { station: stationId });

  const backsights: string[] = [];
  const unknownBacksights: string[] = [];
  const observed: string[] = [];
  for (const o of file.observations) {
    if (o.point === stationId) continue; // the solver names it
    if (cps[o.point]) {
      if (!backsights.includes(o.point)) backsights.push(o.point);
    } else if (o.slope_m === null && o.hd_m === null) {
      // an angle-only sighting is an orientation: to a point we do not know, it cannot orient anything
      if (!unknownBacksights.includes(o.point)) unknownBacksights.push(o.point);
    } else if (!observed.includes(o.point)) observed.push(o.point);
  }
  if (unknownBacksights.length) throw invalid(`后视点 ${unknownBacksights.join('、')} 未登记坐标（请在项目的控制点中登记，或检查点号）`, 'backsight_unknown', { points: unknownBacksights });
  if (!backsights.length) throw invalid(`测站 ${stationId} 没有照准任何已登记的控制点（后视），无法定向`, 'backsight_missing');
  requirePoints(observed, input.points, (i) => measuredBy(i, 'total_station'));
  if (!observed.length) throw invalid('文件中没有监测点的观测（只有后视）', 'no_readings');
  const normals = normalsOf(observed, input.points);

  const res = solveTotalStation({
    kind: 'total_station',
    station: { id: stationId, E: station.E, N: station.N, H: station.H ?? file.station?.H ?? 0, instrument_height_m: file.station?.instrument_height_m ?? 0 },
    backsights: backsights.map((id) => ({ id, E: cps[id].E, N: cps[id].N })),
    raw: { format: 'gsi', text: input.text },
  });
  const coordinates: Record<string, { E: number; N: number }> = {};
  const readings = observed.map((code) => {
    const n = normals.get(code)!;
    const p = res.points[code];
    coordinates[code] = { E: p.E, N: p.N };
    checkCoordinateJump(file.observations.find((o) => o.point === code)?.line ?? 0, code, Math.hypot(p.E - n.E0, p.N - n.N0));
    return { code, value: towardPitMm(n.E0, n.N0, p.E, p.N, n.az), timeMs: t };
  });
  const fp = fingerprint(JSON.stringify(file.observations.map((o) => [o.point, o.hz_deg, o.v_deg, o.slope_m, o.hd_m])));
  return {
    stream: `total_station:${stationId}`,
    observedAtMs: t,
    flags: [...res.flags],
    fingerprint: fp,
    fingerprintReadings: file.observations.length,
    readings,
    summary: { station: stationId, backsights, orientation_deg: res.orientation_deg, backsight_residuals_deg: res.backsight_residuals_deg, coordinates },
  };
}

/** `point,time,E,N,H` rows (H optional): coordinates computed by the instrument software, each row its own time. */
export function tpsCsvEpoch(input: MeasureInput): MeasuredEpoch {
  const rows = parseCsvRows(input.text, { id: 'point', numeric: ['E', 'N'], optional: ['H'] }, 'tps_csv_error');
  refuseRepeats(rows);
  requirePoints([...new Set(rows.map((r) => r.id))], input.points, (i) => measuredBy(i, 'total_station'));
  const normals = normalsOf(rows.map((r) => r.id), input.points);
  let t = 0;
  const readings = rows.map((r) => {
    notFuture(r.timeMs, input.nowMs, `第 ${r.line} 行时间`);
    t = Math.max(t, r.timeMs);
    const n = normals.get(r.id)!;
    const [E, N] = r.values;
    checkCoordinateJump(r.line, r.id, Math.hypot(E - n.E0, N - n.N0));
    return { code: r.id, value: towardPitMm(n.E0, n.N0, E, N, n.az), timeMs: r.timeMs };
  });
  const fp = fingerprint(JSON.stringify(rows.map((r) => [r.id, r.values[0], r.values[1]])));
  return { stream: 'total_station', observedAtMs: t, flags: [], fingerprint: fp, fingerprintReadings: 2 * rows.length, readings, summary: { points: rows.length } };
}

/** One row per point and file: two readings of a point in one upload would be two epochs judged as one. */
export function refuseRepeats(rows: CsvRow[]): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const first = seen.get(r.id);
    if (first !== undefined) throw invalid(`第 ${r.line} 行：测点 ${r.id} 在第 ${first} 行已有读数，每个测点每个文件只能有一行`, 'duplicate_point', { line: r.line, point: r.id });
    seen.set(r.id, r.line);
  }
}
