/**
 * `npm run page-loads`: the page loads the E2E journeys recorded (e2e/helpers/page-load.ts) — p50, p95 and the
 * slowest pages. Budget: p95 ≤ 1 s on the local system. `--reset` empties the record before a new run; `--all`
 * counts the screenshot run's loads too.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { PAGE_LOAD_FILE, percentile, type PageLoad } from '../e2e/helpers/page-load';

const BUDGET_MS = 1000;

if (process.argv.includes('--reset')) {
  rmSync(PAGE_LOAD_FILE, { force: true });
  console.log('page-load record emptied');
  process.exit(0);
}
if (!existsSync(PAGE_LOAD_FILE)) {
  console.error('no page loads recorded yet: run E2E tests first (npm test -- e2e)');
  process.exit(1);
}
const loads = readFileSync(PAGE_LOAD_FILE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as PageLoad)
  // the E2E journeys' loads; the screenshot run's (one cold load per page and persona) only with --all
  .filter((l) => process.argv.includes('--all') || l.source !== 'screenshots.ts');
const ms = loads.map((l) => l.ms);
const p95 = percentile(ms, 95);
console.log(`${loads.length} page loads (${loads.filter((l) => l.full).length} full loads, the rest in-app navigations)`);
console.log(`p50 ${percentile(ms, 50)} ms · p95 ${p95} ms · max ${Math.max(...ms)} ms — budget p95 ≤ ${BUDGET_MS} ms: ${p95 <= BUDGET_MS ? 'met' : 'NOT met'}`);
const byPage = new Map<string, number[]>();
for (const l of loads) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l.ms]);
const rows = [...byPage.entries()].map(([page, xs]) => ({ page, n: xs.length, p95: percentile(xs, 95), max: Math.max(...xs) })).sort((a, b) => b.p95 - a.p95);
console.log('\nslowest pages (p95 of their loads):');
for (const r of rows.slice(0, 12)) console.log(`  ${String(r.p95).padStart(5)} ms  (max ${r.max}, n ${r.n})  ${r.page}`);
