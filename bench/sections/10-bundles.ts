import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from '../lib/context';
import { fmtKb, kb, round } from '../lib/stats';
import type { SummaryRow } from '../lib/types';
import { BUNDLE_BUDGET_BYTES } from '../../scripts/build-functions';

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

/** Every file under `dir`, recursively, with its size. */
function filesIn(dir: string): { file: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .map((f) => ({ file: path.relative(dir, f), bytes: statSync(f).size }));
}

/**
 * Sizes of the four SCF bundles, built fresh in this run (minified CJS for Node 18, as deployed), what takes their
 * bytes (esbuild metafile), and what ships beside them to be loaded only when needed (scripts/functions/lazy-packages.ts).
 * Budget: each function file ≤ 1 MB (issue 13 §9).
 */
export async function run(ctx: BenchContext) {
  const built = await ctx.bundles();
  const functions: Record<string, { file: string; bytes: number; kb: number; top_inputs_kb: Record<string, number> }> = {};
  let total = 0;
  for (const [fn, file] of Object.entries(built.paths)) {
    const bytes = statSync(file).size;
    total += bytes;
    functions[fn] = { file: `cloudfunctions/dist/${path.relative(built.dir, file)}`, bytes, kb: kb(bytes), top_inputs_kb: topPackages(path.join(built.dir, `${fn}.meta.json`), 10) };
    ctx.budget(`bundle_${fn}_kb`, { unit: 'KB', limit: BUNDLE_BUDGET_BYTES / 1024, actual: kb(bytes) });
  }
  // per uploaded folder: the lazily loaded packages beside the function files, and the folder's total
  const folders: Record<string, { lazily_loaded_kb: Record<string, number>; folder_total_kb: number }> = {};
  for (const folder of new Set(Object.values(built.paths).map((p) => path.dirname(p)))) {
    const all = filesIn(folder);
    const lazy: Record<string, number> = {};
    for (const f of all.filter((x) => x.file.startsWith('node_modules'))) {
      const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.file)![1];
      lazy[pkg] = (lazy[pkg] ?? 0) + f.bytes;
    }
    folders[path.relative(built.dir, folder)] = {
      lazily_loaded_kb: Object.fromEntries(Object.entries(lazy).map(([k, v]) => [k, kb(v)])),
      folder_total_kb: kb(all.reduce((n, f) => n + f.bytes, 0)),
    };
  }
  return {
    build_ms: round(built.build_ms, 0),
    budget_kb_each: BUNDLE_BUDGET_BYTES / 1024,
    ...functions,
    total_bytes: total,
    total_kb: kb(total),
    uploaded_folders: folders,
    standalone_require: built.standalone_require,
    deployable_alone: Object.values(built.standalone_require).every((v) => v === 'ok'),
  };
}

export function summary(r: Record<string, any>): SummaryRow[] {
  return Object.entries(r)
    .filter(([, v]) => v && typeof v === 'object' && 'bytes' in v)
    .map(([fn, v]) => ({ metric: `${fn} bundle`, value: fmtKb(v.bytes), baseline: `≤ ${r.budget_kb_each} KB` }));
}
