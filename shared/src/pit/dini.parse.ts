import { LevelRouteBuilder, type InstrumentValue } from './level-route.build';
import type { LevelMethod, ParsedLevelFile } from './leveling.types';
import { lineIssuesError } from './pit.errors';

/**
 * Trimble DiNi M5 reader (docs/domain/pit.md §3.2). Lines are parsed by `|` and by tokens, not by column,
 * because published files do not keep exact widths. Every value carries its own unit.
 */

const METHODS: Record<string, LevelMethod> = { BF: 'BF', BFFB: 'BFFB', aBF: 'aBF', aBFFB: 'aBFFB', BBFF: 'BBFF', BFBF: 'BFBF' };
const GERMAN: Record<string, string> = { Lr: 'Rb', Lv: 'Rf', Lz: 'Rz', L: 'R', E: 'HD', sL: 'sR' };
const LENGTH_UNITS: Record<string, number> = { m: 1, mm: 0.001, ft: 0.3048, in: 0.0254 };
const ANGLE_UNITS = new Set(['gon', 'deg', 'DMS', 'mil', 'rad']);
const LENGTH_TYPES = new Set(['R', 'Rb', 'Rf', 'Rz', 'HD', 'Z', 'Z0', 'Sh', 'dz', 'Db', 'Df', 'sR']);
const TIME_TOKEN = /^\d{1,2}:\d{2}:\d{2,3}$/;

/** One decoded `tt value unit` block of an M5 line. */
export type DiniValue = { type: string; value: number; unit: string; value_m: number; resolution_mm: number };

/** One decoded M5 line. */
export type DiniRecord =
  | { line: number; kind: 'text'; text: string }
  | { line: number; kind: 'point'; point: string | null; time: string | null; values: DiniValue[] };

const decimals = (s: string) => {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
};

/**
 * Decodes the records of an M5 file, collecting per-line issues.
 *
 * @example
 *   tokenizeDini('For M5|Adr    32|KD1      5-a    g 15:49:151  L1|Rf        1.49585 m   |HD          9.988 m   |                      |').records[0]
 *   // { kind: 'point', point: '5-a', time: '15:49:151', values: [Rf 1.49585 m, HD 9.988 m] }
 */
export const tokenizeDini = (text: string): { records: DiniRecord[]; issues: { line: number; message: string }[] } => {
  const records: DiniRecord[] = [];
  const issues: { line: number; message: string }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let li = 0; li < lines.length; li++) {
    const lineNo = li + 1;
    const s = lines[li].trimEnd();
    if (!s.trim() || s.trimStart().startsWith('!')) continue;
    const fail = (msg: string) => issues.push({ line: lineNo, message: `line ${lineNo}: ${msg}` });
    const fields = s.split('|');
    if (!/^For\s+M5$/.test(fields[0].trim())) {
      fail(`not an M5 record (expected 'For M5|', got '${s.slice(0, 12)}')`);
      continue;
    }
    if (fields.length < 3 || !/^Adr\s*\d*$/.test(fields[1].trim())) {
      fail('garbled address field (expected \'Adr nnnnn\')');
      continue;
    }
    const infoField = fields[2];
    const blockType = infoField.slice(0, 3).trim();
    if (blockType === 'TO' || blockType === 'TI') {
      records.push({ line: lineNo, kind: 'text', text: infoField.slice(3).trim() });
      continue;
    }
    if (blockType !== 'KD1' && blockType !== 'KD2') {
      fail(`unknown information block '${blockType}' (expected KD1, KD2, TO or TI)`);
      continue;
    }
    const info = infoField.slice(4);
    let point: string | null;
    let time: string | null = null;
    if (info.length === 27) {
      point = info.slice(0, 8).trim() || null;
      const t = info.slice(13, 23).trim();
      time = t || null;
    } else {
      const tokens = info.trim().split(/\s+/).filter(Boolean);
      point = tokens.length && !TIME_TOKEN.test(tokens[0]) ? tokens[0] : null;
      time = tokens.find((t) => TIME_TOKEN.test(t)) ?? null;
    }
    const values: DiniValue[] = [];
    let bad = false;
    for (let vi = 3; vi < Math.min(fields.length, 6); vi++) {
      const blockText = fields[vi].trim();
      if (!blockText) continue;
      const where = `value block ${vi - 2} '${blockText}'`;
      const tokens = blockText.split(/\s+/);
      const rawType = tokens[0];
      if (!/^[A-Za-z][A-Za-z0-9]?$/.test(rawType)) {
        fail(`${where}: garbled type identifier '${rawType}'`);
        bad = true;
        continue;
      }
      const type = GERMAN[rawType] ?? rawType;
      if (tokens.length < 2 || !/^[+-]?\d+(\.\d+)?$/.test(tokens[1])) {
        fail(`${where}: garbled number '${tokens[1] ?? ''}'`);
        bad = true;
        continue;
      }
      const unit = tokens[2] ?? '';
      if (tokens.length > 3) {
        fail(`${where}: unexpected text after the unit`);
        bad = true;
        continue;
      }
      const value = Number(tokens[1]);
      let value_m = value;
      let resolution_mm = 0;
      if (LENGTH_TYPES.has(type)) {
        if (!unit) {
          fail(`${where}: ${type} has no unit`);
          bad = true;
          continue;
        }
        if (ANGLE_UNITS.has(unit)) {
          fail(`${where}: ${type} in ${unit}; expected a length unit (m, mm, ft, in)`);
          bad = true;
          continue;
        }
        const factor = LENGTH_UNITS[unit];
        if (factor === undefined) {
          fail(`${where}: unknown unit '${unit}' (expected m, mm, ft or in)`);
          bad = true;
          continue;
        }
        value_m = value * factor;
        resolution_mm = Math.pow(10, -decimals(tokens[1])) * factor * 1000;
      }
      values.push({ type, value, unit, value_m, resolution_mm });
    }
    if (!bad) records.push({ line: lineNo, kind: 'point', point, time, values });
  }
  return { records, issues };
};

const instrumentValue = (v: DiniValue, line: number, item: InstrumentValue['item']): InstrumentValue => ({
  item,
  label: v.type,
  value_m: v.value_m,
  resolution_mm: v.resolution_mm,
  line,
});

/**
 * Reads a leveling line from a DiNi M5 file: stations from Rb/Rf (+HD), in the order the
 * `Start-Line <method>` record defines; Rz intermediate sights; Z heights, Sh and Db/Df sums
 * cross-checked against recomputation (`instrument_mismatch` flags). "Measurement repeated"
 * replaces the last reading of the same kind; "Station repeated" drops the open station.
 * Throws `dini_parse_error` with one message per bad line.
 *
 * @example
 *   readDiniLeveling(m5Text).stations // [{ back: 'BM01', fore: 'TP1', back_m: 1.523, fore_m: 1.211, ... }, ...]
 */
export const readDiniLeveling = (text: string, field?: string): ParsedLevelFile => {
  const { records, issues } = tokenizeDini(text);
  if (issues.length) throw lineIssuesError(field, 'dini_parse_error', issues);
  const b = new LevelRouteBuilder('dini', { b1: 'first Rb', f1: 'first Rf', b2: 'second Rb', f2: 'second Rf' });
  let lastLine = 1;
  for (const r of records) {
    lastLine = r.line;
    if (r.kind === 'text') {
      readText(b, r.text, r.line);
      continue;
    }
    const byType = new Map(r.values.map((v) => [v.type, v]));
    const dist = byType.get('HD')?.value_m ?? null;
    const rb = byType.get('Rb');
    const rf = byType.get('Rf');
    const rz = byType.get('Rz');
    const z = byType.get('Z');
    const sums = ['Sh', 'Db', 'Df'].filter((t) => byType.has(t));
    if ((rb || rf || rz) && r.point === null) {
      b.issue(r.line, 'staff reading without a point id');
      continue;
    }
    if ([rb, rf, rz].filter(Boolean).length > 1) {
      b.issue(r.line, 'more than one staff reading (Rb/Rf/Rz) in one line');
      continue;
    }
    if (rb || rf) {
      if (!b.hasMethod) {
        b.issue(r.line, "staff reading before any 'Start-Line <method>' record");
        continue;
      }
      b.orderedReading(rb ? 'b' : 'f', { point: r.point!, value_m: (rb ?? rf)!.value_m, dist_m: dist, line: r.line });
      continue;
    }
    if (rz) {
      b.intermediate({ point: r.point!, value_m: rz.value_m, dist_m: dist, line: r.line });
      if (z) b.intermediateResult(instrumentValue(z, r.line, 'height'));
      continue;
    }
    if (sums.length) {
      const sh = byType.get('Sh');
      const db = byType.get('Db');
      const df = byType.get('Df');
      if (sh) b.lineSum({ item: 'sum_dh', label: 'Sh', value_m: sh.value_m, resolution_mm: sh.resolution_mm, line: r.line });
      if (db) b.lineSum({ item: 'sum_back_dist', label: 'Db', value_m: db.value_m, resolution_mm: db.resolution_mm, line: r.line });
      if (df) b.lineSum({ item: 'sum_fore_dist', label: 'Df', value_m: df.value_m, resolution_mm: df.resolution_mm, line: r.line });
      continue;
    }
    if (z) {
      if (b.pendingIntermediate) b.intermediateResult(instrumentValue(z, r.line, 'height'));
      else if (b.stationOpen) b.result(r.point, r.line, [instrumentValue(z, r.line, 'height')]);
      else if (r.point !== null) b.heightInput(r.point, z.value_m);
    }
  }
  const file = b.finish(lastLine);
  if (b.issues.length) throw lineIssuesError(field, 'dini_parse_error', b.issues);
  return file;
};

const readText = (b: LevelRouteBuilder, text: string, line: number): void => {
  const tokens = text.split(/\s+/);
  const head = tokens[0];
  if (head === 'Start-Line' || head === 'Cont-Line') {
    const m = METHODS[tokens[1] ?? ''];
    if (head === 'Start-Line' && !m) {
      b.issue(line, `unknown leveling method '${tokens[1] ?? ''}' (expected BF, BFFB, aBF, aBFFB, BBFF or BFBF)`);
      return;
    }
    b.startLine(m ?? null, head === 'Cont-Line');
  } else if (text.startsWith('Measurement repeated')) b.repeatNext();
  else if (text.startsWith('Station repeated')) b.discardStation();
};
