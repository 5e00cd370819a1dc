/**
 * The two user-facing functions split the routes by context (platform/http/function-routing.ts): every route a
 * context registers is sent by the front door to the function whose bundle carries it, and each bundle carries
 * exactly its own contexts' route files.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { CONTEXTS } from '../../src/contexts';
import { TRADES_CONTEXTS, httpFunctionFor } from '../../src/platform/http/function-routing';
import type { AppEnv } from '../../src/platform/http/app-env';
import { repoRoot } from '../../dev/paths';
import { BUNDLE_PATHS, buildFunctions } from '../../../scripts/build-functions';

const dist = path.join(repoRoot, 'cloudfunctions', 'dist');
before(async () => {
  if (!existsSync(path.join(dist, BUNDLE_PATHS.trades)) || !existsSync(path.join(dist, 'trades.meta.json'))) await buildFunctions();
});

test('every route of a trades context goes to `trades`, every other user-facing route to `api`', () => {
  assert.ok(TRADES_CONTEXTS.every((name) => CONTEXTS.some((m) => m.name === name)), 'each trades context is registered');
  let checked = 0;
  // health (/api/health, /api/config) is served by every HTTP function
  for (const m of CONTEXTS.filter((x) => x.name !== 'health')) {
    for (const mount of m.routes ?? []) {
      const app = new Hono<AppEnv>();
      mount(app);
      for (const r of app.routes) {
        if (r.path === '/*' || r.path === '*') continue;
        const want = TRADES_CONTEXTS.includes(m.name) ? 'trades' : 'api';
        assert.equal(httpFunctionFor(r.path), want, `${m.name}: ${r.method} ${r.path}`);
        checked++;
      }
    }
    for (const mount of m.ingestRoutes ?? []) {
      const app = new Hono<AppEnv>();
      mount(app);
      for (const r of app.routes) if (r.path !== '/*') assert.equal(httpFunctionFor(r.path), 'ingest', `${m.name}: ${r.path}`);
    }
  }
  assert.ok(checked > 100, `routes checked: ${checked}`);
});

test('the api bundle carries no trades route file and the trades bundle only those (and health)', () => {
  const routeFiles = (fn: string) => {
    const meta = JSON.parse(readFileSync(path.join(dist, `${fn}.meta.json`), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const inputs = Object.values(meta.outputs)[0].inputs;
    return Object.keys(inputs).filter((f) => /contexts\/[^/]+\/[^/]+\.routes\.ts$/.test(f));
  };
  const ctx = (f: string) => f.split('/').at(-2) as string;
  const api = routeFiles('api');
  const trades = routeFiles('trades');
  assert.ok(api.length > 10 && trades.length >= TRADES_CONTEXTS.length, `${api.length} / ${trades.length}`);
  assert.deepEqual(api.filter((f) => TRADES_CONTEXTS.includes(ctx(f))), []);
  assert.deepEqual(trades.filter((f) => !TRADES_CONTEXTS.includes(ctx(f)) && ctx(f) !== 'health'), []);
  assert.deepEqual([...new Set(trades.map(ctx))].filter((c) => c !== 'health').sort(), [...TRADES_CONTEXTS].filter((c) => CONTEXTS.some((m) => m.name === c && m.routes?.length)).sort());
});
