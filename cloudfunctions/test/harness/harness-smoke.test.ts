/**
 * `npm run harness` in its tiny size (1 persona, 200 parser inputs, 1 race, a 4 s fault burst, 5 s of load), so
 * the harness cannot rot: every section must run and report no wrong success, crash, breach or lost write.
 * The harness starts its own FerretDB (it kills it on purpose), so the runner's MONGODB_URI is not passed on.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { repoRoot } from '../../dev/paths';

test('the harness runs every section in its tiny size and finds nothing wrong', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(path.join(process.env.CITYLOOP_TEST_TMP ?? tmpdir(), 'harness-smoke-'));
  const out = path.join(dir, 'results.json');
  const env: NodeJS.ProcessEnv = { ...process.env, CITYLOOP_HARNESS_TMP: dir };
  delete env.MONGODB_URI;
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'harness', 'run.ts'), '--tiny', `--out=${out}`], { cwd: repoRoot, env, encoding: 'utf8', timeout: 580_000 });
  try {
    assert.equal(r.status, 0, `harness failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(res.run.sections, ['idor', 'fuzz', 'races', 'faults', 'load']);
    assert.ok(res.idor.attempts > 0, 'the IDOR matrix tried something');
    assert.equal(res.idor.wrong_successes, 0);
    assert.ok(res.fuzz.parsers.inputs >= 200);
    assert.equal(res.fuzz.parsers.crashes, 0);
    assert.equal(res.races.breaches, 0);
    assert.equal(res.races.races, 1);
    assert.equal(res.faults.lost, 0);
    assert.ok(res.faults.database_kill.watchdog_restarts >= 1, 'FerretDB was killed and restarted');
    assert.ok(res.load.with_think_time.requests > 0);
    assert.match(r.stdout, /wrote .*results\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
