import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureFerretBinary } from './ferretdb-binary';

export type RunningDatabase = {
  uri: string;
  port: number;
  stop: () => Promise<void>;
  /** FerretDB's process id (undefined for a database we did not start) */
  pid?: number;
  /** resolves with the exit code (or signal name) when the process ends, however it ends */
  exited?: Promise<number | string | null>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/**
 * Starts FerretDB (SQLite backend) on a free loopback port with the flags from docs/ARCHITECTURE.md §4.
 * Its log goes to `<dir>/ferretdb.log`.
 */
export async function startFerretDb(dir: string, opts: { port?: number; unref?: boolean } = {}): Promise<RunningDatabase> {
  const bin = ensureFerretBinary();
  mkdirSync(dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const logFd = openSync(path.join(dir, 'ferretdb.log'), 'a');
  const child: ChildProcess = spawn(
    bin,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dir}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  let exited = false;
  const exitedP = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => { exited = true; resolve(code ?? signal); }));
  if (opts.unref) {
    // A test file run on its own: don't keep the process alive for the database, and don't leave it behind.
    child.unref();
    process.once('exit', () => child.kill('SIGKILL'));
  }
  const deadline = Date.now() + 20_000;
  while (!(await canConnect(port))) {
    if (exited) throw new Error(`FerretDB exited at start-up; see ${path.join(dir, 'ferretdb.log')}`);
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error('FerretDB did not start listening within 20 s'); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    pid: child.pid,
    exited: exitedP,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
