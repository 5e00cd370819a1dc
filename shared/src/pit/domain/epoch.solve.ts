import { invalid } from '../../errors';
import { solveLeveling } from '../leveling.solve';
import { solveInclinometer } from '../inclinometer.solve';
import { parseInclinometerCsv } from '../inclinometer-csv.parse';
import { solveVibratingWire } from '../vibrating-wire.solve';
import type { PitFlag } from '../leveling.types';
import { parseCsvRows } from './csv-rows.parse';
import { judgePoint, type ConsecutiveRule, type Levels, type PointControl, type PointResult, type Previous } from './point-judge';
import { measuredBy, type Item } from './items';
import { checkWellDepth, checkWireFrequency } from './reading-plausibility';
import { heldReasonText } from '../flag-labels';
import { fingerprint, notFuture, requirePoints } from './epoch-checks';

import { UPLOAD_FORMATS, type UploadFormat } from './upload-formats';
import { gsiKind } from '../gsi-kind';
import { tpsCsvEpoch, tpsGsiEpoch } from './tps-epoch';
import { crackEpoch, tiltEpoch } from './reading-epochs';

export { UPLOAD_FORMATS, type UploadFormat };
export { fingerprint };

export type PointConfig = {
  code: string;
  item: Item;
  control: PointControl;
  /** leveling points: initial elevation (m); water wells: initial water elevation (m) */
  initialM?: number;
  /** water wells */
  pipeTopM?: number;
  /** vibrating-wire sensors: F = K(f² − f₀²) + B(T − T₀) */
  calibration?: { K: number; f0_Hz: number; B?: number; T0_C?: number };
  /** inclinometer holes: the initial survey (mean of stable surveys) */
  initialProfile?: { time: string; A0: number[]; A180: number[]; depths_m: number[] };
  /** total-station points (wallTopHorizontal): initial coordinates, m */
  initialE?: number;
  initialN?: number;
  /**
   * total-station points: azimuth of the wall normal pointing into the pit, degrees clockwise from north,
   * 0 ≤ a < 360; the displacement toward the pit is positive (docs/domain/pit.md §2.2)
   */
  azimuthDeg?: number;
  /** tilt meters: the initial tilt (‰); crack gauges: the initial crack width (mm) */
  initialReading?: number;
};

export type ProjectConfig = {
  levels: Levels;
  consecutive: ConsecutiveRule | null;
  leveling?: { benchmarks: Record<string, number>; start: string; end?: string; kMm: number; stationDiffLimitMm?: number };
  /** known coordinates (m) of total-station stations and backsights, by point id */
  controlPoints?: Record<string, { E: number; N: number; H?: number }>;
};

export type EpochInput = {
  format: UploadFormat;
  text: string;
  /** required for leveling files (GSI/DiNi carry no date) */
  observedAt?: string;
  nowMs: number;
  project: ProjectConfig;
  points: Record<string, PointConfig>;
  /** previous accepted epoch of the same stream, per point */
  previous: Record<string, Previous>;
  /** fingerprint of the previous epoch's readings in this stream */
  previousFingerprint?: string;
};

/** What an epoch measured, before any judgement: needs no previous epoch (so an upload is solved once). */
export type MeasuredEpoch = {
  stream: string;
  observedAtMs: number;
  flags: PitFlag[];
  fingerprint: string;
  /** how many raw readings the fingerprint covers */
  fingerprintReadings: number;
  summary: Record<string, unknown>;
  /** set when a QA rule refused the whole epoch (no readings) */
  rejectedReason?: string;
  readings: { code: string; value: number; timeMs: number }[];
};
export type MeasureInput = Omit<EpochInput, 'previous' | 'previousFingerprint'>;
export type JudgeContext = Pick<EpochInput, 'project' | 'points' | 'previous' | 'previousFingerprint'>;

export type EpochOutcome = {
  /** accepted: judged; rejected: a QA rule refused it (no results); held: suspect data, results kept but not judged */
  status: 'accepted' | 'rejected' | 'held';
  reason?: string;
  stream: string;
  observedAtMs: number;
  flags: PitFlag[];
  fingerprint: string;
  results: PointResult[];
  /** what the solver reported, for the monitoring unit (misclosure, tolerance …) */
  summary: Record<string, unknown>;
};

/** Forensic flags that hold an epoch for the regulator instead of raising alarms (docs/domain/pit.md §2.3, issue 5). */
const HOLDING_FLAGS = new Set(['station_difference_over_limit', 'instrument_mismatch', 'checksum_outlier', 'mirror_readings', 'identical_to_previous', 'identical_to_initial']);
/**
 * A copied epoch repeats many readings to the last digit; one or two stable readings (a well whose level did
 * not move, a quiet strut) repeat honestly, so below this many readings equality says nothing.
 */
export const MIN_IDENTICAL_READINGS = 6;

/**
 * Raw file → solved and judged epoch, all in memory: either the whole epoch or an error (nothing partial).
 * Malformed files, unknown points and future timestamps throw; a misclosure over tolerance returns
 * `rejected`; forensic flags return `held`.
 */
export function solveEpoch(input: EpochInput): EpochOutcome {
  return judgeEpoch(measureEpoch(input), input);
}

/**
 * The judgement half: each reading against its control and the stream's previous epoch (rates, the
 * consecutive rule, an identical-upload check), then the forensic flags decide accepted or held.
 */
export function judgeEpoch(m: MeasuredEpoch, ctx: JudgeContext): EpochOutcome {
  const { stream, observedAtMs, fingerprint: fp, summary } = m;
  if (m.rejectedReason !== undefined) return { status: 'rejected', reason: m.rejectedReason, stream, observedAtMs, flags: [...m.flags], fingerprint: fp, results: [], summary };
  const results = m.readings.map(({ code, value, timeMs }) => {
    const p = ctx.points[code];
    return judgePoint(code, p.item, value, timeMs, p.control, ctx.previous[code] ?? null, ctx.project.levels, ctx.project.consecutive);
  });
  const flags = [...m.flags];
  if (ctx.previousFingerprint && ctx.previousFingerprint === fp && m.fingerprintReadings >= MIN_IDENTICAL_READINGS) flags.push({ code: 'identical_to_previous' });
  const holding = flags.filter((f) => HOLDING_FLAGS.has(f.code));
  if (holding.length) {
    return { status: 'held', reason: heldReasonText(holding), stream, observedAtMs, flags, fingerprint: fp, results, summary };
  }
  return { status: 'accepted', stream, observedAtMs, flags, fingerprint: fp, results, summary };
}

/** The measuring half: parse, check and solve the raw file; throws on anything malformed. */
export function measureEpoch(input: MeasureInput): MeasuredEpoch {
  switch (input.format) {
    case 'gsi':
      return gsiKind(input.text) === 'total_station' ? tpsGsiEpoch(input) : levelingEpoch(input);
    case 'dini':
      return levelingEpoch(input);
    case 'tps_csv':
      return tpsCsvEpoch(input);
    case 'tilt_csv':
      return tiltEpoch(input);
    case 'crack_csv':
      return crackEpoch(input);
    case 'inclinometer_csv':
      return inclinometerEpoch(input);
    case 'vw_csv':
      return vibratingWireEpoch(input);
    case 'water_csv':
      return waterEpoch(input);
  }
}

function levelingEpoch(input: MeasureInput): MeasuredEpoch {
  const cfg = input.project.leveling;
  if (!cfg) throw invalid('该项目未配置水准路线（基准点、起止点、限差），无法解算水准数据', 'leveling_not_configured');
  if (!input.observedAt) throw invalid('请填写观测时间（水准原始文件不含日期）', 'observed_at_required');
  const t = Date.parse(input.observedAt);
  notFuture(t, input.nowMs, '观测时间');
  const known = [...Object.keys(input.points), ...Object.keys(cfg.benchmarks)];
  const res = solveLeveling({
    kind: 'leveling',
    benchmarks: cfg.benchmarks,
    start: cfg.start,
    ...(cfg.end ? { end: cfg.end } : {}),
    k_mm: cfg.kMm,
    ...(cfg.stationDiffLimitMm ? { station_diff_limit_mm: cfg.stationDiffLimitMm } : {}),
    raw: { format: input.format, text: input.text },
    known_points: known,
  });
  const summary = { misclosure_mm: res.misclosure_mm, tolerance_mm: res.tolerance_mm, n_stations: res.n_stations, checked: res.checked };
  const stream = `leveling:${cfg.start}`;
  const fp = fingerprint(JSON.stringify(res.station_dh_m ?? []));
  if (!res.accepted) {
    return { rejectedReason: `闭合差 ${res.misclosure_mm?.toFixed(2)} mm 超过限差 ±${res.tolerance_mm?.toFixed(2)} mm，本期数据整体作废，请复测`, stream, observedAtMs: t, flags: res.flags, fingerprint: fp, fingerprintReadings: 2 * (res.station_dh_m?.length ?? 0), readings: [], summary };
  }
  const codes = Object.keys(res.elevations_m).filter((p) => !(p in cfg.benchmarks));
  requirePoints(codes, input.points, (i) => measuredBy(i, 'leveling'));
  const readings = codes.map((code) => {
    const initial = input.points[code].initialM;
    if (initial === undefined) throw invalid(`测点 ${code} 缺少初始高程`, 'point_not_initialised');
    return { code, value: (res.elevations_m[code] - initial) * 1000, timeMs: t };
  });
  return { stream, observedAtMs: t, flags: [...res.flags], fingerprint: fp, fingerprintReadings: 2 * (res.station_dh_m?.length ?? 0), readings, summary };
}

function inclinometerEpoch(input: MeasureInput): MeasuredEpoch {
  const csv = parseInclinometerCsv(input.text, 'text');
  requirePoints([csv.hole], input.points, (i) => i === 'deepHorizontal');
  const hole = input.points[csv.hole];
  const t = Date.parse(csv.time) || Number.NaN;
  notFuture(t, input.nowMs, '测斜时间');
  if (!hole.initialProfile) throw invalid(`测斜孔 ${csv.hole} 缺少初始测值`, 'point_not_initialised');
  if (hole.initialProfile.depths_m.length !== csv.depths_m.length) throw invalid(`测斜孔 ${csv.hole} 本次 ${csv.depths_m.length} 个深度，与初始测值 ${hole.initialProfile.depths_m.length} 个不一致`, 'depth_count_changed');
  const res = solveInclinometer({
    kind: 'inclinometer',
    interval_m: csv.interval_m,
    depths_m: csv.depths_m,
    initial: hole.initialProfile,
    current: { time: csv.time, A0: csv.A0, A180: csv.A180 },
  });
  const max = res.max ?? { depth_m: 0, displacement_mm: 0 };
  const fp = fingerprint(JSON.stringify([csv.A0, csv.A180]));
  const readings = [{ code: csv.hole, value: max.displacement_mm, timeMs: t }];
  return { stream: `inclinometer:${csv.hole}`, observedAtMs: t, flags: [...res.flags], fingerprint: fp, fingerprintReadings: csv.A0.length + csv.A180.length, readings, summary: { max, profile_mm: res.displacement_mm, depths_m: csv.depths_m } };
}

function vibratingWireEpoch(input: MeasureInput): MeasuredEpoch {
  const rows = parseCsvRows(input.text, { id: 'sensor_id', numeric: ['freq_hz'], optional: ['temp_c'] }, 'vw_csv_error');
  // struts and anchors (load cells, strain gauges) and rebar meters in the wall: the same formula, in kN
  requirePoints([...new Set(rows.map((r) => r.id))], input.points, (i) => measuredBy(i, 'vibrating_wire'));
  let t = 0;
  const readings = rows.map((r) => {
    notFuture(r.timeMs, input.nowMs, `第 ${r.line} 行时间`);
    t = Math.max(t, r.timeMs);
    const cal = input.points[r.id].calibration;
    if (!cal) throw invalid(`传感器 ${r.id} 缺少标定系数`, 'point_not_initialised');
    const [f, temp] = r.values;
    checkWireFrequency(r.line, r.id, f, cal.f0_Hz);
    const withTemp = cal.B !== undefined && Number.isFinite(temp) && cal.T0_C !== undefined;
    const { force_kN } = solveVibratingWire({ kind: 'vibrating_wire', K: cal.K, f0_Hz: cal.f0_Hz, f_Hz: f, ...(withTemp ? { B: cal.B, T0_C: cal.T0_C, T_C: temp } : {}) });
    return { code: r.id, value: force_kN, timeMs: r.timeMs };
  });
  const fp = fingerprint(JSON.stringify(rows.map((r) => [r.id, r.values])));
  return { stream: 'vibrating_wire', observedAtMs: t, flags: [], fingerprint: fp, fingerprintReadings: rows.length, readings, summary: { sensors: rows.length } };
}

function waterEpoch(input: MeasureInput): MeasuredEpoch {
  const rows = parseCsvRows(input.text, { id: 'well_id', numeric: ['depth_m'] }, 'water_csv_error');
  requirePoints([...new Set(rows.map((r) => r.id))], input.points, (i) => i === 'waterLevel');
  let t = 0;
  const readings = rows.map((r) => {
    notFuture(r.timeMs, input.nowMs, `第 ${r.line} 行时间`);
    t = Math.max(t, r.timeMs);
    const p = input.points[r.id];
    if (p.pipeTopM === undefined || p.initialM === undefined) throw invalid(`水位孔 ${r.id} 缺少管口高程或初始水位`, 'point_not_initialised');
    checkWellDepth(r.line, r.id, r.values[0]);
    const level = p.pipeTopM - r.values[0];
    return { code: r.id, value: (level - p.initialM) * 1000, timeMs: r.timeMs };
  });
  const fp = fingerprint(JSON.stringify(rows.map((r) => [r.id, r.values])));
  return { stream: 'water_level', observedAtMs: t, flags: [], fingerprint: fp, fingerprintReadings: rows.length, readings, summary: { wells: rows.length } };
}
