import { identicalEpochs } from './identical-epochs';
import { checksumFlags } from './inclinometer.flags';
import type { PitFlag } from './leveling.types';
import { fieldError } from './pit.errors';
import { inclinometerRequestSchema } from './request.schema';
import { notFuture, numberArray, solverOf, timeField } from './request.validate';
import { MS_PER_DAY } from './time.parse';

export type InclinometerResult = {
  kind: 'inclinometer';
  checksum_mm: number[];
  deviation_mm: number[];
  profile_mm: number[];
  displacement_mm?: number[];
  top?: { depth_m: number; displacement_mm: number };
  max?: { depth_m: number; displacement_mm: number };
  /** Extra: profile change since `previous` (mm) and the interval (days). */
  change_mm?: number[];
  interval_days?: number;
  rate_mm_per_day?: number[];
  flags: PitFlag[];
};

type Survey = { time: string; A0: unknown[]; A180: unknown[] };
type Checked = { t: number; A0: number[]; A180: number[] };

/**
 * Inclinometer (deep horizontal displacement, docs/domain/pit.md §2.3). Per depth: checksum CS = A0 + A180,
 * deviation (A0 − A180)/2, profile Pᵢ = Σ of deviations at depths ≥ dᵢ (summed bottom-up, the
 * bottom being fixed). With `initial` (one survey, or several whose mean profile is used):
 * displacement Dᵢ = Pᵢ(now) − Pᵢ(initial), the top value and the max |D| with its depth.
 * With `previous`: change and rate per depth. Flags: checksum outliers and jumps, mirrored faces,
 * an identical copy of the initial or previous survey.
 *
 * @example
 *   solveInclinometer({ kind: 'inclinometer', interval_m: 0.5, depths_m: [0.5, 1.0],
 *     current: { time: '2024-05-10T09:00', A0: [0.44, 0.40], A180: [-0.16, -0.10] } })
 *   // deviation_mm [0.3, 0.25], profile_mm [0.55, 0.25], checksum_mm [0.28, 0.3]
 */
export const solveInclinometer = solverOf(inclinometerRequestSchema, (req): InclinometerResult => {
  const depths = numberArray(req.depths_m, 'depths_m', 1);
  const n = depths.length;
  const order = bottomUpOrder(depths);
  const nowMs = req.now === undefined ? Infinity : timeField(req.now, 'now');
  const check = (s: Survey, field: string): Checked => {
    const t = timeField(s.time, `${field}.time`);
    notFuture(t, nowMs, `${field}.time`, s.time);
    return { t, A0: numberArray(s.A0, `${field}.A0`, 0, n), A180: numberArray(s.A180, `${field}.A180`, 0, n) };
  };
  const cur = check(req.current, 'current');
  const tol = req.checksum_tolerance_mm ?? 1.0;

  const checksum = new Array<number>(n);
  const deviation = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    checksum[i] = cur.A0[i] + cur.A180[i];
    deviation[i] = (cur.A0[i] - cur.A180[i]) / 2;
  }
  const profile = profileOf(deviation, order);
  const result: InclinometerResult = { kind: 'inclinometer', checksum_mm: checksum, deviation_mm: deviation, profile_mm: profile, flags: [] };

  let initialChecksum: number[] | undefined;
  if (req.initial !== undefined) {
    const list = Array.isArray(req.initial) ? req.initial : [req.initial];
    const inits = list.map((s, k) => check(s, Array.isArray(req.initial) ? `initial[${k}]` : 'initial'));
    const base = new Array<number>(n).fill(0);
    initialChecksum = new Array<number>(n).fill(0);
    for (const s of inits) {
      const dev = new Array<number>(n);
      for (let i = 0; i < n; i++) {
        dev[i] = (s.A0[i] - s.A180[i]) / 2;
        initialChecksum[i] += (s.A0[i] + s.A180[i]) / inits.length;
      }
      const p = profileOf(dev, order);
      for (let i = 0; i < n; i++) base[i] += p[i] / inits.length;
    }
    const disp = new Array<number>(n);
    for (let i = 0; i < n; i++) disp[i] = profile[i] - base[i];
    result.displacement_mm = disp;
    // order runs bottom-up: the last index is the shallowest depth.
    const top = order[n - 1];
    result.top = { depth_m: depths[top], displacement_mm: disp[top] };
    let best = top;
    for (let k = n - 2; k >= 0; k--) {
      const i = order[k];
      if (Math.abs(disp[i]) > Math.abs(disp[best])) best = i;
    }
    result.max = { depth_m: depths[best], displacement_mm: disp[best] };
    for (let k = 0; k < inits.length; k++) {
      if (identicalEpochs(inits[k].A0, cur.A0) && identicalEpochs(inits[k].A180, cur.A180)) result.flags.push({ code: 'identical_to_initial' });
    }
  }
  if (req.previous !== undefined) {
    const prev = check(req.previous, 'previous');
    if (!(cur.t > prev.t)) throw fieldError('current.time', `'${req.current.time}' is not after previous.time '${req.previous.time}'`, 'time_order');
    const dev = new Array<number>(n);
    for (let i = 0; i < n; i++) dev[i] = (prev.A0[i] - prev.A180[i]) / 2;
    const p = profileOf(dev, order);
    const days = (cur.t - prev.t) / MS_PER_DAY;
    const change = new Array<number>(n);
    const rate = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      change[i] = profile[i] - p[i];
      rate[i] = change[i] / days;
    }
    result.change_mm = change;
    result.interval_days = days;
    result.rate_mm_per_day = rate;
    if (identicalEpochs(prev.A0, cur.A0) && identicalEpochs(prev.A180, cur.A180)) result.flags.push({ code: 'identical_to_previous' });
  }
  result.flags.unshift(...checksumFlags(depths, checksum, tol, initialChecksum));
  const gap = irregularGap(depths, order, req.interval_m);
  if (gap !== null) result.flags.push({ code: 'irregular_spacing', depth_m: gap, interval_m: req.interval_m });
  return result;
});

/** Indices of the depths from the deepest to the shallowest; depths must be distinct and ≥ 0. */
const bottomUpOrder = (depths: number[]): Int32Array => {
  const n = depths.length;
  const order = new Int32Array(n);
  let ascending = true;
  let descending = true;
  for (let i = 0; i < n; i++) {
    if (depths[i] < 0) throw fieldError(`depths_m[${i}]`, `must be ≥ 0, got ${depths[i]}`);
    if (i > 0) {
      if (!(depths[i] > depths[i - 1])) ascending = false;
      if (!(depths[i] < depths[i - 1])) descending = false;
    }
  }
  if (ascending) for (let k = 0; k < n; k++) order[k] = n - 1 - k;
  else if (descending) for (let k = 0; k < n; k++) order[k] = k;
  else {
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => depths[b] - depths[a]);
    for (let k = 0; k < n; k++) {
      if (k > 0 && depths[idx[k]] === depths[idx[k - 1]]) throw fieldError(`depths_m[${Math.max(idx[k], idx[k - 1])}]`, `duplicate depth ${depths[idx[k]]}`);
      order[k] = idx[k];
    }
  }
  return order;
};

/** The first depth (from the bottom) whose spacing to the next deeper one is not the probe interval. */
const irregularGap = (depths: number[], order: Int32Array, interval: number): number | null => {
  for (let k = 1; k < order.length; k++) {
    const gap = depths[order[k - 1]] - depths[order[k]];
    if (Math.abs(gap - interval) > 1e-6 * interval) return depths[order[k]];
  }
  return null;
};

/** Pᵢ = Σ deviations at depths ≥ dᵢ, accumulated along `order` (deepest first). */
const profileOf = (deviation: number[], order: Int32Array): number[] => {
  const n = deviation.length;
  const p = new Array<number>(n);
  let acc = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    acc += deviation[i];
    p[i] = acc;
  }
  return p;
};
