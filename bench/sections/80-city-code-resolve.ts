import path from 'node:path';
import { benchDir, repoRoot, type BenchContext } from '../lib/context';
import { spawnNode } from '../lib/child';
import { runLoad, type LoadResult } from '../lib/load';
import { fmtMs, fmtRatio, median, ratio, round } from '../lib/stats';
import type { SummaryRow } from '../lib/types';

export const name = 'city_code_resolve';
export const timeoutMs = 240_000;

/** The budget: p99 of a scan (`GET /api/codes/<token>`) under 100 concurrent connections. */
const MAX_P99_MS = 30;
const CONNECTIONS = 100;
const REQUESTS = 10_000; // per target per round, across the connections: p99 = the 100th slowest, not the 30th
const WARMUP = 1000;
const ROUNDS = 3; // targets interleaved; each round scans a different facility; medians reported
const MAX_MS_PER_RUN = 20_000;
const SERIAL_REQUESTS = 200; // one connection, one request at a time: service time without queueing
const SERIAL_WARMUP = 20;

const METRICS = ['req_per_s', 'p50_ms', 'p90_ms', 'p99_ms', 'max_ms', 'mean_ms'] as const;
function combine(rounds: LoadResult[]) {
  const out: Record<string, unknown> = {};
  for (const k of METRICS) out[k] = round(median(rounds.map((r) => r[k])), k === 'req_per_s' ? 0 : 3);
  out.p99_ms_per_round = rounds.map((r) => r.p99_ms);
  out.req_per_s_per_round = rounds.map((r) => r.req_per_s);
  out.requests = rounds.reduce((s, r) => s + r.requests, 0);
  out.non_2xx = rounds.reduce((s, r) => s + r.non_2xx, 0);
  out.errors = rounds.reduce((s, r) => s + r.errors, 0);
  const err = rounds.find((r) => r.first_error)?.first_error;
  if (err) out.first_error = err;
  if (rounds.some((r) => r.truncated_by_time_bound)) out.truncated_by_time_bound = true;
  return out as Record<(typeof METRICS)[number], number> & Record<string, unknown>;
}
const perRound = (t: LoadResult[], b: LoadResult[], k: 'p50_ms' | 'p99_ms' | 'req_per_s') => round(median(t.map((x, i) => ratio(x[k], b[i][k], 4) ?? NaN)), 2);

/**
 * Scanning a city service code through the running system: the local gateway → api function → signature
 * check → facility read (+ its open cases), under 100 keep-alive connections, beside `GET /api/health`
 * (gateway → api function → database ping) with the same generator, rounds interleaved. Also one
 * connection at a time (service time without queueing).
 */
export async function run(ctx: BenchContext) {
  const db = await ctx.database();
  const dbName = ctx.dbName('city_codes');
  const dir = path.join(ctx.tmp, 'city-system');
  const child = spawnNode({ label: 'local system (city codes)', args: ['--import', 'tsx', path.join(benchDir, 'children', 'city-system.ts'), dbName, dir, String(ROUNDS)], env: { ...process.env, MONGODB_URI: db.uri, CITYLOOP_LOG: 'silent', CITYLOOP_DATA: dir }, cwd: repoRoot });
  ctx.onCleanup(() => child.stop());
  const { value } = await child.waitFor<{ url: string; tokens: string[] }>('READY', 120_000);
  const { url, tokens } = value;

  for (const t of tokens) {
    const r = await fetch(`${url}/api/codes/${t}`);
    const body = (await r.json()) as { data?: { kind?: string } };
    if (r.status !== 200 || body.data?.kind !== 'facility') throw new Error(`GET /api/codes/${t} answered ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
  const forged = await fetch(`${url}/api/codes/${tokens[0].slice(0, -2)}xx`);
  await forged.arrayBuffer();
  if (forged.status !== 400) throw new Error(`a forged token answered ${forged.status}, not 400`);

  const load = (u: string, connections: number) =>
    connections === 1
      ? runLoad({ url: u, connections: 1, requests: SERIAL_REQUESTS, warmup: SERIAL_WARMUP, maxMs: MAX_MS_PER_RUN })
      : runLoad({ url: u, connections, requests: REQUESTS, warmup: WARMUP, maxMs: MAX_MS_PER_RUN });
  const res = { health: [] as LoadResult[], code: [] as LoadResult[], health1: [] as LoadResult[], code1: [] as LoadResult[] };
  for (let r = 0; r < ROUNDS; r++) {
    const codeUrl = `${url}/api/codes/${tokens[r % tokens.length]}`;
    res.health1.push(await load(`${url}/api/health`, 1));
    res.code1.push(await load(codeUrl, 1));
    res.health.push(await load(`${url}/api/health`, CONNECTIONS));
    res.code.push(await load(codeUrl, CONNECTIONS));
  }
  const all = [...res.health, ...res.code, ...res.health1, ...res.code1];
  const bad = all.find((r) => r.errors || r.non_2xx);
  if (bad) throw new Error(`requests failed: ${bad.errors} errors, ${bad.non_2xx} non-2xx (${bad.first_error})`);

  const health = combine(res.health);
  const code = combine(res.code);
  const serial = (rs: LoadResult[]) => ({ requests: rs.reduce((n, r) => n + r.requests, 0), p50_ms: round(median(rs.map((r) => r.p50_ms))), p99_ms: round(median(rs.map((r) => r.p99_ms))), mean_ms: round(median(rs.map((r) => r.mean_ms))) });
  const pass = ctx.budget('city_code_resolve_p99_ms', { unit: 'ms', limit: MAX_P99_MS, actual: code.p99_ms });
  if (!pass) {
    ctx.warn(
      `city_code_resolve: p99 ${code.p99_ms} ms at ${CONNECTIONS} connections > ${MAX_P99_MS} ms. In a closed loop latency ≈ connections / throughput (Little's law): ` +
        `${code.req_per_s} req/s → ~${Math.round((CONNECTIONS / code.req_per_s) * 1000)} ms mean wait; health alone is at p99 ${health.p99_ms} ms. Service time (1 connection): p50 ${serial(res.code1).p50_ms} ms.`,
    );
  }
  return {
    method: {
      connections: CONNECTIONS, requests_per_round: REQUESTS, warmup_per_round: WARMUP, rounds: ROUNDS, keep_alive: true,
      aggregate: 'median of rounds; targets interleaved round by round; ratios: median of per-round ratios',
      target: 'GET /api/codes/<id>.<sig> for a seeded facility (a different one each round): HMAC check, then the instance cache (fresh 3 s, served stale ≤ 13 s while one refresh reads the facility by _id and its open cases)',
      baseline: 'GET /api/health on the same system (gateway → api function → database ping)',
      single_connection: `${SERIAL_REQUESTS} requests per round after ${SERIAL_WARMUP} warm-up, one at a time`,
      system: 'startLocalSystem in its own process (bench/children/city-system.ts), demo seed, FerretDB, MONGODB_MAX_POOL=1, CITYLOOP_LOG=silent',
      budget: `p99 at ${CONNECTIONS} connections ≤ ${MAX_P99_MS} ms`,
    },
    health: { ...health, single_connection: serial(res.health1) },
    code_resolve: {
      ...code,
      p50_ratio: perRound(res.code, res.health, 'p50_ms'),
      p99_ratio: perRound(res.code, res.health, 'p99_ms'),
      req_per_s_ratio: perRound(res.code, res.health, 'req_per_s'),
      single_connection: { ...serial(res.code1), p50_ratio: perRound(res.code1, res.health1, 'p50_ms') },
    },
    forged_token_status: forged.status,
  };
}

export function summary(r: any): SummaryRow[] {
  const c = r.code_resolve;
  const h = r.health;
  return [
    { metric: `GET /api/codes p50 (${CONNECTIONS} conn)`, value: fmtMs(c.p50_ms), baseline: fmtMs(h.p50_ms), ratio: fmtRatio(c.p50_ratio) },
    { metric: `GET /api/codes p99 (${CONNECTIONS} conn)`, value: fmtMs(c.p99_ms), baseline: fmtMs(h.p99_ms), ratio: fmtRatio(c.p99_ratio) },
    { metric: 'GET /api/codes 1-conn p50', value: fmtMs(c.single_connection.p50_ms), baseline: fmtMs(h.single_connection.p50_ms), ratio: fmtRatio(c.single_connection.p50_ratio) },
    { metric: 'GET /api/codes throughput', value: `${c.req_per_s} req/s`, baseline: `${h.req_per_s} req/s`, ratio: fmtRatio(c.req_per_s_ratio) },
  ];
}
