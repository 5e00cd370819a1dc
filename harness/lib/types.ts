import type { HarnessContext } from './context';

/** One row of the summary printed after the run. */
export type SummaryRow = { metric: string; value: string; expect?: string; ok?: boolean };

/**
 * A harness section: `harness/sections/NN-name.ts` exporting these (loaded in file-name order).
 * `run(ctx)` returns a JSON-able object written under its name in harness/results.json; `failures(result)`
 * lists what breaks the acceptance bar (a wrong success, a crash, a breach, a lost write) — any makes the run exit 1.
 */
export type Section = {
  name: string;
  run: (ctx: HarnessContext) => Promise<Record<string, unknown>>;
  summary: (result: any) => SummaryRow[];
  failures: (result: any) => string[];
  timeoutMs?: number;
};

/** How big a run is: `full` (default, bounded ≈ 10 min), `quick` (CI length), `tiny` (the smoke test). */
export type Size = 'full' | 'quick' | 'tiny';
