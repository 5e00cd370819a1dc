import { readDiniLeveling } from './dini.parse';
import { exceeds } from './float-compare';
import { readGsiLeveling } from './gsi-level.read';
import { stationDh } from './level-route.build';
import type { LevelIntermediate, LevelMethod, LevelStation, PitFlag } from './leveling.types';
import { fieldError } from './pit.errors';
import { levelingRequestSchema, type LevelingRequest } from './request.schema';
import { solverOf } from './request.validate';

export type LevelingResult = {
  kind: 'leveling';
  accepted: boolean;
  checked: boolean;
  n_stations: number;
  misclosure_mm: number | null;
  tolerance_mm: number | null;
  station_dh_m?: number[];
  /** Extra: BFFB station differences (B1−F1)−(B2−F2) in mm, null for BF stations. */
  station_diff_mm?: (number | null)[];
  section_corrections_mm?: Record<string, number>;
  elevations_m: Record<string, number>;
  reason?: string;
  /** Extra: the route's points in order, its length when known, the file's method. */
  route: string[];
  length_m?: number;
  method?: LevelMethod | null;
  flags: PitFlag[];
};

/** A run of the route between two named points: one station, or a section of `n` stations. */
type Leg = { from: string; to: string; n: number; dh_m: number; length_m: number | null; where: (end: 'from' | 'to' | 'length') => string };

/**
 * Leveling route solution (docs/domain/pit.md §2.1, §6): station height differences, misclosure
 * f_h = ΣΔh − (H_end − H_start) against ±k·√n mm, distribution by station count (or distance),
 * elevations of every non-benchmark point. Over tolerance the whole epoch is rejected:
 * `accepted: false` and `elevations_m: {}`. An open route (no `end`) is solved unchecked.
 *
 * @example
 *   solveLeveling({ kind: 'leveling', benchmarks: { BM1: 10 }, start: 'BM1', end: 'BM1', k_mm: 1,
 *     sections: [{ from: 'BM1', to: 'P1', stations: 2, dh_m: 0.5 }, { from: 'P1', to: 'BM1', stations: 2, dh_m: -0.4996 }] })
 *   // misclosure_mm ≈ 0.4, tolerance_mm 2, elevations_m { P1: 10.4998 }
 */
export const solveLeveling = solverOf(levelingRequestSchema, (req): LevelingResult => {
  const given = (['stations', 'sections', 'raw'] as const).filter((k) => req[k] !== undefined);
  if (given.length !== 1) {
    throw fieldError(given[1] ?? 'stations', given.length ? `exactly one of stations, sections or raw is allowed (got ${given.join(' and ')})` : 'one of stations, sections or raw is required');
  }
  if (!(req.start in req.benchmarks)) throw fieldError('start', `'${req.start}' is not in benchmarks`, 'unknown_point');
  if (req.end !== undefined && !(req.end in req.benchmarks)) throw fieldError('end', `'${req.end}' is not in benchmarks`, 'unknown_point');

  const flags: PitFlag[] = [];
  let stations: LevelStation[] | null = null;
  let intermediates: LevelIntermediate[] = [];
  let method: LevelMethod | null | undefined;
  let legs: Leg[];
  let stationsField = 'stations';
  if (req.raw) {
    const file = req.raw.format === 'gsi' ? readGsiLeveling(req.raw.text, 'raw.text') : readDiniLeveling(req.raw.text, 'raw.text');
    stations = file.stations;
    intermediates = file.intermediates;
    method = file.method;
    flags.push(...file.flags);
    stationsField = 'raw.text';
  } else if (req.stations) {
    req.stations.forEach((s, i) => {
      if ((s.back2_m === undefined) !== (s.fore2_m === undefined)) {
        throw fieldError(`stations[${i}].${s.back2_m === undefined ? 'back2_m' : 'fore2_m'}`, `required when ${s.back2_m === undefined ? 'fore2_m' : 'back2_m'} is given (BFFB)`);
      }
    });
    stations = req.stations;
  }
  if (stations) {
    legs = stations.map((s, i) => ({
      from: s.back,
      to: s.fore,
      n: 1,
      dh_m: stationDh(s),
      length_m: s.back_dist_m !== undefined && s.fore_dist_m !== undefined ? s.back_dist_m + s.fore_dist_m : null,
      where: (end) =>
        req.raw
          ? `raw.text: line ${s.line ?? '?'}`
          : `stations[${i}].${end === 'from' ? 'back' : end === 'to' ? 'fore' : s.back_dist_m === undefined ? 'back_dist_m' : 'fore_dist_m'}`,
    }));
  } else {
    legs = req.sections!.map((s, i) => ({
      from: s.from,
      to: s.to,
      n: s.stations,
      dh_m: s.dh_m,
      length_m: s.length_m ?? null,
      where: (end) => `sections[${i}].${end === 'length' ? 'length_m' : end}`,
    }));
  }
  checkChain(req, legs, stationsField);
  if (req.known_points) checkKnown(req, legs, intermediates);

  const nStations = legs.reduce((a, l) => a + l.n, 0);
  const checked = req.end !== undefined;
  const hStart = req.benchmarks[req.start];
  let sumDh = 0;
  for (const l of legs) sumDh += l.dh_m;
  const misclosure = checked ? (sumDh - (req.benchmarks[req.end!] - hStart)) * 1000 : null;
  const tolerance = checked ? req.k_mm * Math.sqrt(nStations) : null;
  const accepted = misclosure === null || !exceeds(Math.abs(misclosure), tolerance!);

  const result: LevelingResult = {
    kind: 'leveling',
    accepted,
    checked,
    n_stations: nStations,
    misclosure_mm: misclosure,
    tolerance_mm: tolerance,
    elevations_m: {},
    route: [legs[0].from, ...legs.map((l) => l.to)],
    flags,
  };
  if (legs.every((l) => l.length_m !== null)) result.length_m = legs.reduce((a, l) => a + l.length_m!, 0);
  if (method !== undefined) result.method = method;
  if (stations) {
    result.station_dh_m = legs.map((l) => l.dh_m);
    result.station_diff_mm = stations.map((s) => (s.back2_m !== undefined && s.fore2_m !== undefined ? (s.back_m - s.fore_m - (s.back2_m - s.fore2_m)) * 1000 : null));
    if (req.station_diff_limit_mm !== undefined) {
      result.station_diff_mm.forEach((d, i) => {
        if (d !== null && exceeds(Math.abs(d), req.station_diff_limit_mm!)) {
          const f: PitFlag = { code: 'station_difference_over_limit', station: i, diff_mm: d, limit_mm: req.station_diff_limit_mm };
          if (stations![i].line !== undefined) f.line = stations![i].line;
          flags.push(f);
        }
      });
    }
  }
  if (!accepted) {
    result.reason = `misclosure ${misclosure!.toFixed(2)} mm exceeds the tolerance ±${tolerance!.toFixed(2)} mm (k = ${req.k_mm} mm, n = ${nStations} stations)`;
    return result;
  }

  const corrections = misclosure === null ? legs.map(() => 0) : distribute(req, legs, misclosure, nStations);
  if (checked) {
    const named: Record<string, number> = {};
    legs.forEach((l, i) => {
      let key = `${l.from}-${l.to}`;
      for (let k = 2; key in named; k++) key = `${l.from}-${l.to}#${k}`;
      named[key] = corrections[i];
    });
    result.section_corrections_mm = named;
  }

  const backH: number[] = [];
  let h = hStart;
  const used = new Set<string>();
  legs.forEach((l, i) => {
    backH.push(h);
    h += l.dh_m + corrections[i] / 1000;
    if (l.to in req.benchmarks) {
      if (l.to !== req.start && l.to !== req.end && !used.has(l.to)) flags.push({ code: 'benchmark_not_used', point: l.to });
      used.add(l.to);
    } else if (!(l.to in result.elevations_m)) result.elevations_m[l.to] = h;
  });
  for (const im of intermediates) {
    if (im.point in req.benchmarks || im.point in result.elevations_m) continue;
    result.elevations_m[im.point] = backH[im.station] + stations![im.station].back_m - im.reading_m;
  }
  return result;
});

const checkChain = (req: LevelingRequest, legs: Leg[], stationsField: string): void => {
  const raw = stationsField === 'raw.text';
  if (legs[0].from !== req.start) {
    throw raw
      ? fieldError('raw.text', `the route starts at '${legs[0].from}' but start is '${req.start}'`, 'route_broken')
      : fieldError(legs[0].where('from'), `expected the start point '${req.start}', got '${legs[0].from}'`, 'route_broken');
  }
  for (let i = 1; i < legs.length; i++) {
    if (legs[i].from !== legs[i - 1].to) {
      const msg = `'${legs[i].from}' does not continue the route from '${legs[i - 1].to}'`;
      throw raw ? fieldError(legs[i].where('from'), `back point ${msg}`, 'route_broken') : fieldError(legs[i].where('from'), msg, 'route_broken');
    }
  }
  const last = legs[legs.length - 1].to;
  if (req.end !== undefined && last !== req.end) {
    throw fieldError(raw ? 'raw.text' : legs[legs.length - 1].where('to'), `the route ends at '${last}' but end is '${req.end}'`, 'route_broken');
  }
};

const checkKnown = (req: LevelingRequest, legs: Leg[], intermediates: LevelIntermediate[]): void => {
  const known = new Set([...req.known_points!, ...Object.keys(req.benchmarks)]);
  for (const l of legs) {
    if (!known.has(l.to)) throw fieldError(l.where('to'), `unknown point '${l.to}' (not a benchmark nor in known_points)`, 'unknown_point');
  }
  for (const im of intermediates) {
    if (!known.has(im.point)) throw fieldError(`raw.text: line ${im.line}`, `unknown point '${im.point}' (not a benchmark nor in known_points)`, 'unknown_point');
  }
};

const distribute = (req: LevelingRequest, legs: Leg[], misclosure: number, nStations: number): number[] => {
  if ((req.distribute ?? 'stations') === 'stations') return legs.map((l) => (-misclosure * l.n) / nStations);
  const missing = legs.findIndex((l) => l.length_m === null);
  if (missing >= 0) {
    const where = legs[missing].where('length');
    throw req.raw
      ? fieldError(where, 'station without distances (WI 32 / HD), needed when distribute is "distance"')
      : fieldError(where, 'required when distribute is "distance"');
  }
  const total = legs.reduce((a, l) => a + l.length_m!, 0);
  if (!(total > 0)) throw fieldError(req.sections ? 'sections' : 'stations', 'total route length is 0; cannot distribute by distance');
  return legs.map((l) => (-misclosure * l.length_m!) / total);
};
