import { evaluateBatch } from '../../shared/src/concrete/evaluate-batch';
import type { BenchContext } from '../lib/context';
import { fmtRatio, median, ratio, round } from '../lib/stats';
import type { SummaryRow } from '../lib/types';

export const name = 'concrete_evaluate';
export const timeoutMs = 180_000;

/** The target: at least 1 M groups a second, and no slower than JSON.parse of the same input. */
const TARGET_GROUPS_PER_S = 1_000_000;
const GROUPS = 300_000;
const RUNS = 5;

/**
 * Inspection-batch evaluation (`evaluateBatch`, the exact contract of docs/domain/concrete.md §4) over 300,000
 * group values, in batches of 3 (non-statistical), 12 and 30 (statistical), against JSON.parse of the same input
 * text. Deterministic strengths 30.0–39.9 MPa. Median of 5 runs after a warm-up.
 */
export async function run(ctx: BenchContext) {
  const out: Record<string, unknown> = {};
  for (const per of [3, 12, 30]) {
    const batches = Array.from({ length: Math.floor(GROUPS / per) }, (_, b) => ({ grade: 'C30', groupStrengthsMPa: Array.from({ length: per }, (_, i) => 30 + (((b * per + i) * 7919) % 100) / 10) }));
    const text = JSON.stringify(batches);
    const parseRuns: number[] = [];
    const evalRuns: number[] = [];
    let failed = 0;
    for (let w = 0; w < 1; w++) for (const r of JSON.parse(text).slice(0, 5000)) evaluateBatch(r);
    for (let k = 0; k < RUNS; k++) {
      let t = performance.now();
      const parsed = JSON.parse(text) as unknown[];
      parseRuns.push(performance.now() - t);
      t = performance.now();
      failed = 0;
      for (const r of parsed) if (!(evaluateBatch(r) as { passed?: boolean }).passed) failed++;
      evalRuns.push(performance.now() - t);
    }
    const evalMs = median(evalRuns);
    const parseMs = median(parseRuns);
    const groupsPerS = Math.round((batches.length * per) / (evalMs / 1000));
    out[`per_${per}`] = { batches: batches.length, groups: batches.length * per, failed_batches: failed, evaluate_ms: round(evalMs, 1), json_parse_ms: round(parseMs, 1), groups_per_s: groupsPerS, ratio_to_json_parse: ratio(evalMs, parseMs) };
  }
  const worst = Math.min(...Object.values(out).map((r) => (r as { groups_per_s: number }).groups_per_s));
  const met = worst >= TARGET_GROUPS_PER_S;
  if (!met) ctx.warn(`concrete_evaluate: ${worst} groups/s is below the issue's target of ${TARGET_GROUPS_PER_S} (the exact bigint contract parses each request with zod)`);
  return { ...out, target_groups_per_s: TARGET_GROUPS_PER_S, worst_groups_per_s: worst, meets_target: met };
}

export function summary(r: Awaited<ReturnType<typeof run>>): SummaryRow[] {
  return [3, 12, 30].map((per) => {
    const x = (r as Record<string, any>)[`per_${per}`];
    return { metric: `groups/s, batches of ${per}`, value: String(x.groups_per_s), baseline: `JSON.parse ${x.json_parse_ms} ms`, ratio: fmtRatio(x.ratio_to_json_parse) };
  });
}
