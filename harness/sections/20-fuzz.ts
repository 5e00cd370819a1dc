/**
 * Fuzz: (1) in-process, every parser of untrusted text (harness/lib/parsers.ts) with mutated valid inputs —
 * a crash is any exception that is not our typed DomainError; (2) over HTTP, every route that takes a body,
 * with mutated valid bodies (types, nulls, arrays, huge strings, unicode, __proto__, $ operators) sent by
 * personas of different roles — a crash is a 5xx or no answer.
 */
import { DomainError } from '@cityloop/shared/errors';
import type { HarnessContext } from '../lib/context';
import { bodyFor, fillPath, kindOfRoute, loadEnv, type Doc } from '../lib/idor-targets';
import { mutateBody, mutateText } from '../lib/mutate';
import { PARSERS } from '../lib/parsers';
import { pool, rng } from '../lib/pool';
import { caseBody, ensureCases, NANCHENG_LAMP, uploadPhoto } from '../lib/records';
import type { SummaryRow } from '../lib/types';

export const name = 'fuzz';
export const timeoutMs = 300_000;

function fuzzParsers(total: number) {
  const r = rng(1301);
  const per = Math.ceil(total / PARSERS.length);
  const out: Record<string, { inputs: number; refused: number; accepted: number; crashes: number; max_ms: number }> = {};
  const crashes: { parser: string; error: string; input: string }[] = [];
  for (const p of PARSERS) {
    for (const [i, s] of p.seeds.entries()) {
      try {
        p.parse(s); // the seeds themselves must parse (else the table in harness/lib/parsers.ts is stale)
      } catch (e) {
        throw new Error(`seed ${i} of parser '${p.name}' no longer parses: ${(e as Error).message}`);
      }
    }
    const row = (out[p.name] = { inputs: 0, refused: 0, accepted: 0, crashes: 0, max_ms: 0 });
    for (let i = 0; i < per; i++) {
      const input = mutateText(p.seeds[i % p.seeds.length], r);
      const t0 = performance.now();
      try {
        p.parse(input);
        row.accepted++;
      } catch (e) {
        if (e instanceof DomainError) row.refused++;
        else {
          row.crashes++;
          if (crashes.length < 20) crashes.push({ parser: p.name, error: String((e as Error)?.stack ?? e).slice(0, 400), input: input.slice(0, 300) });
        }
      }
      row.max_ms = Math.max(row.max_ms, Math.round((performance.now() - t0) * 10) / 10);
      row.inputs++;
    }
  }
  return { per_parser: out, inputs: Object.values(out).reduce((n, x) => n + x.inputs, 0), crashes: Object.values(out).reduce((n, x) => n + x.crashes, 0), crash_examples: crashes };
}

/** Who sends each route's fuzzed bodies: roles that pass authentication and reach the validation. */
const SENDERS = ['admin', 'city-regulator', 'nancheng-regulator', 'chief-nancheng', 'citizen'];

async function fuzzHttp(ctx: HarnessContext, total: number) {
  const sys = await ctx.system();
  await ensureCases(ctx);
  const db = await ctx.db();
  const env = await loadEnv(db);
  const users = await db.collection<Doc>('users').find({ persona: { $exists: true } }).toArray();
  const party = users.find((u) => (u.roles ?? []).some((b: { role: string }) => b.role === 'monitor'))?.persona;
  const senders = [...SENDERS, ...(party ? [party] : [])];
  const tokens = await Promise.all(senders.map((p) => ctx.token(p)));
  const photo = await uploadPhoto(ctx, await ctx.token('citizen'));
  const bodyRoutes = sys.routes.filter((x) => x.method !== 'GET' && !x.path.includes('dev-login'));
  // a valid base body and a concrete path (a real record in someone's scope) per route
  const targets: { key: string; method: string; path: string; body: unknown; form?: boolean }[] = [];
  const NO_ID: Record<string, unknown> = {
    'POST /api/cases': caseBody(NANCHENG_LAMP, photo),
    'POST /api/uploads': { sha256: photo, size: 68, contentType: 'image/jpeg', purpose: 'photo' },
    'POST /api/uploads/complete': { sha256: photo, purpose: 'photo' },
    'PATCH /api/me': { name: '张三' },
    'POST /api/me/subscriptions': { templates: { case_update: 'accept' } },
    'POST /api/auth/sms-code': { phone: '13800000001' },
    'POST /api/auth/sms-login': { phone: '13800000001', code: '123456' },
    'POST /api/auth/wx-login': { code: 'harness-code' },
    'POST /api/notices': { title: '停水通知', body: '明日 9:00–12:00 停水', scope: { townId: 'nancheng' }, channels: ['inbox'] },
    'POST /api/patrol/checks': { facilityId: NANCHENG_LAMP.id, result: 'ok', location: { lng: NANCHENG_LAMP.lng, lat: NANCHENG_LAMP.lat } },
    'POST /api/plaques/shops': { name: '测试商户', licenceNo: '91441900MA5X0009', address: '鸿福路 1 号', lng: 113.745, lat: 23.004, ownerName: '王五', ownerPhone: '13911112222', frontageM: 8, depthM: 4 },
  };
  for (const r of bodyRoutes) {
    const key = `${r.method} ${r.path}`;
    if (key === 'POST /api/open311/v2/requests.json') {
      targets.push({ key, method: r.method, path: r.path, body: 'service_code=E0104&lat=23.021&long=113.751&description=%E8%B7%AF%E9%9D%A2%E6%B2%B9%E6%B1%A1', form: true });
      continue;
    }
    if (!r.path.includes(':')) {
      targets.push({ key, method: r.method, path: r.path, body: NO_ID[key] ?? {} });
      continue;
    }
    const k = kindOfRoute(r.method, r.path);
    const coll = 'kind' in k ? k.kind.collection : r.path.includes('/plaques/') ? 'shops' : r.path.includes('/devices/') ? 'pit_devices' : null;
    const d = coll ? await db.collection<Doc>(coll).findOne({}) : null;
    const p = d ? fillPath(r.path.replace(':deviceId', ':id'), d, env) : null;
    if (!d || !p) continue;
    targets.push({ key, method: r.method, path: p, body: bodyFor(r.method, r.path, d) ?? {} });
  }
  const r = rng(2027);
  const statuses: Record<string, number> = {};
  const perRoute: Record<string, Record<string, number>> = {};
  const crashes: { route: string; status: number; body: string; answer: string }[] = [];
  const tasks = Array.from({ length: total }, (_, i) => {
    const t = targets[i % targets.length];
    const who = Math.floor(r() * tokens.length);
    const raw = t.form ? mutateText(t.body as string, r) : mutateBody(t.body, r);
    return async () => {
      const res = await ctx.api(t.method, t.path, { token: tokens[who], raw, headers: t.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {} });
      const s = String(res.status);
      statuses[s] = (statuses[s] ?? 0) + 1;
      (perRoute[t.key] ??= {})[s] = (perRoute[t.key]?.[s] ?? 0) + 1;
      if (res.status >= 500 || res.status === 0) if (crashes.length < 30) crashes.push({ route: t.key, status: res.status, body: raw.slice(0, 300), answer: JSON.stringify(res.json).slice(0, 300) });
      else if (res.status >= 500 || res.status === 0) crashes.push({ route: t.key, status: res.status, body: '', answer: '' });
    };
  });
  await pool(6, tasks);
  const fives = Object.entries(statuses).filter(([s]) => s === '0' || s.startsWith('5')).reduce((n, [, c]) => n + c, 0);
  return { routes: targets.length, requests: total, statuses, server_errors: fives, crash_examples: crashes.slice(0, 30), per_route: perRoute };
}

export async function run(ctx: HarnessContext) {
  const inProcess = ctx.size === 'tiny' ? 200 : 105_000;
  const overHttp = ctx.size === 'tiny' ? 60 : ctx.size === 'quick' ? 1500 : 4000;
  const t0 = performance.now();
  const parsers = fuzzParsers(inProcess);
  const parsers_s = Math.round((performance.now() - t0) / 100) / 10;
  const http = await fuzzHttp(ctx, overHttp);
  return { inputs_total: parsers.inputs + http.requests, parsers: { ...parsers, seconds: parsers_s }, http };
}

export function summary(r: any): SummaryRow[] {
  return [
    { metric: `in-process inputs (${Object.keys(r.parsers.per_parser).length} parsers)`, value: String(r.parsers.inputs) },
    { metric: 'parser crashes (not our typed error)', value: String(r.parsers.crashes), expect: '0', ok: r.parsers.crashes === 0 },
    { metric: `HTTP mutated bodies (${r.http.routes} routes)`, value: String(r.http.requests) },
    { metric: 'HTTP 5xx / no answer', value: String(r.http.server_errors), expect: '0', ok: r.http.server_errors === 0 },
    { metric: 'inputs in total', value: String(r.inputs_total), expect: '≥ 100000 (full, quick)' },
  ];
}

export function failures(r: any): string[] {
  return [...r.parsers.crash_examples.map((c: any) => `${c.parser}: ${c.error.split('\n')[0]}`), ...r.http.crash_examples.map((c: any) => `${c.route} → ${c.status} for ${c.body.slice(0, 120)}: ${c.answer.slice(0, 160)}`)];
}
