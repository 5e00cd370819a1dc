import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, MongoClient } from 'mongodb';
import { spawnNode, type Child } from '../../bench/lib/child';
import type { Size } from './types';

export const harnessDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.dirname(harnessDir);

export type Route = { method: string; path: string };
export type CodeToken = { id: string; token: string };
export type SystemInfo = { url: string; routes: Route[]; codes: { facilities: CodeToken[]; shops: CodeToken[] }; pid: number };
export type ApiResult = { status: number; json: any; ms: number };

/**
 * What the sections share: one FerretDB owned by the harness (under the same watchdog `npm start` uses, so a
 * `kill -9` of it is survived the same way), the functions behind the gateway in a child process (killable
 * and restartable on the same port and data), a direct driver connection, persona tokens, and clean-up.
 */
export class HarnessContext {
  readonly tmp = mkdtempSync(path.join(process.env.CITYLOOP_HARNESS_TMP ?? tmpdir(), 'cityloop-harness-'));
  readonly dbName = `harness_${Date.now().toString(36)}`;
  readonly warnings: string[] = [];
  private cleanups: (() => Promise<unknown> | unknown)[] = [];
  private ferret?: Awaited<ReturnType<typeof import('../../cloudfunctions/dev/db/ferretdb-watchdog').superviseFerretDb>>;
  private child?: Child;
  private info?: SystemInfo;
  private client?: MongoClient;
  private tokens = new Map<string, string>();
  private port = 0;
  private seeded = false;

  /** Load shape from the command line (undefined: the size's default). */
  options: { clients?: number; seconds?: number; thinkMs?: number } = {};

  constructor(readonly size: Size) {}

  onCleanup(fn: () => Promise<unknown> | unknown) {
    this.cleanups.push(fn);
  }

  /** The database server: FerretDB under its watchdog, started once per run. */
  async database(): Promise<{ uri: string; pid: () => number | undefined; restarts: () => number }> {
    if (!this.ferret) {
      const { superviseFerretDb } = await import('../../cloudfunctions/dev/db/ferretdb-watchdog');
      this.ferret = await superviseFerretDb(path.join(this.tmp, 'ferretdb'), {
        maxRestarts: 5,
        log: (line) => this.warnings.push(`watchdog: ${line}`),
        onGiveUp: (why) => { this.warnings.push(why); },
      });
      const f = this.ferret;
      this.onCleanup(() => f.stop());
    }
    const f = this.ferret;
    return { uri: f.uri, pid: () => f.pid, restarts: () => f.restarts() };
  }

  /** The harness's own driver connection to the system's database (for finding records and checking writes). */
  async db(): Promise<Db> {
    if (!this.client) {
      const { uri } = await this.database();
      const { MongoClient } = await import('mongodb');
      this.client = new MongoClient(uri, { maxPoolSize: 1, serverSelectionTimeoutMS: 5000, retryReads: true, retryWrites: false });
      await this.client.connect();
      const c = this.client;
      this.onCleanup(() => c.close());
    }
    return this.client.db(this.dbName);
  }

  /** The running system (started and seeded with the demo data on first use). */
  async system(): Promise<SystemInfo> {
    if (this.info && this.child && this.child.proc.exitCode === null && !this.child.proc.killed) return this.info;
    const { uri } = await this.database();
    const dir = path.join(this.tmp, 'system');
    const child = spawnNode({
      label: 'local system',
      args: ['--import', 'tsx', path.join(harnessDir, 'children', 'system.ts'), this.dbName, dir, this.seeded ? '0' : '1', String(this.port)],
      env: { ...process.env, MONGODB_URI: uri, CITYLOOP_LOG: 'silent', CITYLOOP_DATA: dir },
      cwd: repoRoot,
    });
    this.child = child;
    const { value } = await child.waitFor<SystemInfo>('READY', 180_000);
    this.seeded = true;
    this.info = value;
    this.port = Number(new URL(value.url).port);
    if (this.cleanups.indexOf(this.stopSystem) < 0) this.onCleanup(this.stopSystem);
    return value;
  }

  private stopSystem = async () => {
    await this.child?.stop(5000);
  };

  /** kill -9 of the functions' process (gateway + api + ingest); `system()` starts it again on the same port. */
  killSystem(): void {
    this.child?.proc.kill('SIGKILL');
  }

  systemExited(): Promise<void> {
    const p = this.child?.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => p.once('exit', () => resolve()));
  }

  /** A JSON call to the gateway. Never throws on a status; network errors give status 0. */
  async api(method: string, p: string, opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<ApiResult> {
    const { url } = this.info ?? (await this.system());
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const t0 = performance.now();
    try {
      const res = await fetch(url + p, { method, headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000) });
      const text = await res.text();
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, json, ms: performance.now() - t0 };
    } catch (e) {
      return { status: 0, json: { error: (e as Error).message }, ms: performance.now() - t0 };
    }
  }

  /** A persona's session token (dev-login), cached for the run. */
  async token(persona: string): Promise<string> {
    const have = this.tokens.get(persona);
    if (have) return have;
    const r = await this.api('POST', '/api/auth/dev-login', { body: { persona } });
    const token = r.json?.data?.token;
    if (r.status !== 200 || typeof token !== 'string') throw new Error(`dev-login ${persona}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
    this.tokens.set(persona, token);
    return token;
  }

  warn(msg: string) {
    this.warnings.push(msg);
  }

  async close() {
    for (const fn of this.cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (e) {
        this.warnings.push(`cleanup: ${(e as Error).message}`);
      }
    }
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
