import { GridIndex, type GridPolygon } from '../../shared/src/city/grid-index';
import type { BenchContext } from '../lib/context';
import { fmtRatio, median, round } from '../lib/stats';
import type { SummaryRow } from '../lib/types';

export const name = 'city_routing';
export const timeoutMs = 120_000;

/** The budget: the flatbush index at least 50× faster than testing every grid. */
const MIN_SPEEDUP = 50;
const SIDE = 100; // 100 × 100 square grids
const CELL = 0.001; // degrees, about 100 m: a 万米单元网格
const ORIGIN = { lng: 113.6, lat: 22.9 };
const POINTS = 10_000;
const INDEX_RUNS = 9;
const LINEAR_RUNS = 3;

/** Deterministic PRNG (mulberry32): the same points every run. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

function grids(): GridPolygon[] {
  const out: GridPolygon[] = [];
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const lng = ORIGIN.lng + c * CELL;
      const lat = ORIGIN.lat + r * CELL;
      out.push({ id: `g${r}-${c}`, townId: `t${Math.floor(r / 10)}`, areaChiefId: null, polygon: [{ lng, lat }, { lng: lng + CELL, lat }, { lng: lng + CELL, lat: lat + CELL }, { lng, lat: lat + CELL }] });
    }
  }
  return out;
}

const timeLookups = (fn: (lng: number, lat: number) => GridPolygon | null, pts: Float64Array) => {
  const t = performance.now();
  let found = 0;
  for (let i = 0; i < pts.length; i += 2) if (fn(pts[i], pts[i + 1])) found++;
  return { ms: performance.now() - t, found };
};

/**
 * Point → 责任网格 (routing a report): `GridIndex.gridAt` (flatbush bbox index + ray casting on the
 * candidates) against `linearGridAt` (ray casting every grid in order), 10,000 grid squares, 10,000 random
 * points (5 % of them outside every grid), after a warm-up of both. Answers compared point by point.
 */
export async function run(ctx: BenchContext) {
  const items = grids();
  const b0 = performance.now();
  const index = new GridIndex(items);
  const buildMs = performance.now() - b0;
  const next = rng(20250601);
  const span = SIDE * CELL;
  const pts = new Float64Array(POINTS * 2);
  for (let i = 0; i < POINTS; i++) {
    // a 2.5 % margin each side: about 5 % of points fall outside every grid (routing's "no grid" path)
    pts[2 * i] = ORIGIN.lng - span * 0.0125 + next() * span * 1.025;
    pts[2 * i + 1] = ORIGIN.lat - span * 0.0125 + next() * span * 1.025;
  }
  for (let i = 0; i < POINTS * 2; i += 2) {
    const a = index.gridAt(pts[i], pts[i + 1]);
    const b = index.linearGridAt(pts[i], pts[i + 1]);
    if (a?.id !== b?.id) throw new Error(`index and linear scan disagree at (${pts[i]}, ${pts[i + 1]}): ${a?.id} vs ${b?.id}`);
  } // doubles as the warm-up of both
  for (let w = 0; w < 3; w++) timeLookups((x, y) => index.gridAt(x, y), pts);

  const indexRuns: number[] = [];
  const linearRuns: number[] = [];
  let found = 0;
  for (let r = 0; r < Math.max(INDEX_RUNS, LINEAR_RUNS); r++) {
    if (r < INDEX_RUNS) {
      const x = timeLookups((a, b) => index.gridAt(a, b), pts);
      indexRuns.push(x.ms);
      found = x.found;
    }
    if (r < LINEAR_RUNS) linearRuns.push(timeLookups((a, b) => index.linearGridAt(a, b), pts).ms);
  }
  const indexMs = median(indexRuns);
  const linearMs = median(linearRuns);
  const speedup = round(linearMs / indexMs, 1);
  ctx.budget('city_routing_speedup', { unit: 'x', limit: MIN_SPEEDUP, actual: speedup, higherIsBetter: true });
  return {
    method: {
      grids: `${SIDE}×${SIDE} squares of ${CELL}° from (${ORIGIN.lng}, ${ORIGIN.lat})`,
      points: `${POINTS} uniform random (fixed seed), 2.5 % margin round the grid area`,
      warmup: 'every point through both lookups once (answers compared), then 3 index passes',
      runs: `index ${INDEX_RUNS} passes, linear ${LINEAR_RUNS} passes over all points, interleaved; medians`,
      budget: `linear / index ≥ ${MIN_SPEEDUP}×`,
    },
    grids: items.length,
    points: POINTS,
    points_in_a_grid: found,
    index_build_ms: round(buildMs, 1),
    index_ms_per_10k: round(indexMs, 2),
    index_us_per_lookup: round((indexMs * 1000) / POINTS, 3),
    linear_ms_per_10k: round(linearMs, 1),
    linear_us_per_lookup: round((linearMs * 1000) / POINTS, 2),
    index_runs_ms: indexRuns.map((x) => round(x, 2)),
    linear_runs_ms: linearRuns.map((x) => round(x, 1)),
    speedup,
  };
}

export function summary(r: any): SummaryRow[] {
  return [{ metric: 'gridAt, 10k grids (µs/lookup)', value: `${r.index_us_per_lookup} µs`, baseline: `${r.linear_us_per_lookup} µs`, ratio: fmtRatio(r.speedup) }];
}
