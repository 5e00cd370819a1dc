import { exceedBound, reachBound } from './float-compare';
import { levelJudge, worseLevel, type Level } from './levels';
import { fieldError } from './pit.errors';
import { judgeRequestSchema, type JudgeRequest } from './request.schema';
import { parseWith, typeName } from './request.validate';

export type JudgedValue = { value: number; ratio: number; level: Level };
export type JudgedRate = {
  rate: number;
  ratio: number;
  level: Level;
  consecutive_count: number;
  consecutive_triggered: boolean;
  final_level: Level;
};
export type JudgeResult = {
  kind: 'judge';
  control_value: number;
  /** Extra: which control applied ('absolute', 'percent_H' or 'control_value'). */
  control_basis: 'control_value' | 'absolute' | 'percent_H';
  rate_control?: number;
  values: JudgedValue[];
  rates: JudgedRate[];
  /** Extra: the worst level over all values and rates (final levels). */
  worst_level: Level;
};

/**
 * The control value in mm: `control_value`, or the smaller of `control.absolute` and
 * `control.percent_H` % of `control.H_m` (GB 50497 table note 1).
 *
 * @example
 *   controlValue({ control: { absolute: 30, percent_H: 0.25, H_m: 10 } }) // { value: 25, basis: 'percent_H' }
 */
export const controlValue = (req: Pick<JudgeRequest, 'control_value' | 'control'>): { value: number; basis: JudgeResult['control_basis'] } => {
  if (req.control_value !== undefined && req.control !== undefined) throw fieldError('control', 'give either control_value or control, not both');
  if (req.control_value !== undefined) return { value: req.control_value, basis: 'control_value' };
  const c = req.control;
  if (!c) throw fieldError('control_value', 'required (or control)');
  if (c.percent_H !== undefined && c.H_m === undefined) throw fieldError('control.H_m', 'required when percent_H is given');
  if (c.H_m !== undefined && c.percent_H === undefined && c.absolute === undefined) throw fieldError('control.percent_H', 'required when H_m is given');
  if (c.absolute === undefined && c.percent_H === undefined) throw fieldError('control.absolute', 'required (or percent_H with H_m)');
  // percent of H in m, to mm: p / 100 · H · 1000 = p · H · 10, one rounding fewer.
  const pct = c.percent_H !== undefined ? c.percent_H * c.H_m! * 10 : Infinity;
  const abs = c.absolute ?? Infinity;
  return pct < abs ? { value: pct, basis: 'percent_H' } : { value: abs, basis: 'absolute' };
};

const badNumber = (field: string, i: number, v: unknown) =>
  fieldError(`${field}[${i}]`, `expected number, received ${typeof v === 'number' ? String(v) : typeName(v)}`);

/**
 * Three-level judgement (pit.md §1.6): ratio = |value| / control, levels inclusive (≥) and robust
 * to binary floats; rates are judged against `rate_control`, and the consecutive rule counts
 * epochs strictly above `fraction` of it: after `n` in a row the final level is red (or
 * `consecutive.level`). Allocation per element is only the result object.
 *
 * @example
 *   solveJudge({ kind: 'judge', levels: { yellow: 0.7, orange: 0.85, red: 1 }, control_value: 3.0, values: [2.1, -2.6, 3] })
 *   // values levels: yellow, orange, red
 */
export const solveJudge = (input: unknown): JudgeResult => {
  const req = parseWith(judgeRequestSchema, input);
  const control = controlValue(req);
  const levelOf = levelJudge(req.levels);
  const ty = reachBound(req.levels.yellow);
  const to = reachBound(req.levels.orange);
  const tr = reachBound(req.levels.red);
  let worst: Level = 'normal';

  const values: JudgedValue[] = [];
  if (req.values !== undefined) {
    const src = req.values;
    const n = src.length;
    values.length = n;
    const c = control.value;
    let maxRatio = 0;
    for (let i = 0; i < n; i++) {
      const v = src[i];
      if (typeof v !== 'number' || v - v !== 0) throw badNumber('values', i, v);
      const ratio = (v < 0 ? -v : v) / c;
      if (ratio > maxRatio) maxRatio = ratio;
      values[i] = { value: v, ratio, level: ratio >= tr ? 'red' : ratio >= to ? 'orange' : ratio >= ty ? 'yellow' : 'normal' };
    }
    worst = levelOf(maxRatio);
  }

  const rates: JudgedRate[] = [];
  if (req.rates !== undefined) {
    if (req.rate_control === undefined) throw fieldError('rate_control', 'required when rates are given');
    const src = req.rates;
    const n = src.length;
    rates.length = n;
    const c = req.rate_control;
    const cons = req.consecutive;
    const consBound = cons ? exceedBound(cons.fraction) : Infinity;
    const consN = cons ? cons.n : Infinity;
    const consLevel: Level = cons?.level ?? 'red';
    let count = 0;
    let maxRatio = 0;
    let anyTriggered = false;
    for (let i = 0; i < n; i++) {
      const v = src[i];
      if (typeof v !== 'number' || v - v !== 0) throw badNumber('rates', i, v);
      const ratio = (v < 0 ? -v : v) / c;
      if (ratio > maxRatio) maxRatio = ratio;
      const level: Level = ratio >= tr ? 'red' : ratio >= to ? 'orange' : ratio >= ty ? 'yellow' : 'normal';
      count = ratio > consBound ? count + 1 : 0;
      const triggered = count >= consN;
      let final = level;
      if (triggered) {
        anyTriggered = true;
        final = worseLevel(level, consLevel);
      }
      rates[i] = { rate: v, ratio, level, consecutive_count: count, consecutive_triggered: triggered, final_level: final };
    }
    worst = worseLevel(worst, levelOf(maxRatio));
    if (anyTriggered) worst = worseLevel(worst, consLevel);
  } else if (req.rate_control !== undefined && req.values === undefined) {
    throw fieldError('rates', 'required when rate_control is given (or give values)');
  }
  if (req.values === undefined && req.rates === undefined) throw fieldError('values', 'give values, rates or both');

  const result: JudgeResult = { kind: 'judge', control_value: control.value, control_basis: control.basis, values, rates, worst_level: worst };
  if (req.rate_control !== undefined) result.rate_control = req.rate_control;
  return result;
};
