import { invalid } from '../../errors';
import { parseCsvRows } from './csv-rows.parse';
import { fingerprint, notFuture, requirePoints } from './epoch-checks';
import type { MeasureInput, MeasuredEpoch } from './epoch.solve';
import { measuredBy, type ItemMethod } from './items';
import { checkCrackWidth, checkTilt } from './reading-plausibility';
import { refuseRepeats } from './tps-epoch';

/**
 * Epochs of instruments that read the judged quantity directly (docs/domain/pit.md, "Upload formats"): the
 * value is the reading minus the point's `initialReading`. Tilt meters (`tilt_csv`, ‰ or degrees) and crack
 * gauges (`crack_csv`, mm).
 */

type Spec = {
  method: ItemMethod;
  id: string;
  column: string;
  code: 'tilt_csv_error' | 'crack_csv_error';
  stream: string;
  /** the reading in the item's unit */
  convert: (x: number) => number;
  check: (line: number, point: string, v: number) => void;
  lacking: string;
};

function readingEpoch(input: MeasureInput, spec: Spec): MeasuredEpoch {
  const rows = parseCsvRows(input.text, { id: spec.id, numeric: [spec.column] }, spec.code);
  refuseRepeats(rows);
  requirePoints([...new Set(rows.map((r) => r.id))], input.points, (i) => measuredBy(i, spec.method));
  const lacking = [...new Set(rows.map((r) => r.id))].filter((c) => !Number.isFinite(input.points[c].initialReading));
  if (lacking.length) throw invalid(`测点 ${lacking.join('、')} 未登记${spec.lacking}`, 'point_not_initialised', { points: lacking });
  let t = 0;
  const readings = rows.map((r) => {
    notFuture(r.timeMs, input.nowMs, `第 ${r.line} 行时间`);
    t = Math.max(t, r.timeMs);
    const v = spec.convert(r.values[0]);
    spec.check(r.line, r.id, v);
    return { code: r.id, value: v - input.points[r.id].initialReading!, timeMs: r.timeMs };
  });
  const fp = fingerprint(JSON.stringify(rows.map((r) => [r.id, r.values[0]])));
  return { stream: spec.stream, observedAtMs: t, flags: [], fingerprint: fp, fingerprintReadings: rows.length, readings, summary: { points: rows.length } };
}

/** ‰ from degrees: the tangent (mm per m). */
const permilleOfDeg = (deg: number) => Math.tan((deg * Math.PI) / 180) * 1000;
/** The header line (the first that is neither blank nor a `#` comment) names the tilt column: `tilt_permille` (‰) or `tilt_deg` (degrees). */
const degreesHeader = (text: string): boolean => {
  const header = text.slice(0, 4096).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? '';
  return header.split(',').some((c) => c.trim().toLowerCase() === 'tilt_deg');
};

/** `point,time,tilt_permille` or `point,time,tilt_deg`: tilt in ‰ minus the initial tilt (‰). */
export function tiltEpoch(input: MeasureInput): MeasuredEpoch {
  const deg = degreesHeader(input.text);
  return readingEpoch(input, {
    method: 'tilt_meter',
    id: 'point',
    column: deg ? 'tilt_deg' : 'tilt_permille',
    code: 'tilt_csv_error',
    stream: 'tilt',
    convert: deg ? permilleOfDeg : (x) => x,
    check: checkTilt,
    lacking: '初始倾斜读数（initialReading，‰）',
  });
}

/** `point,time,width_mm`: crack width minus the initial width (mm). */
export function crackEpoch(input: MeasureInput): MeasuredEpoch {
  return readingEpoch(input, {
    method: 'crack_gauge',
    id: 'point',
    column: 'width_mm',
    code: 'crack_csv_error',
    stream: 'crack',
    convert: (x) => x,
    check: checkCrackWidth,
    lacking: '初始裂缝宽度（initialReading，mm）',
  });
}
