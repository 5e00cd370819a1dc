import { fieldError, lineIssuesError, type LineIssue } from './pit.errors';
import { parseTimeMs } from './time.parse';

/** A canonical inclinometer upload (docs/domain/pit.md §3.3), readings converted to mm per interval. */
export type InclinometerCsv = {
  hole: string;
  probe: string | null;
  interval_m: number;
  unit: string;
  time: string;
  bottom_fixed: boolean | null;
  header: Record<string, string>;
  depths_m: number[];
  A0: number[];
  A180: number[];
  B0?: number[];
  B180?: number[];
};

const COLUMN_ALIASES: Record<string, 'depth_m' | 'A0' | 'A180' | 'B0' | 'B180'> = {
  depth_m: 'depth_m', depth: 'depth_m',
  a0: 'A0', 'a+': 'A0', a_plus: 'A0',
  a180: 'A180', 'a-': 'A180', a_minus: 'A180',
  b0: 'B0', 'b+': 'B0', b_plus: 'B0',
  b180: 'B180', 'b-': 'B180', b_minus: 'B180',
};
const AVERAGED = /^(a|b|a_?avg|b_?avg|a_?mean|b_?mean|dev_?a|dev_?b)$/i;

/**
 * Parses the canonical inclinometer CSV:
 * ```
 * # hole=CX1; probe=SN1234; L=0.5; unit=mm_per_interval; time=2024-05-10T09:00:00+08:00; bottom_fixed=true
 * depth_m,A0,A180,B0,B180
 * 0.5,0.44,-0.16,0.10,0.06
 * ```
 * Units: `mm_per_interval` (or `mm`), `sin` (× L × 1000), `digits` (× the header's `factor`, mm per digit).
 * Both faces are mandatory: single-face or pre-averaged data is refused with `single_face`.
 * Other problems raise `inclinometer_csv_error`, one message per line.
 *
 * @example
 *   const s = parseInclinometerCsv(text);
 *   solve({ kind: 'inclinometer', interval_m: s.interval_m, depths_m: s.depths_m, current: s });
 */
export const parseInclinometerCsv = (text: string, field?: string): InclinometerCsv => {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const issues: LineIssue[] = [];
  const err = (line: number, message: string) => issues.push({ line, message: `line ${line}: ${message}` });
  const fail = (code: 'inclinometer_csv_error' | 'single_face', line: number, message: string) =>
    code === 'single_face' ? fieldError(field ?? 'text', `line ${line}: ${message}`, 'single_face') : lineIssuesError(field, code, [{ line, message: `line ${line}: ${message}` }]);

  let li = 0;
  while (li < lines.length && !lines[li].trim()) li++;
  if (li >= lines.length || !lines[li].trim().startsWith('#')) throw fail('inclinometer_csv_error', li + 1, "expected the header line '# hole=...; L=...; unit=...; time=...'");
  const headerLine = li + 1;
  const header: Record<string, string> = {};
  for (const part of lines[li].trim().replace(/^#\s*/, '').split(';')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      err(headerLine, `header item '${part.trim()}' is not key=value`);
      continue;
    }
    header[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  for (const key of ['hole', 'L', 'unit', 'time']) if (!header[key]) err(headerLine, `header: ${key} is required`);
  const L = Number(header.L);
  if (header.L && !(L > 0)) err(headerLine, `header: L must be a positive number of metres, got '${header.L}'`);
  if (header.time && parseTimeMs(header.time) !== parseTimeMs(header.time)) err(headerLine, `header: time '${header.time}' is not ISO 8601`);
  let factor = 1;
  switch (header.unit) {
    case undefined:
    case 'mm_per_interval':
    case 'mm':
      break;
    case 'sin':
      factor = L * 1000;
      break;
    case 'digits': {
      factor = Number(header.factor);
      if (!(factor > 0)) err(headerLine, 'header: unit=digits needs factor=<mm per digit> from the probe certificate');
      break;
    }
    default:
      err(headerLine, `header: unknown unit '${header.unit}' (mm_per_interval, sin or digits)`);
  }
  let bottomFixed: boolean | null = null;
  if (header.bottom_fixed !== undefined) {
    if (header.bottom_fixed !== 'true' && header.bottom_fixed !== 'false') err(headerLine, `header: bottom_fixed must be true or false, got '${header.bottom_fixed}'`);
    bottomFixed = header.bottom_fixed === 'true';
  }
  if (issues.length) throw lineIssuesError(field, 'inclinometer_csv_error', issues);

  li++;
  while (li < lines.length && (!lines[li].trim() || lines[li].trim().startsWith('#'))) li++;
  if (li >= lines.length) throw fail('inclinometer_csv_error', li, 'the column header line (depth_m,A0,A180[,B0,B180]) is missing');
  const columnsLine = li + 1;
  const names = lines[li].split(',').map((c) => c.trim());
  const cols: Partial<Record<'depth_m' | 'A0' | 'A180' | 'B0' | 'B180', number>> = {};
  names.forEach((name, i) => {
    const key = COLUMN_ALIASES[name.toLowerCase()];
    if (key) cols[key] = i;
  });
  if (cols.depth_m === undefined) throw fail('inclinometer_csv_error', columnsLine, 'column depth_m is missing');
  if (cols.A0 === undefined || cols.A180 === undefined) {
    const averaged = names.some((n) => AVERAGED.test(n));
    throw fail('single_face', columnsLine, averaged
      ? 'pre-averaged data; both faces (A0 and A180) are required for the checksum QA'
      : `column ${cols.A0 === undefined ? 'A0' : 'A180'} is missing; both faces (A0 and A180) are required for the checksum QA`);
  }
  if ((cols.B0 === undefined) !== (cols.B180 === undefined)) throw fail('single_face', columnsLine, `column ${cols.B0 === undefined ? 'B0' : 'B180'} is missing; the B axis needs both faces too`);
  const hasB = cols.B0 !== undefined;

  const out: InclinometerCsv = { hole: header.hole, probe: header.probe ?? null, interval_m: L, unit: header.unit, time: header.time, bottom_fixed: bottomFixed, header, depths_m: [], A0: [], A180: [] };
  if (hasB) {
    out.B0 = [];
    out.B180 = [];
  }
  let emptyA180 = 0;
  const seen = new Set<number>();
  for (li++; li < lines.length; li++) {
    const raw = lines[li].trim();
    if (!raw || raw.startsWith('#')) continue;
    const lineNo = li + 1;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== names.length) {
      err(lineNo, `expected ${names.length} columns, got ${cells.length}`);
      continue;
    }
    const num = (key: keyof typeof cols): number | null => {
      const cell = cells[cols[key]!];
      if (cell === '') {
        if (key === 'A180') emptyA180++;
        err(lineNo, `column ${key}: empty`);
        return null;
      }
      const v = Number(cell);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) || !Number.isFinite(v)) {
        err(lineNo, `column ${key}: expected number, got '${cell}'`);
        return null;
      }
      return v;
    };
    const d = num('depth_m');
    const a0 = num('A0');
    const a180 = num('A180');
    const b0 = hasB ? num('B0') : 0;
    const b180 = hasB ? num('B180') : 0;
    if (d === null || a0 === null || a180 === null || b0 === null || b180 === null) continue;
    if (d < 0) err(lineNo, `column depth_m: must be ≥ 0, got ${d}`);
    else if (seen.has(d)) err(lineNo, `column depth_m: duplicate depth ${d}`);
    seen.add(d);
    out.depths_m.push(d);
    out.A0.push(a0 * factor);
    out.A180.push(a180 * factor);
    if (hasB) {
      out.B0!.push(b0 * factor);
      out.B180!.push(b180 * factor);
    }
  }
  const rows = out.depths_m.length + new Set(issues.map((i) => i.line)).size;
  if (emptyA180 > 0 && emptyA180 === rows) throw fail('single_face', columnsLine, 'column A180 is empty in every row: single-face data; both faces are required');
  if (issues.length) throw lineIssuesError(field, 'inclinometer_csv_error', issues);
  if (out.depths_m.length === 0) throw fail('inclinometer_csv_error', columnsLine, 'no data rows');
  return out;
};
