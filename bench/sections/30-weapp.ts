import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, type BenchContext } from '../lib/context';
import { fmtKb, kb, round } from '../lib/stats';
import type { SummaryRow } from '../lib/types';

export const name = 'weapp';
export const timeoutMs = 240_000; // only when it has to build the mini-program

/** The budget for the main package (the platform's hard limit is 2 MB per package, docs/domain/platform.md §1.1). */
const MAIN_BUDGET_BYTES = 1572864;
const DIST = path.join(repoRoot, 'miniprogram', 'dist', 'weapp');

function files(dir: string, base = dir, out: { rel: string; bytes: number }[] = []) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) files(p, base, out);
    else out.push({ rel: path.relative(base, p).split(path.sep).join('/'), bytes: st.size });
  }
  return out;
}

/** Mini-program package sizes from `miniprogram/dist/weapp`: main package = everything outside the subpackage roots. */
export async function run(ctx: BenchContext) {
  const appJson = path.join(DIST, 'app.json');
  let built_this_run = false;
  let build_ms: number | undefined;
  if (!existsSync(appJson)) {
    const t0 = performance.now();
    const r = spawnSync('npm', ['run', 'build:weapp', '-w', 'miniprogram'], { cwd: repoRoot, encoding: 'utf8', timeout: 220_000 });
    if (r.status !== 0 || !existsSync(appJson)) throw new Error(`npm run build:weapp failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || '').slice(-1500)}`);
    build_ms = round(performance.now() - t0, 0);
    built_this_run = true;
  }
  const app = JSON.parse(readFileSync(appJson, 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => s.root.replace(/^\/+|\/+$/g, ''));
  // Source maps are not uploaded with the package; everything else counts.
  const all = files(DIST).filter((f) => !f.rel.endsWith('.map'));
  const sub: Record<string, { bytes: number; kb: number }> = {};
  let main = 0;
  for (const f of all) {
    const root = roots.find((r) => f.rel === r || f.rel.startsWith(`${r}/`));
    if (root) {
      sub[root] ??= { bytes: 0, kb: 0 };
      sub[root].bytes += f.bytes;
    } else main += f.bytes;
  }
  for (const s of Object.values(sub)) s.kb = kb(s.bytes);
  const total = all.reduce((s, f) => s + f.bytes, 0);
  const within_budget = ctx.budget('weapp_main_package', { unit: 'bytes', limit: MAIN_BUDGET_BYTES, actual: main });
  const largest = [...all].filter((f) => !roots.some((r) => f.rel.startsWith(`${r}/`))).sort((a, b) => b.bytes - a.bytes).slice(0, 5);
  return {
    dist: 'miniprogram/dist/weapp',
    built_this_run,
    ...(build_ms !== undefined ? { build_ms } : {}),
    dist_mtime: statSync(appJson).mtime.toISOString(),
    main_bytes: main,
    main_kb: kb(main),
    budget_bytes: MAIN_BUDGET_BYTES,
    within_budget,
    main_budget_used_pct: round((main / MAIN_BUDGET_BYTES) * 100, 1),
    subpackages: sub,
    total_bytes: total,
    total_kb: kb(total),
    main_largest_files_kb: Object.fromEntries(largest.map((f) => [f.rel, kb(f.bytes)])),
  };
}

export function summary(r: any): SummaryRow[] {
  return [
    { metric: `weapp main package (${r.within_budget ? 'within' : 'OVER'} budget)`, value: fmtKb(r.main_bytes), baseline: `budget ${fmtKb(r.budget_bytes)}`, ratio: `${r.main_budget_used_pct}%` },
    { metric: 'weapp total', value: fmtKb(r.total_bytes) },
  ];
}
