import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli, type CliIo } from './main';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const bin = join(repo, 'cloudfunctions/bin/cityloop.mjs');
const REQUEST = { kind: 'displacement', initial: { E: 0, N: 0 }, current: { E: 0.003, N: 0.004 }, normal_azimuth_deg: 90 };

const memoryIo = (files: Record<string, string> = {}, stdin = '') => {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    readFile: async (p) => {
      if (!(p in files)) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
      return files[p];
    },
    readStdin: async () => stdin,
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
  };
  return { io, out };
};

test('runCli: pit solve from a file and from stdin', async () => {
  const a = memoryIo({ 'req.json': JSON.stringify(REQUEST) });
  assert.equal(await runCli(['pit', 'solve', 'req.json'], a.io), 0);
  assert.equal(JSON.parse(a.out.stdout).toward_pit_mm, 3);
  const b = memoryIo({}, JSON.stringify(REQUEST));
  assert.equal(await runCli(['pit', 'solve', '-'], b.io), 0);
  assert.equal(JSON.parse(b.out.stdout).total_mm, 5);
  assert.equal(b.out.stderr, '');
});

test('runCli: usage errors exit 2 with the usage on stderr; help exits 0', async () => {
  for (const argv of [[], ['pit'], ['pit', 'judge'], ['frob'], ['pit', 'solve'], ['pit', 'solve', 'a.json', 'b.json']]) {
    const m = memoryIo();
    assert.equal(await runCli(argv, m.io), 2, argv.join(' '));
    assert.match(m.out.stderr, /usage: cityloop/);
    assert.equal(m.out.stdout, '');
  }
  const h = memoryIo();
  assert.equal(await runCli(['--help'], h.io), 0);
  assert.match(h.out.stdout, /pit solve <request\.json\|->/);
});

test('runCli: an unreadable file is exit 2 with a read_error', async () => {
  const m = memoryIo();
  assert.equal(await runCli(['pit', 'solve', 'missing.json'], m.io), 2);
  const body = JSON.parse(m.out.stdout);
  assert.equal(body.error.code, 'read_error');
  assert.match(body.error.message, /^file: cannot read 'missing\.json'/);
});

test('the real bin: node cloudfunctions/bin/cityloop.mjs pit solve - with stdin', () => {
  const ok = spawnSync(process.execPath, [bin, 'pit', 'solve', '-'], { input: JSON.stringify(REQUEST), encoding: 'utf8', cwd: repo });
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), { kind: 'displacement', toward_pit_mm: 3, along_wall_mm: 4, total_mm: 5, dE_mm: 3, dN_mm: 4 });
  const bad = spawnSync(process.execPath, [bin, 'pit', 'solve', '-'], { input: '{"kind":"tilt"}', encoding: 'utf8', cwd: repo });
  assert.equal(bad.status, 2);
  assert.equal(JSON.parse(bad.stdout).error.code, 'invalid_request');
  const dir = mkdtempSync(join(tmpdir(), 'cityloop-'));
  const file = join(dir, 'request.json');
  writeFileSync(file, JSON.stringify({ kind: 'tilt', settlements_mm: { A: -12, B: -2 }, distance_m: 10, control: 0.002, levels: { yellow: 0.7, orange: 0.85, red: 1 } }));
  const fromFile = spawnSync(process.execPath, [bin, 'pit', 'solve', file], { encoding: 'utf8', cwd: repo });
  assert.equal(fromFile.status, 0, fromFile.stderr);
  assert.equal(JSON.parse(fromFile.stdout).level, 'normal');
  const unknown = spawnSync(process.execPath, [bin, 'frob'], { encoding: 'utf8', cwd: repo });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /usage: cityloop/);
});

test('the real bin: a judge request with rates alone (docs/domain/pit.md §6) exits 0 without control_value', () => {
  const req = { kind: 'judge', levels: { yellow: 0.7, orange: 0.85, red: 1 }, rates: [1.8, 1.5], rate_control: 2 };
  const r = spawnSync(process.execPath, [bin, 'pit', 'solve', '-'], { input: JSON.stringify(req), encoding: 'utf8', cwd: repo });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal('control_value' in out, false);
  assert.equal('values' in out, false);
  assert.deepEqual(out.rates.map((x: { final_level: string }) => x.final_level), ['orange', 'yellow']);
});

// `npx cityloop` needs the workspace bin link, created by `npm install`; until then the same
// command line runs through the bin file directly (and says so in the test diagnostics).
const linked = existsSync(join(repo, 'node_modules/.bin/cityloop'));
test('npx cityloop pit solve from the repository root', (t) => {
  if (!linked) t.diagnostic('node_modules/.bin/cityloop is missing (run npm install); testing node cloudfunctions/bin/cityloop.mjs instead');
  const [cmd, args] = linked ? ['npx', ['--no-install', 'cityloop']] : [process.execPath, [bin]];
  const r = spawnSync(cmd, [...args, 'pit', 'solve', '-'], { input: JSON.stringify(REQUEST), encoding: 'utf8', cwd: repo });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).toward_pit_mm, 3);
});

test('npx cityloop --help lists every registered command with its usage', async () => {
  const { COMMANDS } = await import('./commands');
  assert.ok(COMMANDS.length >= 4);
  const h = memoryIo();
  assert.equal(await runCli(['--help'], h.io), 0);
  for (const c of COMMANDS) {
    assert.ok(h.out.stdout.includes(`  ${c.name}`), `${c.name} listed`);
    assert.ok(h.out.stdout.includes(c.usage), `${c.name}'s usage printed`);
  }
  const bin = spawnSync(process.execPath, [join(repo, 'cloudfunctions/bin/cityloop.mjs'), '--help'], { encoding: 'utf8', cwd: repo });
  assert.equal(bin.status, 0, bin.stderr);
  for (const c of COMMANDS) assert.ok(bin.stdout.includes(`  ${c.name}`), `the real bin lists ${c.name}`);
});

test('runCli dispatches through the registry: a registered command runs with the words after its name', async () => {
  const seen: string[][] = [];
  const registry = [
    { name: 'demo', usage: '  demo                        the short one\n', run: async (args: string[]) => (seen.push(['demo', ...args]), 0) },
    { name: 'demo deep', usage: '  demo deep <x>               the longer one wins\n', run: async (args: string[], _io: CliIo, usageError: (why?: string) => number) => (args.length ? (seen.push(['deep', ...args]), 3) : usageError('demo deep needs x')) },
  ];
  const m = memoryIo();
  assert.equal(await runCli(['demo', 'deep', 'x'], m.io, registry), 3);
  assert.equal(await runCli(['demo', 'other'], m.io, registry), 0);
  assert.deepEqual(seen, [['deep', 'x'], ['demo', 'other']]);
  const u = memoryIo();
  assert.equal(await runCli(['demo', 'deep'], u.io, registry), 2);
  assert.match(u.out.stderr, /cityloop: demo deep needs x[\s\S]*demo deep <x>/);
  const h = memoryIo();
  assert.equal(await runCli(['--help'], h.io, registry), 0);
  assert.match(h.out.stdout, /demo {24}the short one\n {2}demo deep <x>/);
  const { checkRegistry } = await import('./registry');
  assert.throws(() => checkRegistry([...registry, registry[0]]), /cli command "demo" is registered twice/);
});

test('concrete traces: an unknown argument is a usage error (exit 2) before any database is touched', async () => {
  const r = memoryIo();
  assert.equal(await runCli(['concrete', 'traces', '--projects', 'pj_a'], r.io), 2);
  assert.match(r.out.stderr, /unknown arguments --projects pj_a/);
  assert.ok(r.out.stderr.includes('concrete traces [--project pj_x]'));
});
