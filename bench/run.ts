/**
 * `npm run bench` — runs every section in bench/sections (file-name order) and writes bench/results.json:
 *   { machine: {...}, <section name>: {...}, budgets: {...}, run: {...} }
 * `npm run bench -- cold_start weapp` runs only the named sections (results.json then holds only those).
 * Exit code 1 when a section fails or a budget is broken. Only 127.0.0.1 is contacted (unless MONGODB_URI says otherwise).
 * To add a benchmark, see bench/README.md.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchContext, benchDir } from './lib/context';
import type { Section, SummaryRow } from './lib/types';

const DEFAULT_TIMEOUT_MS = 90_000;

async function loadSections(): Promise<Section[]> {
  const dir = path.join(benchDir, 'sections');
  const files = readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.d.ts')).sort();
  const sections: Section[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as Partial<Section>;
    if (typeof mod.name !== 'string' || typeof mod.run !== 'function') throw new Error(`bench/sections/${f} must export name and run()`);
    if (sections.some((s) => s.name === mod.name)) throw new Error(`duplicate section name ${mod.name} (bench/sections/${f})`);
    sections.push(mod as Section);
  }
  return sections;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms); })]).finally(() => clearTimeout(timer));
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model?.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    mem_gb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadavg_1m_at_start: Math.round(os.loadavg()[0] * 100) / 100,
    date: new Date().toISOString(),
  };
}

function printTable(rows: (SummaryRow & { section: string })[]) {
  const head = { section: 'section', metric: 'metric', value: 'value', baseline: 'baseline', ratio: 'ratio' };
  const all = [head, ...rows];
  const cols = ['section', 'metric', 'value', 'baseline', 'ratio'] as const;
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(...all.map((r) => String(r[c] ?? '').length))]));
  const line = (r: Record<string, string | undefined>) => cols.map((c) => (c === 'value' || c === 'baseline' || c === 'ratio' ? String(r[c] ?? '').padStart(width[c]) : String(r[c] ?? '').padEnd(width[c]))).join('  ');
  console.log(line(head));
  console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
  for (const r of rows) console.log(line(r));
}

const started = performance.now();
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const ctx = new BenchContext();
process.once('SIGINT', () => { void ctx.close().finally(() => process.exit(130)); });
process.once('SIGTERM', () => { void ctx.close().finally(() => process.exit(143)); });

const sections = await loadSections();
const unknown = only.filter((n) => !sections.some((s) => s.name === n));
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(', ')}; available: ${sections.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const chosen = only.length ? sections.filter((s) => only.includes(s.name)) : sections;

const results: Record<string, unknown> = { machine: machine() };
const rows: (SummaryRow & { section: string })[] = [];
const failures: string[] = [];
const timings: Record<string, number> = {};
try {
  for (const s of chosen) {
    const t0 = performance.now();
    process.stdout.write(`• ${s.name} … `);
    try {
      const r = await withTimeout(s.run(ctx), s.timeoutMs ?? DEFAULT_TIMEOUT_MS, `section ${s.name}`);
      results[s.name] = r;
      for (const row of s.summary?.(r) ?? []) rows.push({ section: s.name, ...row });
      console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      const msg = (e as Error).message;
      results[s.name] = { error: msg };
      failures.push(`${s.name}: ${msg}`);
      console.log(`FAILED after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    timings[`${s.name}_s`] = Math.round((performance.now() - t0) / 100) / 10;
  }
} finally {
  await ctx.close();
}

const budgets = Object.fromEntries(Object.entries(ctx.budgets).map(([k, b]) => [k, { [`limit_${b.unit}`]: b.limit, [`actual_${b.unit}`]: b.actual, ...(b.higherIsBetter ? { limit_is_minimum: true } : {}), pass: b.pass }]));
for (const [k, b] of Object.entries(ctx.budgets)) if (!b.pass) failures.push(`budget ${k}: ${b.actual} ${b.unit} ${b.higherIsBetter ? '<' : '>'} ${b.limit} ${b.unit}`);
results.budgets = budgets;
results.run = {
  sections: chosen.map((s) => s.name),
  section_durations: timings,
  duration_s: Math.round((performance.now() - started) / 100) / 10,
  loadavg_1m_at_end: Math.round(os.loadavg()[0] * 100) / 100,
  ok: failures.length === 0,
  failures,
  warnings: ctx.warnings,
};
const out = path.join(benchDir, 'results.json');
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');

console.log('');
printTable(rows);
for (const [k, b] of Object.entries(ctx.budgets)) console.log(`budget ${k}: ${b.actual} / ${b.higherIsBetter ? 'at least ' : ''}${b.limit} ${b.unit} — ${b.pass ? 'ok' : b.higherIsBetter ? 'UNDER' : 'OVER'}`);
for (const w of ctx.warnings) console.warn(`WARN ${w}`);
for (const f of failures) console.error(`FAIL ${f}`);
console.log(`\nwrote ${path.relative(process.cwd(), out)} in ${(results.run as { duration_s: number }).duration_s} s`);
process.exit(failures.length ? 1 : 0);
