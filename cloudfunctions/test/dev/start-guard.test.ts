import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { StartRefused, checkPortFree, lockDataDir } from '../../dev/start-guard';
import { repoRoot } from '../../dev/paths';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cityloop-guard-'));
const listening = () =>
  new Promise<net.Server>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port;
/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout.trim();

test('a busy port is refused with one Chinese + English line; a free one passes', async () => {
  const busy = await listening();
  try {
    await assert.rejects(checkPortFree(portOf(busy)), (e: Error) => e instanceof StartRefused && new RegExp(`^端口 ${portOf(busy)} 已被占用：PORT=9000 npm start .*port ${portOf(busy)} is in use`).test(e.message));
  } finally {
    busy.close();
  }
  const free = await listening();
  const port = portOf(free);
  await new Promise((r) => free.close(r));
  await checkPortFree(port);
  await checkPortFree(0);
});

test('the data directory lock: pid inside, a live holder refuses, a dead one is taken over, released on stop', () => {
  const dir = tmp();
  const file = path.join(dir, 'cityloop.lock');
  const release = lockDataDir(dir);
  assert.equal(readFileSync(file, 'utf8').trim(), String(process.pid));
  assert.equal(lockDataDir(dir), release, 'the same process asking again keeps its lock');
  release();
  assert.equal(existsSync(file), false);

  writeFileSync(file, '1\n'); // pid 1 is always alive
  assert.throws(() => lockDataDir(dir), (e: Error) => e instanceof StartRefused && /另一个 CityLoop（pid 1）正在使用/.test(e.message));
  assert.equal(readFileSync(file, 'utf8').trim(), '1', 'a live holder keeps its lock');

  writeFileSync(file, `${deadPid()}\n`);
  const again = lockDataDir(dir);
  assert.equal(readFileSync(file, 'utf8').trim(), String(process.pid), 'a stale lock is taken over');
  again();
  writeFileSync(file, 'garbage');
  lockDataDir(dir)();
});

test('npm start on a busy port, or on a data directory in use, exits 1 with one line and starts nothing', async () => {
  const busy = await listening();
  const run = (env: Record<string, string>) =>
    spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, MONGODB_URI: '', ...env } });
  try {
    const dataDir = tmp();
    const onPort = run({ PORT: String(portOf(busy)), CITYLOOP_DATA: dataDir });
    assert.equal(onPort.status, 1, onPort.stderr);
    assert.equal(onPort.stderr.trim(), `端口 ${portOf(busy)} 已被占用：PORT=9000 npm start  (port ${portOf(busy)} is in use: try PORT=9000 npm start)`);
    assert.equal(existsSync(path.join(dataDir, 'ferretdb')), false, 'no database was started');
    assert.equal(existsSync(path.join(dataDir, 'cityloop.lock')), false, 'no lock left behind');

    const free = await listening();
    const port = portOf(free);
    await new Promise((r) => free.close(r));
    writeFileSync(path.join(dataDir, 'cityloop.lock'), '1\n');
    const locked = run({ PORT: String(port), CITYLOOP_DATA: dataDir });
    assert.equal(locked.status, 1, locked.stderr);
    assert.match(locked.stderr.trim(), /^另一个 CityLoop（pid 1）正在使用 .*another CityLoop, pid 1/);
    assert.equal(locked.stderr.trim().split('\n').length, 1);
    assert.equal(existsSync(path.join(dataDir, 'ferretdb')), false, 'no database was started');
  } finally {
    busy.close();
  }
});
