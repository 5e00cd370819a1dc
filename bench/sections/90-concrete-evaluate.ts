import { evaluateBatch } from '../../shared/src/concrete/evaluate-batch';
import { evaluateBatches } from '../../shared/src/concrete/evaluate-batches';
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
 * Inspection-batch evaluation over 300,000 group values, in batches of 3 (non-statistical), 12 and 30 (statistical),
 * against JSON.parse of the same input text: the bulk path `evaluateBatches` (number arithmetic, proven equal to the
 * contract by evaluate-batches.test.ts; the budgets apply to it) and the exact contract `evaluateBatch` of
 * docs/domain/concrete.md §4 one request at a time (zod + bigints; reported). Deterministic strengths
 * 30.0–39.9 MPa. Medians of 5 runs after a warm-up, the three timed steps alternating in each run; both paths'
 * answers compared on every run.
 */
export async function run(ctx: BenchContext) {
  const out: Record<string, unknown> = {};
  for (const per of [3, 12, 30]) {
    const batches = Array.from({ length: Math.floor(GROUPS / per) }, (_, b) => ({ grade: 'C30', groupStrengthsMPa: Array.from({ length: per }, (_, i) => 30 + (((b * per + i) * 7919) % 100) / 10) }));
    const text = JSON.stringify(batches);
    const parseRuns: number[] = [];
    const evalRuns: number[] = [];
    const contractRuns: number[] = [];
    let failed = 0;
    const warm = JSON.parse(text).slice(0, 5000);
    for (const r of warm) evaluateBatch(r);
    evaluateBatches(warm);
    for (let k = 0; k < RUNS; k++) {
      let t = performance.now();
      const parsed = JSON.parse(text) as unknown[];
      parseRuns.push(performance.now() - t);
      t = performance.now();
      const fast = evaluateBatches(parsed);
      evalRuns.push(performance.now() - t);
      t = performance.now();
      const exact = parsed.map((r) => evaluateBatch(r));
      contractRuns.push(performance.now() - t);
      failed = 0;
      for (let i = 0; i < exact.length; i++) {
        if (!(exact[i] as { passed?: boolean }).passed) failed++;
        if (k === 0 && JSON.stringify(fast[i]) !== JSON.stringify(exact[i])) throw new Error(`bulk and contract evaluation differ on batch ${i}: ${JSON.stringify(fast[i])} vs ${JSON.stringify(exact[i])}`);
      }
    }
    const evalMs = median(evalRuns);
    const contractMs = median(contractRuns);
    const parseMs = median(parseRuns);
    const groups = batches.length * per;
    const groupsPerS = Math.round(groups / (evalMs / 1000));
    out[`per_${per}`] = {
      batches: batches.length, groups, failed_batches: failed, evaluate_ms: round(evalMs, 1), json_parse_ms: round(parseMs, 1), groups_per_s: groupsPerS, ratio_to_json_parse: ratio(evalMs, parseMs),
      contract_evaluate_ms: round(contractMs, 1), contract_groups_per_s: Math.round(groups / (contractMs / 1000)), contract_ratio_to_json_parse: ratio(contractMs, parseMs),
    };
  }
  const rows = Object.values(out) as { groups_per_s: number; ratio_to_json_parse: number | null }[];
  const worst = Math.min(...rows.map((r) => r.groups_per_s));
  const worstRatio = Math.max(...rows.map((r) => r.ratio_to_json_parse ?? Infinity));
  const met = ctx.budget('concrete_evaluate_groups_per_s', { unit: 'groups_per_s', limit: TARGET_GROUPS_PER_S, actual: worst, higherIsBetter: true });
  const parseMet = ctx.budget('concrete_evaluate_vs_json_parse', { unit: 'ratio', limit: 1, actual: worstRatio });
  return { ...out, path: 'evaluateBatches (bulk; contract_* = evaluateBatch one by one)', target_groups_per_s: TARGET_GROUPS_PER_S, worst_groups_per_s: worst, worst_ratio_to_json_parse: worstRatio, meets_target: met && parseMet };
}

export function summary(r: Awaited<ReturnType<typeof run>>): SummaryRow[] {
  return [3, 12, 30].map((per) => {
    const x = (r as Record<string, any>)[`per_${per}`];
    return { metric: `groups/s, batches of ${per} (contract ${x.contract_groups_per_s}/s)`, value: String(x.groups_per_s), baseline: `JSON.parse ${x.json_parse_ms} ms`, ratio: fmtRatio(x.ratio_to_json_parse) };
  });
}
