import path from 'node:path';
import { benchDir, repoRoot, type BenchContext } from '../lib/context';
import { spawnNode, type Child } from '../lib/child';
import { runLoad, type LoadResult } from '../lib/load';
import { fmtMs, fmtRatio, median, ratio, round } from '../lib/stats';
import type { SummaryRow } from '../lib/types';

export const name = 'gateway_latency';
export const timeoutMs = 150_000;

const CONNECTIONS = 50;
const REQUESTS = 2000; // per target per round, in total across the connections
const WARMUP = 200;
const ROUNDS = 5; // targets interleaved round by round; medians reported
const MAX_MS_PER_RUN = 15_000;
// Also one connection, one request at a time: service time without queueing (under 50 connections on
// 2 cores, latency is mostly waiting in line, i.e. 50 / throughput).
const SERIAL_REQUESTS = 200; // per target per round
const SERIAL_WARMUP = 20;

async function startChild(label: string, args: string[], env: NodeJS.ProcessEnv, ctx: BenchContext): Promise<{ child: Child; url: string }> {
  const child = spawnNode({ label, args, env, cwd: repoRoot });
  ctx.onCleanup(() => child.stop());
  const { value } = await child.waitFor<{ url: string }>('READY', 90_000);
  return { child, url: value.url };
}

const METRICS = ['req_per_s', 'p50_ms', 'p90_ms', 'p99_ms', 'max_ms', 'mean_ms'] as const;

function combine(rounds: LoadResult[]) {
  const out: Record<string, unknown> = {};
  for (const k of METRICS) out[k] = round(median(rounds.map((r) => r[k])), k === 'req_per_s' ? 0 : 3);
  out.req_per_s_per_round = rounds.map((r) => r.req_per_s);
  out.p99_ms_per_round = rounds.map((r) => r.p99_ms);
  out.requests = rounds.reduce((s, r) => s + r.requests, 0);
  out.non_2xx = rounds.reduce((s, r) => s + r.non_2xx, 0);
  out.errors = rounds.reduce((s, r) => s + r.errors, 0);
  out.sockets_opened = Math.max(...rounds.map((r) => r.sockets_opened));
  if (rounds.some((r) => r.truncated_by_time_bound)) out.truncated_by_time_bound = true;
  const err = rounds.find((r) => r.first_error)?.first_error;
  if (err) out.first_error = err;
  return out as Record<(typeof METRICS)[number], number> & Record<string, unknown>;
}

/**
 * Ratios are taken round by round (a target against the baseline of the same round, measured moments
 * apart, so they share the machine's state), then the median across rounds is reported.
 */
function versus(target: LoadResult[], base: LoadResult[]) {
  const per = (k: 'p50_ms' | 'p99_ms' | 'mean_ms' | 'req_per_s', digits = 2) =>
    round(median(target.map((t, i) => ratio(t[k], base[i][k], 4) ?? NaN)), digits);
  return {
    p50_ratio: per('p50_ms'),
    p99_ratio: per('p99_ms'),
    mean_ratio: per('mean_ms'),
    req_per_s_ratio: per('req_per_s', 3),
  };
}

/**
 * The local gateway with the whole system behind it (startLocalSystem in a child process), under 50
 * concurrent keep-alive connections, beside a bare node:http server measured with the same generator.
 * The generator runs in this process; each server has its own process.
 */
export async function run(ctx: BenchContext) {
  const db = await ctx.database();
  const dbName = ctx.dbName('gateway');
  const dir = path.join(ctx.tmp, 'system');
  const [system, bare] = await Promise.all([
    startChild('local system', ['--import', 'tsx', path.join(benchDir, 'children', 'system-server.ts'), dbName, dir], { ...process.env, MONGODB_URI: db.uri, CITYLOOP_LOG: 'silent', CITYLOOP_DATA: dir }, ctx),
    startChild('bare http server', [path.join(benchDir, 'children', 'bare-server.cjs')], { PATH: process.env.PATH }, ctx),
  ]);

  const login = await fetch(`${system.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'citizen' }) });
  const loginBody = (await login.json()) as { data?: { token?: string } };
  const token = loginBody.data?.token;
  if (!login.ok || !token) throw new Error(`dev-login failed: ${login.status} ${JSON.stringify(loginBody).slice(0, 300)}`);
  const me = await fetch(`${system.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  if (me.status !== 200) throw new Error(`GET /api/me with the dev-login token answered ${me.status}`);
  await me.arrayBuffer();

  const targets = {
    baseline_bare_http: { url: `${bare.url}/`, headers: {} },
    health: { url: `${system.url}/api/health`, headers: {} },
    me_authenticated: { url: `${system.url}/api/me`, headers: { authorization: `Bearer ${token}` } },
  };
  const results: Record<keyof typeof targets, LoadResult[]> = { baseline_bare_http: [], health: [], me_authenticated: [] };
  const serial: Record<keyof typeof targets, LoadResult[]> = { baseline_bare_http: [], health: [], me_authenticated: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [key, t] of Object.entries(targets) as [keyof typeof targets, (typeof targets)[keyof typeof targets]][]) {
      serial[key].push(await runLoad({ url: t.url, headers: t.headers, connections: 1, requests: SERIAL_REQUESTS, warmup: SERIAL_WARMUP, maxMs: MAX_MS_PER_RUN }));
      results[key].push(await runLoad({ url: t.url, headers: t.headers, connections: CONNECTIONS, requests: REQUESTS, warmup: WARMUP, maxMs: MAX_MS_PER_RUN }));
    }
  }
  const serialOf = (key: keyof typeof targets) => {
    const rs = serial[key];
    const med = (k: 'p50_ms' | 'p99_ms' | 'mean_ms') => round(median(rs.map((r) => r[k])));
    const out: Record<string, unknown> = { requests: rs.reduce((n, r) => n + r.requests, 0), p50_ms: med('p50_ms'), p99_ms: med('p99_ms'), mean_ms: med('mean_ms') };
    if (key !== 'baseline_bare_http') {
      const v = versus(rs, serial.baseline_bare_http);
      Object.assign(out, { p50_ratio: v.p50_ratio, mean_ratio: v.mean_ratio });
    }
    const bad = rs.filter((r) => r.errors || r.non_2xx);
    if (bad.length) throw new Error(`single-connection requests to ${key} failed: ${bad[0].errors} errors, ${bad[0].non_2xx} non-2xx (${bad[0].first_error})`);
    return out;
  };
  const base = combine(results.baseline_bare_http);
  const health = combine(results.health);
  const meR = combine(results.me_authenticated);
  const failed = [health, meR, base].filter((x) => x.errors || x.non_2xx);
  if (failed.length) throw new Error(`requests failed under load: ${failed.map((x) => `${x.errors} errors, ${x.non_2xx} non-2xx (${x.first_error})`).join('; ')}`);
  return {
    method: {
      connections: CONNECTIONS, requests_per_round: REQUESTS, warmup_per_round: WARMUP, rounds: ROUNDS, aggregate: 'median of rounds, targets interleaved; ratios: median of per-round ratios',
      single_connection: `${SERIAL_REQUESTS} requests per round after ${SERIAL_WARMUP} warm-up, one at a time`,
      keep_alive: true, generator: 'bench/lib/load.ts in the bench process; each server in its own process', log: 'CITYLOOP_LOG=silent',
    },
    baseline_bare_http: { what: 'node:http on loopback answering a fixed JSON', ...base, single_connection: serialOf('baseline_bare_http') },
    health: { what: 'GET /api/health (gateway → api function → database ping)', ...health, ...versus(results.health, results.baseline_bare_http), single_connection: serialOf('health') },
    me_authenticated: { what: 'GET /api/me with Bearer token (JWT verify + user read)', ...meR, ...versus(results.me_authenticated, results.baseline_bare_http), single_connection: serialOf('me_authenticated') },
  };
}

export function summary(r: any): SummaryRow[] {
  const b = r.baseline_bare_http;
  const rows: SummaryRow[] = [];
  for (const [key, label] of [['health', 'GET /api/health'], ['me_authenticated', 'GET /api/me (auth)']] as const) {
    const t = r[key];
    rows.push({ metric: `${label} p50`, value: fmtMs(t.p50_ms), baseline: fmtMs(b.p50_ms), ratio: fmtRatio(t.p50_ratio) });
    rows.push({ metric: `${label} p99`, value: fmtMs(t.p99_ms), baseline: fmtMs(b.p99_ms), ratio: fmtRatio(t.p99_ratio) });
    rows.push({ metric: `${label} 1-conn p50`, value: fmtMs(t.single_connection.p50_ms), baseline: fmtMs(b.single_connection.p50_ms), ratio: fmtRatio(t.single_connection.p50_ratio) });
    rows.push({ metric: `${label} throughput`, value: `${t.req_per_s} req/s`, baseline: `${b.req_per_s} req/s`, ratio: fmtRatio(t.req_per_s_ratio) });
  }
  return rows;
}
