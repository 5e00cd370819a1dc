import http from 'node:http';
import { mean, percentile, round, sorted } from './stats';

export type LoadOptions = {
  url: string; // e.g. http://127.0.0.1:1234/api/health
  headers?: Record<string, string>;
  /** Concurrent keep-alive connections, each with one request in flight. */
  connections: number;
  /** Measured requests, in total across all connections. */
  requests: number;
  /** Requests before measuring (opens the connections, warms the JIT); not counted. */
  warmup: number;
  /** Hard bound for the measured phase; whatever finished by then is reported. */
  maxMs: number;
};

export type LoadResult = {
  connections: number;
  requests: number;
  ok_2xx: number;
  non_2xx: number;
  errors: number;
  sockets_opened: number;
  duration_ms: number;
  req_per_s: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  mean_ms: number;
  truncated_by_time_bound: boolean;
  first_error?: string;
};

function once(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<{ status: number; ms: number; fresh: boolean }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request(url, { agent, method: 'GET', headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - t0) / 1e6, fresh: !req.reusedSocket }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out after 10 s')));
    req.on('error', reject);
    req.end();
  });
}

async function phase(agent: http.Agent, url: URL, headers: Record<string, string>, connections: number, total: number, maxMs: number) {
  const lat: number[] = [];
  let issued = 0;
  let ok = 0, non2xx = 0, errors = 0, fresh = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + maxMs;
  let truncated = false;
  const worker = async () => {
    while (issued < total) {
      if (performance.now() > deadline) { truncated = true; return; }
      issued++;
      try {
        const r = await once(agent, url, headers);
        lat.push(r.ms);
        if (r.fresh) fresh++;
        if (r.status >= 200 && r.status < 300) ok++;
        else { non2xx++; firstError ??= `HTTP ${r.status}`; }
      } catch (e) {
        errors++;
        firstError ??= (e as Error).message;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  return { lat, ok, non2xx, errors, fresh, firstError, truncated, ms: performance.now() - t0 };
}

/**
 * A small closed-loop load generator: `connections` workers on one keep-alive agent, each sending its next
 * request as soon as the previous answer has been read. Latency = request start → last byte of the body.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`load generator only talks to 127.0.0.1, not ${url.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections, maxFreeSockets: o.connections });
  const headers = { accept: 'application/json', ...o.headers };
  try {
    const warm = await phase(agent, url, headers, o.connections, o.warmup, o.maxMs);
    const m = await phase(agent, url, headers, o.connections, o.requests, o.maxMs);
    const asc = sorted(m.lat);
    return {
      connections: o.connections,
      requests: m.lat.length + m.errors,
      ok_2xx: m.ok,
      non_2xx: m.non2xx,
      errors: m.errors,
      sockets_opened: warm.fresh + m.fresh,
      duration_ms: round(m.ms, 1),
      req_per_s: round((m.lat.length / m.ms) * 1000, 0),
      p50_ms: round(percentile(asc, 50)),
      p90_ms: round(percentile(asc, 90)),
      p99_ms: round(percentile(asc, 99)),
      max_ms: round(asc[asc.length - 1] ?? NaN),
      mean_ms: round(mean(m.lat)),
      truncated_by_time_bound: m.truncated,
      ...(m.firstError ? { first_error: m.firstError } : {}),
    };
  } finally {
    agent.destroy();
  }
}
