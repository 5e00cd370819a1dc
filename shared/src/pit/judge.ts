import { exceedBound, reachBound } from './float-compare';
import { LEVEL_RANK, LEVELS_BY_RANK, levelJudge, worseLevel, type Level } from './levels';
import { fieldError } from './pit.errors';
import { judgeRequestSchema, type JudgeRequest } from './request.schema';
import { parseWith, typeName } from './request.validate';
import { JudgedRates, JudgedValues } from './judged-columns';

export type { JudgedRate, JudgedValue } from './judged-columns';
export type JudgeResult = {
  kind: 'judge';
  /** only when `values` were judged (§6): a rates-only request needs no cumulative control */
  control_value?: number;
  /** Extra, with `control_value`: which control applied ('absolute', 'percent_H' or 'control_value'). */
  control_basis?: 'control_value' | 'absolute' | 'percent_H';
  rate_control?: number;
  /** §6 `values` as columns, only when values were judged; `JSON.stringify` writes the contract's objects */
  values?: JudgedValues;
  /** §6 `rates` as columns; `JSON.stringify` writes the contract's objects */
  rates: JudgedRates;
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
 * Three-level judgement (docs/domain/pit.md §1.6): ratio = |value| / control, levels inclusive (≥) and robust
 * to binary floats; rates are judged against `rate_control`, and the consecutive rule counts
 * epochs strictly above `fraction` of it: after `n` in a row the final level is red (or
 * `consecutive.level`). A request may judge rates alone: the cumulative control (`control_value` or
 * `control`) is required only with `values`, and `control_value`/`values` are answered only then.
 *
 * Hot loops (a request may carry a million readings): results go into typed-array columns
 * (`JudgedValues`, `JudgedRates`), nothing is allocated per element — building the §6 objects alone cost
 * about as much as JSON.parse of the request, so they are built only for output; the level is a rank
 * summed from three comparisons (no branches to mispredict on noisy data; valid because levelJudge has
 * checked yellow ≤ orange ≤ red); no calls, closures or `Math.abs` inside the loops.
 *
 * @example
 *   solveJudge({ kind: 'judge', levels: { yellow: 0.7, orange: 0.85, red: 1 }, control_value: 3.0, values: [2.1, -2.6, 3] })
 *   // values levels: yellow, orange, red
 */
export const solveJudge = (input: unknown): JudgeResult => {
  const req = parseWith(judgeRequestSchema, input);
  if (req.values === undefined && req.rates === undefined) throw fieldError('values', 'give values, rates or both');
  const control = req.values !== undefined ? controlValue(req) : null;
  const levelOf = levelJudge(req.levels); // also checks yellow ≤ orange ≤ red, which the rank sums rely on
  const ty = reachBound(req.levels.yellow);
  const to = reachBound(req.levels.orange);
  const tr = reachBound(req.levels.red);
  const names = LEVELS_BY_RANK;
  let worst: Level = 'normal';

  let values: JudgedValues | undefined;
  if (req.values !== undefined && control) {
    const src = req.values;
    const n = src.length;
    const value = new Float64Array(n);
    const ratios = new Float64Array(n);
    const ranks = new Uint8Array(n);
    const c = control.value;
    let maxRank = 0; // the worst level is the level of the largest ratio: track its rank, an integer
    for (let i = 0; i < n; i++) {
      const v = src[i];
      if (typeof v !== 'number' || v - v !== 0) throw badNumber('values', i, v);
      const ratio = (v < 0 ? -v : v) / c;
      const rank = +(ratio >= ty) + +(ratio >= to) + +(ratio >= tr);
      maxRank = rank > maxRank ? rank : maxRank;
      value[i] = v;
      ratios[i] = ratio;
      ranks[i] = rank;
    }
    values = new JudgedValues(value, ratios, ranks);
    worst = names[maxRank];
  }

  let rates = JudgedRates.empty();
  if (req.rates !== undefined) {
    if (req.rate_control === undefined) throw fieldError('rate_control', 'required when rates are given');
    const src = req.rates;
    const n = src.length;
    const rate = new Float64Array(n);
    const ratios = new Float64Array(n);
    const ranks = new Uint8Array(n);
    const counts = new Uint32Array(n);
    const finalRanks = new Uint8Array(n);
    const c = req.rate_control;
    const cons = req.consecutive;
    const consBound = cons ? exceedBound(cons.fraction) : Infinity;
    const consN = cons ? cons.n : Infinity;
    const consLevel: Level = cons?.level ?? 'red';
    const consRank = LEVEL_RANK[consLevel];
    let count = 0;
    let maxRatio = 0;
    let anyTriggered = false;
    for (let i = 0; i < n; i++) {
      const v = src[i];
      if (typeof v !== 'number' || v - v !== 0) throw badNumber('rates', i, v);
      const ratio = (v < 0 ? -v : v) / c;
      maxRatio = ratio > maxRatio ? ratio : maxRatio;
      const rank = +(ratio >= ty) + +(ratio >= to) + +(ratio >= tr);
      // strictly above the fraction: one more in the row; otherwise the row is broken
      count = (count + 1) * +(ratio > consBound);
      const triggered = count >= consN;
      if (triggered) anyTriggered = true;
      // when the rule fires, the final level is the worse of the level and the rule's level
      rate[i] = v;
      ratios[i] = ratio;
      ranks[i] = rank;
      counts[i] = count;
      finalRanks[i] = triggered && rank < consRank ? consRank : rank;
    }
    rates = new JudgedRates(rate, ratios, ranks, counts, finalRanks, consN);
    worst = worseLevel(worst, levelOf(maxRatio));
    if (anyTriggered) worst = worseLevel(worst, consLevel);
  } else if (req.rate_control !== undefined && req.values === undefined) {
    throw fieldError('rates', 'required when rate_control is given (or give values)');
  }

  const result: JudgeResult = control && values ? { kind: 'judge', control_value: control.value, control_basis: control.basis, values, rates, worst_level: worst } : { kind: 'judge', rates, worst_level: worst };
  if (req.rate_control !== undefined) result.rate_control = req.rate_control;
  return result;
};
