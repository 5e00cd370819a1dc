/**
 * IDOR matrix: every demo persona (and an anonymous caller) × every route that addresses a record by id ×
 * records of that kind the persona must not reach (the rule's predicate says no, read from the seeded database).
 * A wrong success is a 2xx on such a record; a list route returning a record outside scope counts too.
 */
import type { Actor } from '@cityloop/shared/identity/roles';
import type { HarnessContext } from '../lib/context';
import { bodyFor, fillPath, kindOfRoute, LIST_QUERIES, LISTS, loadEnv, type Doc } from '../lib/idor-targets';
import { pool, spread } from '../lib/pool';
import { ensureCases } from '../lib/records';
import type { SummaryRow } from '../lib/types';

export const name = 'idor';
export const timeoutMs = 240_000;

type Persona = { key: string; token: string | null; actor: NonNullable<Actor> };

export async function run(ctx: HarnessContext) {
  const sys = await ctx.system();
  await ensureCases(ctx);
  const db = await ctx.db();
  const env = await loadEnv(db);
  const users = await db.collection<Doc>('users').find({ persona: { $exists: true } }).sort({ persona: 1 }).toArray();
  const perRecord = ctx.size === 'full' ? 6 : ctx.size === 'quick' ? 3 : 1;
  const chosenUsers = ctx.size === 'tiny' ? users.filter((u) => u.persona === 'citizen2') : users;
  const personas: Persona[] = [];
  for (const u of chosenUsers) personas.push({ key: u.persona, token: await ctx.token(u.persona), actor: { userId: u._id, roles: u.roles ?? [] } });
  // the anonymous caller: no rule but public ones reaches anything (an actor with no id and no roles)
  if (ctx.size !== 'tiny') personas.push({ key: '(anonymous)', token: null, actor: { userId: '\u0000anonymous', roles: [] } });

  const docsCache = new Map<string, Doc[]>();
  const docsOf = async (collection: string) => {
    if (!docsCache.has(collection)) docsCache.set(collection, await db.collection<Doc>(collection).find({}).toArray());
    return docsCache.get(collection)!;
  };

  const idRoutes = sys.routes.filter((r) => r.path.includes(':'));
  const skipped: Record<string, string> = {};
  const tasks: (() => Promise<void>)[] = [];
  const byStatus: Record<string, number> = {};
  const byRoute: Record<string, { attempts: number; wrong: number; statuses: Record<string, number> }> = {};
  const wrong: { persona: string; route: string; record: string; status: number }[] = [];
  const noForeign: string[] = [];
  let attempts = 0;
  for (const r of idRoutes) {
    const routeKey = `${r.method} ${r.path}`;
    const k = kindOfRoute(r.method, r.path);
    if ('skip' in k) {
      skipped[routeKey] = k.skip;
      continue;
    }
    const docs = await docsOf(k.kind.collection);
    let any = false;
    for (const p of personas) {
      const foreign = spread(docs.filter((d) => !k.kind.inside(p.actor, d, env)), perRecord);
      for (const d of foreign) {
        const path = fillPath(r.path, d, env);
        if (!path) continue;
        any = true;
        attempts++;
        tasks.push(async () => {
          const res = await ctx.api(r.method, path, { token: p.token ?? undefined, body: bodyFor(r.method, r.path, d) });
          const s = String(res.status);
          byStatus[s] = (byStatus[s] ?? 0) + 1;
          const row = (byRoute[routeKey] ??= { attempts: 0, wrong: 0, statuses: {} });
          row.attempts++;
          row.statuses[s] = (row.statuses[s] ?? 0) + 1;
          if (res.status >= 200 && res.status < 300) {
            row.wrong++;
            wrong.push({ persona: p.key, route: routeKey, record: d._id, status: res.status });
          }
        });
      }
    }
    if (!any) noForeign.push(routeKey);
  }
  await pool(6, tasks);

  // Lists: every id of the listed kind in the answer must be inside the persona's scope.
  let listCalls = 0;
  let listItemsChecked = 0;
  const listWrong: { persona: string; route: string; record: string }[] = [];
  for (const [routeKey, kind] of Object.entries(LISTS)) {
    if (!sys.routes.some((r) => `${r.method} ${r.path}` === routeKey)) throw new Error(`list route ${routeKey} is no longer registered: update harness/lib/idor-targets.ts`);
    const docs = await docsOf(kind.collection);
    const byId = new Map(docs.map((d) => [d._id, d]));
    for (const p of personas) {
      for (const q of LIST_QUERIES[routeKey] ?? ['']) {
        const res = await ctx.api('GET', routeKey.split(' ')[1] + q, { token: p.token ?? undefined });
        listCalls++;
        if (res.status < 200 || res.status >= 300) continue;
        const ids = new Set<string>();
        const walk = (x: unknown) => {
          if (typeof x === 'string') { if (byId.has(x)) ids.add(x); }
          else if (Array.isArray(x)) x.forEach(walk);
          else if (x && typeof x === 'object') Object.values(x).forEach(walk);
        };
        walk(res.json?.data);
        for (const id of ids) {
          listItemsChecked++;
          if (!kind.inside(p.actor, byId.get(id)!, env)) listWrong.push({ persona: p.key, route: routeKey + q, record: id });
        }
      }
    }
  }
  return {
    personas: personas.map((p) => p.key),
    routes_total: sys.routes.length,
    id_routes: idRoutes.length,
    id_routes_tried: Object.keys(byRoute).length,
    attempts,
    wrong_successes: wrong.length,
    wrong: wrong.slice(0, 30),
    statuses: byStatus,
    list_calls: listCalls,
    list_items_checked: listItemsChecked,
    list_wrong: listWrong.length,
    list_wrong_examples: listWrong.slice(0, 30),
    by_route: byRoute,
    routes_without_foreign_records: noForeign,
    routes_skipped: skipped,
  };
}

export function summary(r: any): SummaryRow[] {
  return [
    { metric: `attempts (${r.personas.length} personas × ${r.id_routes_tried} id routes × foreign records)`, value: String(r.attempts) },
    { metric: 'wrong successes (2xx outside scope)', value: String(r.wrong_successes), expect: '0', ok: r.wrong_successes === 0 },
    { metric: `list calls / listed records checked`, value: `${r.list_calls} / ${r.list_items_checked}` },
    { metric: 'lists returning a record outside scope', value: String(r.list_wrong), expect: '0', ok: r.list_wrong === 0 },
    { metric: '5xx answers', value: String(Object.entries(r.statuses).filter(([s]) => s.startsWith('5') || s === '0').reduce((n, [, c]) => n + (c as number), 0)), expect: '0' },
  ];
}

export function failures(r: any): string[] {
  const out: string[] = [];
  for (const w of r.wrong) out.push(`${w.persona} got ${w.status} on ${w.route} for ${w.record}`);
  for (const w of r.list_wrong_examples) out.push(`${w.persona} listed ${w.record} via ${w.route}`);
  const fives = Object.entries(r.statuses).filter(([s]) => s.startsWith('5') || s === '0');
  if (fives.length) out.push(`server errors / no answer: ${JSON.stringify(Object.fromEntries(fives))}`);
  return out;
}
