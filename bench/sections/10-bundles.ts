import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from '../lib/context';
import { fmtKb, kb, round } from '../lib/stats';
import type { SummaryRow } from '../lib/types';

export const name = 'bundles';

/** Which npm packages (or `src` for our own code) take the most bytes of a bundle, from the esbuild metafile. */
function topPackages(metaFile: string, n = 6): Record<string, number> {
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const byPkg = new Map<string, number>();
  for (const out of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = m ? m[1] : input.startsWith('shared/') || input.includes('/shared/') ? '(shared)' : '(cloudfunctions)';
      byPkg.set(key, (byPkg.get(key) ?? 0) + bytesInOutput);
    }
  }
  return Object.fromEntries([...byPkg].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, kb(v)]));
}

/** Sizes of the four SCF bundles, built fresh in this run (minified CJS for Node 18, as deployed). */
export async function run(ctx: BenchContext) {
  const built = await ctx.bundles();
  const functions: Record<string, { file: string; bytes: number; kb: number }> = {};
  let total = 0;
  for (const [fn, file] of Object.entries(built.paths)) {
    const bytes = statSync(file).size;
    total += bytes;
    functions[fn] = { file: `cloudfunctions/dist/${path.relative(built.dir, file)}`, bytes, kb: kb(bytes) };
  }
  return {
    build_ms: round(built.build_ms, 0),
    ...functions,
    total_bytes: total,
    total_kb: kb(total),
    standalone_require: built.standalone_require,
    deployable_alone: Object.values(built.standalone_require).every((v) => v === 'ok'),
    api_top_inputs_kb: topPackages(path.join(built.dir, 'api.meta.json')),
  };
}

export function summary(r: Record<string, any>): SummaryRow[] {
  return Object.entries(r)
    .filter(([, v]) => v && typeof v === 'object' && 'bytes' in v)
    .map(([fn, v]) => ({ metric: `${fn} bundle`, value: fmtKb(v.bytes) }));
}
