import { fieldError } from './pit.errors';
import { waterLevelRequestSchema } from './request.schema';
import { arrayOf, solverOf, timeField, typeName } from './request.validate';
import { seriesEpochs, type SeriesEpoch } from './series.solve';

export type WaterLevelResult = { kind: 'water_level'; initial: number; elevations_m: number[]; epochs: SeriesEpoch[] };

/**
 * Groundwater level (docs/domain/pit.md §2.5): elevation = pipe-top elevation − depth to water; change against
 * the first reading (the initial) in mm, change and rate against the previous reading. The first
 * reading is epoch 0 with cumulative 0 and null change/rate. A reading may carry its own
 * `pipe_top_m` (extra) when the pipe top was re-surveyed.
 *
 * @example
 *   solveWaterLevel({ kind: 'water_level', pipe_top_m: 12.5,
 *     readings: [{ time: '2024-05-01T08:00', depth_m: 3.2 }, { time: '2024-05-02T08:00', depth_m: 3.5 }] })
 *   // elevations_m [9.3, 9.0], epochs[1].cumulative_mm ≈ −300, rate_mm_per_day ≈ −300
 */
export const solveWaterLevel = solverOf(waterLevelRequestSchema, (req): WaterLevelResult => {
  const readings = arrayOf(req.readings, 'readings', 1);
  const nowMs = req.now === undefined ? Infinity : timeField(req.now, 'now');
  const n = readings.length;
  const elevations: number[] = new Array(n);
  const top = req.pipe_top_m;
  const toElevation = (depth: number, e: Record<string, unknown>, i: number): number => {
    let pipe = top;
    const own = e.pipe_top_m;
    if (own !== undefined) {
      if (typeof own !== 'number' || own - own !== 0) throw fieldError(`readings[${i}].pipe_top_m`, `expected number, received ${typeName(own)}`);
      pipe = own;
    }
    const wl = pipe - depth;
    elevations[i] = wl;
    return wl;
  };
  const first = readings[0] as Record<string, unknown>;
  const firstDepth = typeof first === 'object' && first !== null ? first.depth_m : undefined;
  // Validate and compute the reference from the first reading; seriesEpochs re-checks it too.
  const ref = typeof firstDepth === 'number' && firstDepth - firstDepth === 0 ? toElevation(firstDepth, first, 0) : NaN;
  const epochs = seriesEpochs(readings, 'readings', 'depth_m', ref, 1000, nowMs, toElevation);
  return { kind: 'water_level', initial: ref, elevations_m: elevations, epochs };
});
