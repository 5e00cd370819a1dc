/**
 * `npm test`: unit (shared, mini-program logic), integration (functions over HTTP against a real FerretDB
 * and the stand-ins) and end-to-end (H5 build in headless Chromium) — one node:test run over all of them.
 * Starts one FerretDB for the run; every test file makes its own databases in it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../cloudfunctions/dev/paths';
import { startFerretDb } from '../cloudfunctions/dev/db/ferretdb-server';
import { buildFunctions } from './build-functions';
import { ensureH5Build } from './h5-build';

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = (only.length ? only.map((f) => path.resolve(f)).flatMap((f) => (statSync(f).isDirectory() ? findTests(f) : [f])) : ['shared', 'miniprogram/src', 'cloudfunctions', 'e2e'].flatMap((d) => (existsSync(path.join(repoRoot, d)) ? findTests(path.join(repoRoot, d)) : []))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

console.log('Type-checking shared, cloudfunctions, miniprogram, bench…');
for (const project of ['shared', 'cloudfunctions', 'miniprogram', 'bench']) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project, '--noEmit'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`type errors in ${project}`);
    process.exit(1);
  }
}
console.log('Preparing: function bundles, H5 build, database…');
await buildFunctions();
if (files.some((f) => f.includes(`${path.sep}e2e${path.sep}`))) ensureH5Build();
const work = mkdtempSync(path.join(tmpdir(), 'cityloop-test-'));
const db = process.env.MONGODB_URI ? { uri: process.env.MONGODB_URI, stop: async () => {} } : await startFerretDb(path.join(work, 'ferretdb'));
const tap = path.join(work, 'results.tap');

const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-timeout=180000', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, MONGODB_URI: db.uri, CITYLOOP_LOG: process.env.CITYLOOP_LOG ?? 'silent', CITYLOOP_TEST_TMP: work } },
  );
  child.on('exit', (c) => resolve(c ?? 1));
});
await db.stop();

const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const count = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(summary)?.[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
const skipped = count('skipped') + count('todo');
rmSync(work, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (skipped > 0) console.error('Skipped tests are not allowed here.');
process.exit(code !== 0 || failed > 0 || skipped > 0 || passed === 0 ? 1 : 0);
