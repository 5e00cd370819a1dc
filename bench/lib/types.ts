import type { BenchContext } from './context';

/** One row of the human summary printed after the run. */
export type SummaryRow = { metric: string; value: string; baseline?: string; ratio?: string };

/**
 * A benchmark section: a file `bench/sections/NN-name.ts` exporting these. `run.ts` loads every file
 * in that folder in file-name order (the NN prefix), so a new benchmark is one new file.
 *
 * - `name`: the key of the section in `bench/results.json` (snake_case).
 * - `run(ctx)`: measures and returns a JSON-able object. Units go in key names (`p99_ms`, `bytes`).
 *   Figures that depend on the machine come with a baseline measured in the same run and a ratio.
 * - `summary(result)`: optional rows for the table printed to stdout.
 * - `timeoutMs`: optional bound for the whole section (default 90 s); the run records an error if exceeded.
 */
export type Section = {
  name: string;
  run: (ctx: BenchContext) => Promise<Record<string, unknown>>;
  summary?: (result: any) => SummaryRow[];
  timeoutMs?: number;
};
