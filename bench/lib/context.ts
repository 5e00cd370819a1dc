import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.dirname(benchDir);

export type Budget = { unit: string; limit: number; actual: number; pass: boolean; higherIsBetter?: boolean };

export type BuiltBundles = {
  /** Folder holding `api/index.js`, `ingest/index.js`, `timers/*.js` (BUNDLE_PATHS) and `<fn>.meta.json`. */
  dir: string;
  paths: Record<string, string>;
  build_ms: number;
  /**
   * Per bundle: 'ok' if it loads on its own from its folder with only what ships beside it (as SCF runs the uploaded
   * folder), otherwise the error. Checked right after the build.
   */
  standalone_require: Record<string, string>;
  /** Modules the bundles require at load time but do not contain; linked from the repo's node_modules
   * into `<dir>/node_modules` so that the cold start can still be measured. Empty when deployable. */
  externals_supplied: string[];
};

/** Loads a bundle in a fresh process with an empty environment; returns 'ok' or the error line. */
function requireAlone(file: string): string {
  const r = spawnSync(process.execPath, ['-e', 'require(process.argv[1])', file], { cwd: path.dirname(file), env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20_000 });
  if (r.status === 0) return 'ok';
  const line = /^(\w*Error: .*)$/m.exec(r.stderr ?? '')?.[1];
  return line ?? `exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().slice(-300)}`;
}

/**
 * What sections share within one run: a scratch folder, one database, one fresh build of the functions,
 * budgets, and clean-up. Everything is started lazily, so a section run on its own still works.
 */
export class BenchContext {
  readonly tmp = mkdtempSync(path.join(tmpdir(), 'cityloop-bench-'));
  readonly budgets: Record<string, Budget> = {};
  readonly warnings: string[] = [];
  private cleanups: (() => Promise<unknown> | unknown)[] = [];
  private db?: Promise<{ uri: string; external: boolean }>;
  private bundleBuild?: Promise<BuiltBundles>;
  private dbNames = new Set<string>();

  /** Runs `fn` (last registered first) when the run ends, even after a failure or a timeout. */
  onCleanup(fn: () => Promise<unknown> | unknown) {
    this.cleanups.push(fn);
  }

  /** A MongoDB-compatible server: MONGODB_URI if set, otherwise one FerretDB for the whole run (loopback). */
  database(): Promise<{ uri: string; external: boolean }> {
    this.db ??= (async () => {
      if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, external: true };
      const { startFerretDb } = await import('../../cloudfunctions/dev/db/ferretdb-server');
      const db = await startFerretDb(path.join(this.tmp, 'ferretdb'), { unref: true });
      this.onCleanup(() => db.stop());
      return { uri: db.uri, external: false };
    })();
    return this.db;
  }

  /** A database name unique to this run; dropped at the end when the server is not our own FerretDB. */
  dbName(label: string): string {
    const name = `bench_${label}_${process.pid}_${Date.now().toString(36)}`;
    this.dbNames.add(name);
    return name;
  }

  /** Builds the four function bundles once per run, fresh, into the scratch folder (not cloudfunctions/dist). */
  bundles(): Promise<BuiltBundles> {
    this.bundleBuild ??= (async () => {
      const { buildFunctions, BUNDLE_PATHS } = await import('../../scripts/build-functions');
      const dir = path.join(this.tmp, 'functions');
      const t0 = performance.now();
      await buildFunctions(dir);
      const build_ms = performance.now() - t0;
      const paths = Object.fromEntries(Object.entries(BUNDLE_PATHS).map(([fn, rel]) => [fn, path.join(dir, rel)]));
      for (const p of Object.values(paths)) statSync(p); // fail early if the layout changed
      const standalone_require = Object.fromEntries(Object.entries(paths).map(([fn, p]) => [fn, requireAlone(p)]));
      // A bundle that cannot load alone would fail on SCF; supply what is missing from the repo so the
      // numbers can still be taken, and say so loudly.
      const externals_supplied: string[] = [];
      const repoRequire = createRequire(path.join(repoRoot, 'cloudfunctions', 'package.json'));
      for (let i = 0; i < 10; i++) {
        const missing = Object.values(paths).map(requireAlone).map((e) => /Cannot find module '([^']+)'/.exec(e)?.[1]).find((m) => m && !externals_supplied.includes(m));
        if (!missing) break;
        let pkgDir: string;
        try {
          pkgDir = path.dirname(repoRequire.resolve(`${missing}/package.json`));
        } catch {
          break; // not installed in the repo either: cold start will report the error
        }
        mkdirSync(path.join(dir, 'node_modules', path.dirname(missing)), { recursive: true });
        symlinkSync(pkgDir, path.join(dir, 'node_modules', missing), 'dir');
        externals_supplied.push(missing);
      }
      if (externals_supplied.length) {
        const broken = Object.entries(standalone_require).filter(([, v]) => v !== 'ok').map(([fn]) => fn);
        this.warn(`function bundles ${broken.join(', ')} do not load on their own (missing at runtime: ${externals_supplied.join(', ')}); as uploaded to SCF they would fail at cold start. Supplied from the repo's node_modules for measuring.`);
      }
      return { dir, paths, build_ms, standalone_require, externals_supplied };
    })();
    return this.bundleBuild;
  }

  /** Something the reader must not miss (printed at the end, kept in results.json `run.warnings`). */
  warn(msg: string) {
    if (!this.warnings.includes(msg)) this.warnings.push(msg);
  }

  /** Records a budget check; it lands in the top-level `budgets` of results.json and fails the run if broken. */
  budget(name: string, b: { unit: string; limit: number; actual: number; higherIsBetter?: boolean }) {
    const pass = b.higherIsBetter ? b.actual >= b.limit : b.actual <= b.limit;
    this.budgets[name] = { unit: b.unit, limit: b.limit, actual: b.actual, pass, ...(b.higherIsBetter ? { higherIsBetter: true } : {}) };
    return pass;
  }

  async close() {
    // FerretDB is started unref'd (so a crash never leaves it behind); keep the loop alive while it stops.
    const keepAlive = setInterval(() => {}, 1000);
    try {
      await this.closeInner();
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async closeInner() {
    if (this.db && this.dbNames.size) {
      const db = await this.db.catch(() => undefined);
      if (db?.external) {
        const { MongoClient } = await import('mongodb');
        const client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 3000 });
        try {
          for (const name of this.dbNames) await client.db(name).dropDatabase().catch(() => {});
        } finally {
          await client.close().catch(() => {});
        }
      }
    }
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error(`bench clean-up: ${(e as Error).message}`);
      }
    }
    this.cleanups = [];
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
