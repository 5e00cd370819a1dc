import { fieldError } from './pit.errors';
import { seriesRequestSchema } from './request.schema';
import { arrayOf, notFuture, numberArray, solverOf, timeField, typeName } from './request.validate';
import { MS_PER_DAY, parseTimeMs } from './time.parse';

/** One epoch of a time series; change, interval and rate are null for the first epoch. */
export type SeriesEpoch = {
  time: string;
  cumulative_mm: number;
  change_mm: number | null;
  interval_days: number | null;
  rate_mm_per_day: number | null;
};

export type SeriesResult = { kind: 'series'; unit: 'm' | 'mm'; initial: number; epochs: SeriesEpoch[] };

/**
 * Turns a time series of readings into cumulative values against the mean of the initial
 * readings, single changes and rates (docs/domain/pit.md §2: settlement S = (H − H_init)·1000 mm,
 * rate = change / Δt in fractional days). `initial` in the result is that mean, in the request's unit.
 * Times must strictly increase; with `now`, none may lie after it.
 *
 * @example
 *   solveSeries({ kind: 'series', unit: 'm', initial: [10.0, 10.0002],
 *     epochs: [{ time: '2024-05-01T08:00', value: 9.9991 }, { time: '2024-05-02T08:00', value: 9.9981 }] })
 *   // epochs[1]: cumulative_mm ≈ −2.0, change_mm ≈ −1.0, interval_days 1, rate_mm_per_day ≈ −1.0
 */
export const solveSeries = solverOf(seriesRequestSchema, (req): SeriesResult => {
  const initial = numberArray(req.initial, 'initial', 1);
  const epochs = arrayOf(req.epochs, 'epochs');
  const nowMs = req.now === undefined ? Infinity : timeField(req.now, 'now');
  let sum = 0;
  for (let i = 0; i < initial.length; i++) sum += initial[i];
  const ref = sum / initial.length;
  return { kind: 'series', unit: req.unit, initial: ref, epochs: seriesEpochs(epochs, 'epochs', 'value', ref, req.unit === 'm' ? 1000 : 1, nowMs) };
});

/**
 * The hot loop shared by `series` and `water_level`: validates each `{time, <valueKey>}` element
 * and computes cumulative/change/rate against `ref`, values scaled to mm by `scale`.
 * `transform` maps a raw value to the series value (water level: pipe top − depth).
 */
export const seriesEpochs = (
  epochs: unknown[],
  field: string,
  valueKey: string,
  ref: number,
  scale: number,
  nowMs: number,
  transform?: (raw: number, element: Record<string, unknown>, i: number) => number,
): SeriesEpoch[] => {
  const n = epochs.length;
  const out: SeriesEpoch[] = new Array(n);
  let prevT = 0;
  let prevV = 0;
  for (let i = 0; i < n; i++) {
    const e = epochs[i] as Record<string, unknown>;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw fieldError(`${field}[${i}]`, `expected object, received ${typeName(e)}`);
    const time = e.time;
    const raw = e[valueKey];
    if (typeof raw !== 'number' || raw - raw !== 0) {
      throw fieldError(`${field}[${i}].${valueKey}`, raw === undefined ? 'required (expected number)' : `expected number, received ${typeName(raw)}`);
    }
    const t = typeof time === 'string' ? parseTimeMs(time) : NaN;
    if (t !== t) timeField(time, `${field}[${i}].time`);
    if (t > nowMs) notFuture(t, nowMs, `${field}[${i}].time`, time as string);
    const v = transform ? transform(raw, e, i) : raw;
    const cumulative = (v - ref) * scale;
    if (i === 0) {
      out[i] = { time: time as string, cumulative_mm: cumulative, change_mm: null, interval_days: null, rate_mm_per_day: null };
    } else {
      if (!(t > prevT)) throw fieldError(`${field}[${i}].time`, `'${time as string}' is not after ${field}[${i - 1}].time`, 'time_order');
      const dt = (t - prevT) / MS_PER_DAY;
      const change = (v - prevV) * scale;
      out[i] = { time: time as string, cumulative_mm: cumulative, change_mm: change, interval_days: dt, rate_mm_per_day: change / dt };
    }
    prevT = t;
    prevV = v;
  }
  return out;
};
