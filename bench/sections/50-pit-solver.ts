import path from 'node:path';
import { benchDir, repoRoot, type BenchContext } from '../lib/context';
import { spawnNode } from '../lib/child';
import { fmtMs, fmtRatio, round } from '../lib/stats';
import type { SummaryRow } from '../lib/types';

export const name = 'pit_solver';
export const timeoutMs = 240_000;

/** The budgets: at least a million scalar readings per second, and solving no slower than JSON.parse of the same request. */
const MIN_READINGS_PER_S = 1_000_000;
const MAX_SOLVE_OVER_PARSE = 1;
const READINGS = 1_000_000;
const RUNS = 7; // per case, after the warm-up runs; medians reported
const CHILD = path.join(benchDir, 'children', 'pit-solver.ts');
const CASES = ['judge_values', 'judge_rates', 'series', 'inclinometer'] as const;

type CaseReport = {
  key: string; what: string; readings: number; request_bytes: number; result_json_bytes: number; runs: number; warmup: number; warmup_solve_cpu_ms: number[]; gc_between: boolean;
  wall_ms: { parse: number[]; solve: number[]; floor: number[] }; cpu_ms: { parse: number[]; solve: number[]; floor: number[] };
  parse_wall_median_ms: number; solve_wall_median_ms: number; parse_cpu_median_ms: number; solve_cpu_median_ms: number;
  wall_ratio_of_medians: number; wall_ratio_median_per_run: number; cpu_ratio_of_medians: number; cpu_ratio_median_per_run: number;
  page_faults_median: { parse: number; solve: number };
  floor_cpu_median_ms?: number; floor_wall_median_ms?: number; floor_cpu_ratio_to_parse?: number;
  cold: { parse_wall_ms: number; solve_wall_ms: number; parse_cpu_ms: number; solve_cpu_ms: number };
};

/**
 * `solve()` (the `cityloop pit solve` contract, docs/domain/pit.md §6) on requests of about a million scalar readings, beside
 * JSON.parse of the same request text: the CLI's own first step, on the same bytes, measured in the same
 * process moments apart. One child process with `--expose-gc` (a full GC before each timed step) runs the
 * cases one after another; each case alternates parse and solve, run by run.
 */
export async function run(ctx: BenchContext) {
  const child = spawnNode({ label: 'pit solver', args: ['--expose-gc', '--import', 'tsx', CHILD, String(READINGS), String(RUNS)], cwd: repoRoot });
  ctx.onCleanup(() => child.stop(2000));
  const reports: CaseReport[] = [];
  // One `CASE_<key> {json}` line per case, in this order, then `DONE {}`.
  for (const key of CASES) reports.push((await child.waitFor<CaseReport>(`CASE_${key}`, timeoutMs - 10_000)).value);
  await child.waitFor('DONE', 10_000);
  await child.stop(2000);

  const out: Record<string, unknown> = {
    method: {
      readings_per_request: READINGS,
      runs: RUNS,
      warmup_runs: 'per case: at least 3, then until the last three solve times agree within 20 % (and with the fastest so far), at most 16; see warmup_runs of each case',
      timing: 'per run: gc(); t = JSON.parse(text); gc(); solve(t). Each step timed as CPU time of the process (process.cpuUsage, user + system: page faults included) and as wall time; medians over the runs. The machine is shared (2 cores, other work running), so the budget uses CPU time, which waiting for a core does not inflate; wall figures are reported beside it.',
      readings: 'judge: one value or rate each; series: one value per epoch (+4 initial readings); inclinometer: A0 and A180 of initial, previous and current surveys (6 per depth)',
      budget: `readings / median solve CPU time ≥ ${MIN_READINGS_PER_S}/s; median solve CPU / median JSON.parse CPU ≤ ${MAX_SOLVE_OVER_PARSE}`,
      objects_on_output: 'judge only: the solver returns its results as typed-array columns; building the §6 objects from them ({value, ratio, level} per value, six fields per rate; what JSON.stringify does when the CLI prints) is timed separately, same GC and timing. Not part of solving: the pipeline never builds them, the CLI only to print.',
      cold: 'the first run of the case in the process, before warm-up (what a one-shot `cityloop pit solve` sees)',
    },
  };
  for (const r of reports) {
    const readingsPerS = Math.round(r.readings / (r.solve_cpu_median_ms / 1000));
    const ratioCpu = round(r.cpu_ratio_of_medians, 3);
    const throughputOk = ctx.budget(`pit_solver_${r.key}_readings_per_s`, { unit: 'readings_per_s', limit: MIN_READINGS_PER_S, actual: readingsPerS, higherIsBetter: true });
    const ratioOk = ctx.budget(`pit_solver_${r.key}_solve_over_parse`, { unit: 'ratio', limit: MAX_SOLVE_OVER_PARSE, actual: ratioCpu });
    out[r.key] = {
      what: r.what,
      readings: r.readings,
      warmup_runs: r.warmup,
      warmup_solve_cpu_ms: r.warmup_solve_cpu_ms.map((x) => round(x, 1)),
      request_mb: round(r.request_bytes / 2 ** 20, 2),
      result_json_mb: round(r.result_json_bytes / 2 ** 20, 2),
      solve_cpu_median_ms: round(r.solve_cpu_median_ms, 2),
      baseline_json_parse_cpu_median_ms: round(r.parse_cpu_median_ms, 2),
      solve_over_parse_ratio: ratioCpu,
      solve_over_parse_ratio_median_per_run: round(r.cpu_ratio_median_per_run, 3),
      readings_per_s: readingsPerS,
      parse_plus_solve_readings_per_s: Math.round(r.readings / ((r.solve_cpu_median_ms + r.parse_cpu_median_ms) / 1000)),
      wall: {
        solve_median_ms: round(r.solve_wall_median_ms, 2),
        parse_median_ms: round(r.parse_wall_median_ms, 2),
        ratio_of_medians: round(r.wall_ratio_of_medians, 3),
        ratio_median_per_run: round(r.wall_ratio_median_per_run, 3),
        readings_per_s: Math.round(r.readings / (r.solve_wall_median_ms / 1000)),
      },
      page_faults_median: r.page_faults_median,
      ...(r.floor_cpu_median_ms !== undefined
        ? { objects_on_output: { cpu_median_ms: round(r.floor_cpu_median_ms, 2), ratio_to_parse: round(r.floor_cpu_ratio_to_parse!, 3), solve_plus_objects_over_parse: round((r.solve_cpu_median_ms + r.floor_cpu_median_ms) / r.parse_cpu_median_ms, 3) } }
        : {}),
      cold_first_run: { ...Object.fromEntries(Object.entries(r.cold).map(([k, v]) => [k, round(v, 2)])), cpu_ratio: round(r.cold.solve_cpu_ms / r.cold.parse_cpu_ms, 3) },
      cpu_ms_runs: { solve: r.cpu_ms.solve.map((x) => round(x, 1)), parse: r.cpu_ms.parse.map((x) => round(x, 1)) },
      within_budget: throughputOk && ratioOk,
    };
  }
  return out;
}

export function summary(r: any): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const key of CASES) {
    const c = r[key];
    if (!c) continue;
    rows.push({ metric: `${key} solve CPU (1e6 readings)`, value: fmtMs(c.solve_cpu_median_ms), baseline: `${fmtMs(c.baseline_json_parse_cpu_median_ms)} parse`, ratio: fmtRatio(c.solve_over_parse_ratio) });
    if (c.objects_on_output) rows.push({ metric: `${key} §6 objects built for output`, value: fmtMs(c.objects_on_output.cpu_median_ms), baseline: `${fmtMs(c.baseline_json_parse_cpu_median_ms)} parse`, ratio: fmtRatio(c.objects_on_output.ratio_to_parse) });
    rows.push({ metric: `${key} readings/s`, value: `${(c.readings_per_s / 1e6).toFixed(2)} M/s`, baseline: 'budget 1 M/s' });
  }
  return rows;
}
