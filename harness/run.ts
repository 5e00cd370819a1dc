/**
 * `npm run harness` — proves the system holds up under abuse, faults and load, on loopback only:
 *   idor · fuzz · races · faults · load   (harness/sections, file-name order)
 * Starts its own FerretDB (under the launcher's watchdog) and the local system with the demo seed, writes
 * harness/results.json and prints a summary. Exit 1 when any section fails or finds a wrong success, a crash,
 * a 5xx, a limit breach or a lost/half-written record.
 *   npm run harness -- idor races     only these sections
 *   npm run harness -- --quick        CI length (≈ 3 min); --tiny: the smoke test's size (seconds per section)
 *   npm run harness -- --clients=200 --seconds=60 --think-ms=1000   load shape (defaults shown)
 *   --out=<file>                      where to write the results (default harness/results.json)
 */
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HarnessContext, harnessDir } from './lib/context';
import type { Section, Size, SummaryRow } from './lib/types';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const size: Size = args.includes('--tiny') ? 'tiny' : args.includes('--quick') ? 'quick' : 'full';
const only = args.filter((a) => !a.startsWith('-'));
const out = flag('out') ?? path.join(harnessDir, 'results.json');

async function loadSections(): Promise<Section[]> {
  const dir = path.join(harnessDir, 'sections');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  const list: Section[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as Section;
    if (typeof mod.name !== 'string' || typeof mod.run !== 'function') throw new Error(`harness/sections/${f} must export name and run()`);
    list.push(mod);
  }
  return list;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms); })]).finally(() => clearTimeout(timer));
}

function printTable(rows: (SummaryRow & { section: string })[]) {
  const cols = ['section', 'metric', 'value', 'expect', 'ok'] as const;
  const cell = (r: SummaryRow & { section: string }, c: (typeof cols)[number]) => (c === 'ok' ? (r.ok === undefined ? '' : r.ok ? 'ok' : 'FAIL') : String(r[c] ?? ''));
  const head = { section: 'section', metric: 'metric', value: 'value', expect: 'expect', ok: '' } as unknown as SummaryRow & { section: string };
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => cell(r, c).length))]));
  const line = (r: SummaryRow & { section: string }, isHead = false) => cols.map((c) => (isHead ? (c === 'ok' ? '' : c) : cell(r, c)).padEnd(width[c])).join('  ');
  console.log(line(head, true));
  console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
  for (const r of rows) console.log(line(r));
}

const started = performance.now();
const ctx = new HarnessContext(size);
ctx.options = { clients: Number(flag('clients') ?? 0) || undefined, seconds: Number(flag('seconds') ?? 0) || undefined, thinkMs: flag('think-ms') === undefined ? undefined : Number(flag('think-ms')) };
process.once('SIGINT', () => { void ctx.close().finally(() => process.exit(130)); });
process.once('SIGTERM', () => { void ctx.close().finally(() => process.exit(143)); });

const sections = await loadSections();
const unknown = only.filter((n) => !sections.some((s) => s.name === n));
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(', ')}; available: ${sections.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const chosen = only.length ? sections.filter((s) => only.includes(s.name)) : sections;
const results: Record<string, unknown> = {
  machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model?.trim(), node: process.version, mem_gb: Math.round(os.totalmem() / 2 ** 30), loadavg_1m_at_start: os.loadavg()[0], date: new Date().toISOString() },
  size,
};
const rows: (SummaryRow & { section: string })[] = [];
const failures: string[] = [];
const durations: Record<string, number> = {};
try {
  process.stdout.write('• starting FerretDB and the local system (demo seed) … ');
  const t0 = performance.now();
  await ctx.system();
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const s of chosen) {
    const t1 = performance.now();
    process.stdout.write(`• ${s.name} … `);
    try {
      const r = await withTimeout(s.run(ctx), s.timeoutMs ?? 300_000, `section ${s.name}`);
      results[s.name] = r;
      for (const row of s.summary(r)) rows.push({ section: s.name, ...row });
      const f = s.failures(r);
      failures.push(...f.map((x) => `${s.name}: ${x}`));
      console.log(`${((performance.now() - t1) / 1000).toFixed(1)} s${f.length ? ` — ${f.length} failure(s)` : ''}`);
    } catch (e) {
      const msg = (e as Error).stack ?? String(e);
      results[s.name] = { error: msg };
      failures.push(`${s.name}: ${(e as Error).message}`);
      console.log(`FAILED after ${((performance.now() - t1) / 1000).toFixed(1)} s: ${(e as Error).message}`);
    }
    durations[`${s.name}_s`] = Math.round((performance.now() - t1) / 100) / 10;
  }
} finally {
  await ctx.close();
}
results.run = { sections: chosen.map((s) => s.name), durations, duration_s: Math.round((performance.now() - started) / 100) / 10, ok: failures.length === 0, failures, warnings: ctx.warnings };
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
console.log('');
printTable(rows);
for (const w of ctx.warnings) console.warn(`WARN ${w}`);
for (const f of failures) console.error(`FAIL ${f}`);
console.log(`\nwrote ${path.relative(process.cwd(), out)} in ${(results.run as { duration_s: number }).duration_s} s`);
process.exit(failures.length ? 1 : 0);
