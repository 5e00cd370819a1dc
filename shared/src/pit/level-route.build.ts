import { exceeds } from './float-compare';
import type { LineIssue } from './pit.errors';
import { TWO_READING_METHODS, type LevelIntermediate, type LevelMethod, type LevelStation, type ParsedLevelFile, type PitFlag } from './leveling.types';

/** One staff reading as found in a raw file. */
export type RawReading = { point: string; value_m: number; dist_m: number | null; line: number };

type Slot = 'b1' | 'f1' | 'b2' | 'f2';

/** An instrument-computed value to cross-check against recomputation from the raw readings. */
export type InstrumentValue = {
  /** '83' / 'Z' height of the point, '571' station difference, '572' its running sum,
   *  '573' running distance balance, '574' running line length (per line block). */
  item: 'height' | 'station_diff' | 'station_diff_sum' | 'distance_balance' | 'line_length';
  label: string;
  value_m: number;
  resolution_mm: number;
  line: number;
  word?: number;
};

/** End-of-line sums an instrument writes (DiNi Sh, Db, Df). */
export type LineSum = { item: 'sum_dh' | 'sum_back_dist' | 'sum_fore_dist'; label: string; value_m: number; resolution_mm: number; line: number };

const MIN_CHECK_MM = 0.01;

/**
 * Assembles stations from the readings of a leveling file in order, and cross-checks the values
 * the instrument computed itself (docs/domain/pit.md §3.1: recompute, use the instrument's values only as a
 * check within 0.01 mm rounding; a larger disagreement suggests an edited file).
 *
 * @example
 *   const b = new LevelRouteBuilder('gsi', { b1: 'WI 331', f1: 'WI 332', b2: 'WI 335', f2: 'WI 336' });
 *   b.reading('b1', { point: 'BM1', value_m: 1.5, dist_m: 20, line: 2 });
 *   b.reading('f1', { point: 'P1', value_m: 1.2, dist_m: 20, line: 3 });
 *   const file = b.finish(4); // one station BM1 → P1
 */
export class LevelRouteBuilder {
  readonly issues: LineIssue[] = [];
  private readonly stations: LevelStation[] = [];
  private readonly intermediates: LevelIntermediate[] = [];
  private readonly flags: PitFlag[] = [];
  private method: LevelMethod | null = null;
  private methodSeen = false;
  private cur: Partial<Record<Slot, RawReading>> = {};
  private repeatPending = false;
  private readonly instHeight = new Map<string, number>();
  private prevDiffSum = 0;
  private prevBalance = 0;
  private prevLength = 0;
  private lineDh = 0;
  private lineBack = 0;
  private lineFore = 0;
  private lineStations = 0;
  private lastIntermediate: number | null = null;

  constructor(
    private readonly format: 'gsi' | 'dini',
    private readonly labels: Record<Slot, string>,
  ) {}

  issue(line: number, message: string, word?: number): void {
    this.issues.push({ line, word, message: `line ${line}: ${message}` });
  }

  get hasMethod(): boolean {
    return this.methodSeen;
  }

  /** A new leveling line (GSI 41 header, DiNi Start-Line): running sums restart. */
  startLine(method: LevelMethod | null, continued = false): void {
    this.closeStation();
    if (method) this.method = method;
    this.methodSeen = this.methodSeen || method !== null;
    if (continued) return;
    this.prevDiffSum = 0;
    this.prevBalance = 0;
    this.prevLength = 0;
    this.lineDh = 0;
    this.lineBack = 0;
    this.lineFore = 0;
    this.lineStations = 0;
  }

  /** A reading whose slot is explicit (GSI 331/332/335/336). A filled slot starts a new station. */
  reading(slot: Slot, r: RawReading): void {
    this.lastIntermediate = null;
    if (this.cur[slot]) this.closeStation();
    this.cur[slot] = r;
  }

  /** A reading whose slot follows from order and method (DiNi Rb/Rf). */
  orderedReading(kind: 'b' | 'f', r: RawReading): void {
    this.lastIntermediate = null;
    const first = `${kind}1` as Slot;
    const second = `${kind}2` as Slot;
    if (this.repeatPending) {
      this.repeatPending = false;
      const last = this.cur[second] ? second : this.cur[first] ? first : null;
      if (last) {
        this.cur[last] = r;
        return;
      }
    }
    const max = this.method && TWO_READING_METHODS.has(this.method) ? 2 : 1;
    let slot: Slot | null = !this.cur[first] ? first : !this.cur[second] && max === 2 ? second : null;
    if (slot === null) {
      this.closeStation();
      slot = first;
    }
    this.cur[slot] = r;
  }

  /** DiNi "Measurement repeated": the next reading of the same kind replaces the last one. */
  repeatNext(): void {
    this.repeatPending = true;
  }

  /** DiNi "Station repeated": drop the readings of the open station. */
  discardStation(): void {
    this.cur = {};
    const open = this.stations.length;
    for (let i = this.intermediates.length - 1; i >= 0; i--) if (this.intermediates[i].station === open) this.intermediates.splice(i, 1);
  }

  get stationOpen(): boolean {
    return Object.keys(this.cur).length > 0;
  }

  /** Result block of the open station: closes it and cross-checks the instrument's values. */
  result(point: string | null, line: number, values: InstrumentValue[]): void {
    const s = this.closeStation();
    if (!s) return;
    if (point !== null && point !== s.fore) this.issue(line, `result for point '${point}' but the station's fore point is '${s.fore}'`);
    const diff = s.back2_m !== undefined && s.fore2_m !== undefined ? s.back_m - s.fore_m - (s.back2_m - s.fore2_m) : null;
    const dh = stationDh(s);
    for (const v of values) {
      switch (v.item) {
        case 'height': {
          const backH = this.instHeight.get(s.back);
          if (backH !== undefined) this.check(v, backH + dh, s.fore);
          this.instHeight.set(s.fore, v.value_m);
          break;
        }
        case 'station_diff':
          if (diff !== null) this.check(v, diff, s.fore);
          break;
        case 'station_diff_sum':
          if (diff !== null) this.check(v, this.prevDiffSum + diff, s.fore);
          this.prevDiffSum = v.value_m;
          break;
        case 'distance_balance':
          if (s.back_dist_m !== undefined && s.fore_dist_m !== undefined) this.check(v, this.prevBalance + s.back_dist_m - s.fore_dist_m, s.fore);
          this.prevBalance = v.value_m;
          break;
        case 'line_length':
          if (s.back_dist_m !== undefined && s.fore_dist_m !== undefined) this.check(v, this.prevLength + s.back_dist_m + s.fore_dist_m, s.fore);
          this.prevLength = v.value_m;
          break;
      }
    }
  }

  /** A known height typed into the instrument (start of a line). */
  heightInput(point: string, height_m: number): void {
    this.instHeight.set(point, height_m);
  }

  /** An intermediate sight from the current (or, between stations, the last) setup. */
  intermediate(r: RawReading): void {
    const open = this.cur.b1 ?? this.cur.b2;
    const station = open ? this.stations.length : this.stations.length - 1;
    if (station < 0) {
      this.issue(r.line, `intermediate sight to '${r.point}' before any back reading`);
      return;
    }
    this.intermediates.push({ point: r.point, station, reading_m: r.value_m, dist_m: r.dist_m ?? undefined, line: r.line });
    this.lastIntermediate = this.intermediates.length - 1;
  }

  get pendingIntermediate(): boolean {
    return this.lastIntermediate !== null;
  }

  /** The instrument's height of the last intermediate point, cross-checked. */
  intermediateResult(v: InstrumentValue): void {
    const idx = this.lastIntermediate;
    this.lastIntermediate = null;
    if (idx === null) return;
    const im = this.intermediates[idx];
    const open = im.station === this.stations.length;
    const backPoint = open ? (this.cur.b1 ?? this.cur.b2)!.point : this.stations[im.station].back;
    const backReading = open ? (this.cur.b1 ?? this.cur.b2)!.value_m : this.stations[im.station].back_m;
    const backH = this.instHeight.get(backPoint);
    if (backH !== undefined) this.check(v, backH + backReading - im.reading_m, im.point);
  }

  /** End-of-line sums written by the instrument (DiNi Sh / Db / Df). */
  lineSum(v: LineSum): void {
    this.closeStation();
    const recomputed = v.item === 'sum_dh' ? this.lineDh : v.item === 'sum_back_dist' ? this.lineBack : this.lineFore;
    const tol = Math.max(MIN_CHECK_MM, v.resolution_mm) * Math.max(1, Math.sqrt(this.lineStations));
    this.compare(v.label, v.value_m, recomputed, tol, v.line, undefined, undefined);
  }

  finish(line: number): ParsedLevelFile {
    this.closeStation();
    if (this.stations.length === 0 && this.issues.length === 0) this.issue(line, 'no leveling stations (back and fore readings) found');
    return { format: this.format, method: this.method, stations: this.stations, intermediates: this.intermediates, flags: this.flags };
  }

  private check(v: InstrumentValue, recomputed: number, point: string): void {
    this.compare(v.label, v.value_m, recomputed, Math.max(MIN_CHECK_MM, v.resolution_mm), v.line, v.word, point);
  }

  private compare(label: string, instrument: number, recomputed: number, tol: number, line: number, word: number | undefined, point: string | undefined): void {
    const diff_mm = (instrument - recomputed) * 1000;
    if (!exceeds(Math.abs(diff_mm), tol)) return;
    const flag: PitFlag = { code: 'instrument_mismatch', line };
    if (word !== undefined) flag.word = word;
    flag.item = label;
    if (point !== undefined) flag.point = point;
    Object.assign(flag, { instrument, recomputed, diff_mm, tolerance_mm: tol });
    this.flags.push(flag);
  }

  private closeStation(): LevelStation | null {
    const { b1, f1, b2, f2 } = this.cur;
    this.cur = {};
    if (!b1 && !f1 && !b2 && !f2) return null;
    const first = [b1, f1, b2, f2].find((r) => r)!;
    const at = first.line;
    const l = this.labels;
    if (!b1 || !f1) {
      this.issue(at, `station incomplete: missing ${!b1 ? l.b1 : l.f1}`);
      return null;
    }
    if (!b2 !== !f2) {
      this.issue(at, `station incomplete: ${b2 ? l.b2 : l.f2} without ${b2 ? l.f2 : l.b2}`);
      return null;
    }
    if (!b2 && this.method && TWO_READING_METHODS.has(this.method)) {
      this.issue(at, `station incomplete: method ${this.method} needs ${l.b2} and ${l.f2}`);
      return null;
    }
    if (b2 && b2.point !== b1.point) this.issue(b2.line, `${l.b2} is to '${b2.point}' but ${l.b1} to '${b1.point}'`);
    if (f2 && f2.point !== f1.point) this.issue(f2.line, `${l.f2} is to '${f2.point}' but ${l.f1} to '${f1.point}'`);
    if (b1.point === f1.point) this.issue(f1.line, `back and fore point are both '${b1.point}'`);
    const s: LevelStation = { back: b1.point, fore: f1.point, back_m: b1.value_m, fore_m: f1.value_m, line: at };
    if (b2 && f2) {
      s.back2_m = b2.value_m;
      s.fore2_m = f2.value_m;
    }
    const bd = meanDist(b1, b2);
    const fd = meanDist(f1, f2);
    if (bd !== null && fd !== null) {
      s.back_dist_m = bd;
      s.fore_dist_m = fd;
      this.lineBack += bd;
      this.lineFore += fd;
    }
    this.lineDh += stationDh(s);
    this.lineStations++;
    this.stations.push(s);
    return s;
  }
}

const meanDist = (a: RawReading, b: RawReading | undefined): number | null => {
  if (a.dist_m === null) return null;
  if (!b) return a.dist_m;
  return b.dist_m === null ? null : (a.dist_m + b.dist_m) / 2;
};

/**
 * Height difference of one station in m: B − F, or the mean of both pairs for BFFB.
 *
 * @example
 *   stationDh({ back: 'G', fore: '1', back_m: 1.59977, fore_m: 1.38073, back2_m: 1.5998, fore2_m: 1.38071 }) // 0.219065
 */
export const stationDh = (s: LevelStation): number =>
  s.back2_m !== undefined && s.fore2_m !== undefined ? (s.back_m - s.fore_m + (s.back2_m - s.fore2_m)) / 2 : s.back_m - s.fore_m;
