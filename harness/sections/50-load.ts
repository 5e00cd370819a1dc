/**
 * Load: N clients (default 200) for S seconds (default 60), each a demo persona on a phone: a request, then a
 * think time (uniform 1–3 s by default, mean 2 s: reading the answer, tapping on), over a mix of scans (a
 * printed code), reads (me, my reports, inbox, project/case lists) and writes (profile name). Reported: p50/p99
 * for reads and writes, throughput, 5xx. Then the same mix with no think time for a short saturation run
 * (the application's most requests/s), and the baseline — the database floor: the database operations each
 * request type performs, issued straight to FerretDB with the driver (one connection, as the functions use),
 * as fast as it answers; floor req/s = DB ops/s ÷ ops per request of the mix.
 */
import type { Db } from 'mongodb';
import type { HarnessContext } from '../lib/context';
import { rng } from '../lib/pool';
import { ensureCases } from '../lib/records';
import type { SummaryRow } from '../lib/types';

export const name = 'load';
export const timeoutMs = 360_000;

type Kind = 'scan' | 'read' | 'write';
type Op = { name: string; kind: Kind; weight: number; req: (c: Client, i: number) => { method: string; path: string; body?: unknown; token?: string }; db: (db: Db, c: Client) => Promise<unknown>[] | (() => Promise<unknown>)[] };
type Client = { persona: string; token: string; userId: string; codeToken: string; facilityId: string; staff: boolean };

const cnDigits = (n: number) => [...String(n)].map((d) => '零一二三四五六七八九'[Number(d)]).join('');

/**
 * The mix, and for each request type the database operations the route performs (authentication reads the
 * user; then the route's own reads/writes), as replayed for the floor.
 */
const MIX: Op[] = [
  { name: 'scan a code', kind: 'scan', weight: 25, req: (c) => ({ method: 'GET', path: `/api/codes/${c.codeToken}` }),
    db: (db, c) => [() => db.collection('facilities').findOne({ _id: c.facilityId as never }), () => db.collection('cases').find({ facilityId: c.facilityId, state: { $nin: ['closed', 'cancelled'] } }).limit(20).toArray()] },
  { name: 'GET /api/me', kind: 'read', weight: 15, req: (c) => ({ method: 'GET', path: '/api/me', token: c.token }),
    db: (db, c) => [() => db.collection('users').findOne({ _id: c.userId as never })] },
  { name: 'GET /api/inbox', kind: 'read', weight: 15, req: (c) => ({ method: 'GET', path: '/api/inbox', token: c.token }),
    db: (db, c) => [() => db.collection('users').findOne({ _id: c.userId as never }), () => db.collection('inbox').find({ userId: c.userId }).sort({ createdAt: -1 }).limit(50).toArray()] },
  { name: 'my reports / case list', kind: 'read', weight: 15, req: (c) => ({ method: 'GET', path: c.staff ? '/api/cases?state=open' : '/api/cases/mine', token: c.token }),
    db: (db, c) => [() => db.collection('users').findOne({ _id: c.userId as never }), () => db.collection('cases').find(c.staff ? { 'scope.cityId': 'dongguan' } : { 'scope.createdBy': c.userId }).sort({ createdAt: -1 }).limit(50).toArray()] },
  { name: 'GET /api/pit/projects', kind: 'read', weight: 10, req: (c) => ({ method: 'GET', path: '/api/pit/projects', token: c.token }),
    db: (db, c) => [() => db.collection('users').findOne({ _id: c.userId as never }), () => db.collection('pit_projects').find({ 'scope.cityId': 'dongguan' }).limit(50).toArray()] },
  { name: 'PATCH /api/me (name)', kind: 'write', weight: 20, req: (c, i) => ({ method: 'PATCH', path: '/api/me', token: c.token, body: { name: `用户${cnDigits(i % 1000)}` } }),
    db: (db, c) => [() => db.collection('users').findOne({ _id: c.userId as never }), () => db.collection('users').updateOne({ _id: c.userId as never }, { $set: { name: `用户${cnDigits(Date.now() % 1000)}` }, $inc: { version: 1 } })] },
];
const TOTAL_WEIGHT = MIX.reduce((s, o) => s + o.weight, 0);
const pickOp = (x: number) => {
  let acc = 0;
  for (const o of MIX) if ((acc += o.weight) > x * TOTAL_WEIGHT) return o;
  return MIX[MIX.length - 1];
};

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const a = [...xs].sort((x, y) => x - y);
  return Math.round(a[Math.min(a.length - 1, Math.max(0, Math.ceil((p / 100) * a.length) - 1))] * 10) / 10;
};

async function drive(ctx: HarnessContext, clients: Client[], seconds: number, think: [number, number]) {
  const lat: Record<Kind, number[]> = { scan: [], read: [], write: [] };
  const statuses: Record<string, number> = {};
  const byOp: Record<string, number> = {};
  const stopAt = performance.now() + seconds * 1000;
  const t0 = performance.now();
  let done = 0;
  await Promise.all(clients.map(async (c, ci) => {
    const r = rng(7000 + ci);
    // start spread over the first think time, as people do not all tap at once
    await new Promise((res) => setTimeout(res, r() * think[1]));
    for (let i = 0; performance.now() < stopAt; i++) {
      const op = pickOp(r());
      const q = op.req(c, ci * 1000 + i);
      const res = await ctx.api(q.method, q.path, { token: q.token, body: q.body, timeoutMs: 30_000 });
      lat[op.kind].push(res.ms);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      byOp[op.name] = (byOp[op.name] ?? 0) + 1;
      done++;
      if (think[1] > 0) await new Promise((res2) => setTimeout(res2, think[0] + r() * (think[1] - think[0])));
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  const all = [...lat.scan, ...lat.read, ...lat.write];
  const five = Object.entries(statuses).filter(([s]) => s === '0' || s.startsWith('5')).reduce((n, [, k]) => n + k, 0);
  return {
    clients: clients.length, seconds: Math.round(secs * 10) / 10, requests: done, req_per_s: Math.round((done / secs) * 10) / 10,
    p50_ms: pct(all, 50), p99_ms: pct(all, 99),
    reads: { n: lat.read.length + lat.scan.length, p50_ms: pct([...lat.read, ...lat.scan], 50), p99_ms: pct([...lat.read, ...lat.scan], 99) },
    scans: { n: lat.scan.length, p50_ms: pct(lat.scan, 50), p99_ms: pct(lat.scan, 99) },
    writes: { n: lat.write.length, p50_ms: pct(lat.write, 50), p99_ms: pct(lat.write, 99) },
    server_errors: five, statuses, by_request: byOp,
  };
}

/** The database floor: the mix's DB operations straight to FerretDB, one connection, `concurrency` in flight. */
async function floor(ctx: HarnessContext, clients: Client[], seconds: number, concurrency: number) {
  const { uri } = await ctx.database();
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(uri, { maxPoolSize: 1 });
  await client.connect();
  try {
    const db = client.db(ctx.dbName);
    const r = rng(99);
    let ops = 0;
    let requests = 0;
    const stopAt = performance.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < stopAt) {
        const c = clients[(w + requests) % clients.length];
        const op = pickOp(r());
        for (const f of op.db(db, c) as (() => Promise<unknown>)[]) {
          await f();
          ops++;
        }
        requests++;
      }
    }));
    const secs = (performance.now() - t0) / 1000;
    return { concurrency, seconds: Math.round(secs * 10) / 10, db_ops: ops, db_ops_per_s: Math.round((ops / secs) * 10) / 10, ops_per_request: Math.round((ops / requests) * 100) / 100, req_per_s: Math.round((requests / secs) * 10) / 10 };
  } finally {
    await client.close();
  }
}

export async function run(ctx: HarnessContext) {
  await ctx.system();
  await ensureCases(ctx);
  const db = await ctx.db();
  const sys = await ctx.system();
  const users = await db.collection<{ _id: string; persona: string; roles?: unknown[] }>('users').find({ persona: { $exists: true } }).sort({ persona: 1 }).toArray();
  const size = ctx.size;
  const nClients = ctx.options.clients ?? (size === 'tiny' ? 5 : 200);
  const seconds = ctx.options.seconds ?? (size === 'tiny' ? 5 : size === 'quick' ? 20 : 60);
  const thinkMean = ctx.options.thinkMs ?? 2000;
  const think: [number, number] = [thinkMean / 2, (thinkMean * 3) / 2];
  const personaUsers = size === 'tiny' ? users.slice(0, 2) : users;
  const tokens = new Map<string, string>();
  for (const u of personaUsers) tokens.set(u.persona, await ctx.token(u.persona));
  const clients: Client[] = Array.from({ length: nClients }, (_, i) => {
    const u = personaUsers[i % personaUsers.length];
    const code = sys.codes.facilities[i % sys.codes.facilities.length];
    return { persona: u.persona, token: tokens.get(u.persona)!, userId: u._id, codeToken: code.token, facilityId: code.id, staff: (u.roles ?? []).length > 0 };
  });
  const withThink = await drive(ctx, clients, seconds, think);
  const saturation = await drive(ctx, clients, size === 'tiny' ? 3 : 15, [0, 0]);
  const base = await floor(ctx, clients, size === 'tiny' ? 3 : 10, Math.min(nClients, 50));
  return {
    method: { clients: nClients, seconds, think_time_ms: `uniform ${think[0]}–${think[1]} (mean ${thinkMean}) after each answer`, mix: Object.fromEntries(MIX.map((o) => [o.name, `${Math.round((o.weight / TOTAL_WEIGHT) * 100)} %`])), saturation: 'same clients and mix, no think time', floor: 'each request type\'s DB operations (auth user read + the route\'s own), replayed with the driver on one connection (MONGODB_MAX_POOL=1 as the functions), 50 in flight' },
    with_think_time: withThink,
    saturation,
    db_floor: base,
    throughput_vs_floor: Math.round((saturation.req_per_s / base.req_per_s) * 100) / 100,
  };
}

export function summary(r: any): SummaryRow[] {
  const t = r.with_think_time;
  return [
    { metric: `${t.clients} clients × ${t.seconds} s, think ${r.method.think_time_ms.split(' after')[0]}: requests`, value: `${t.requests} (${t.req_per_s} req/s)` },
    { metric: 'reads+scans p50 / p99', value: `${t.reads.p50_ms} / ${t.reads.p99_ms} ms`, expect: 'p99 ≤ 1000', ok: t.reads.p99_ms <= 1000 },
    { metric: 'writes p50 / p99', value: `${t.writes.p50_ms} / ${t.writes.p99_ms} ms`, expect: 'p99 ≤ 1000', ok: t.writes.p99_ms <= 1000 },
    { metric: '5xx / no answer', value: String(t.server_errors + r.saturation.server_errors), expect: '0', ok: t.server_errors + r.saturation.server_errors === 0 },
    { metric: 'saturation (no think time) throughput', value: `${r.saturation.req_per_s} req/s (p99 ${r.saturation.p99_ms} ms)` },
    { metric: `DB floor (${r.db_floor.ops_per_request} ops/request, ${r.db_floor.db_ops_per_s} ops/s)`, value: `${r.db_floor.req_per_s} req/s` },
    { metric: 'throughput / DB floor', value: `${r.throughput_vs_floor}×`, expect: '≥ 0.7', ok: r.throughput_vs_floor >= 0.7 },
  ];
}

/** Only 5xx fail the run; the latency and throughput targets are reported (machine-dependent) in the table. */
export function failures(r: any): string[] {
  const n = r.with_think_time.server_errors + r.saturation.server_errors;
  return n ? [`${n} answers were 5xx or none under load: ${JSON.stringify(r.with_think_time.statuses)} ${JSON.stringify(r.saturation.statuses)}`] : [];
}
