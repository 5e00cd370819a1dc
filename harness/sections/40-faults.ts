/**
 * Faults: a burst of acknowledged writes while (1) FerretDB is killed with SIGKILL (the launcher's watchdog
 * restarts it) and (2) the functions' process (gateway + api) is killed with SIGKILL and started again on
 * the same port and data. Each client retries a failed write once with the same Idempotency-Key, as the
 * mini-program does. Afterwards: every 2xx write must be in the database (lost = 0) and no record half-written
 * (a case without its creation event, a version that disagrees with its history, pending messages not flagged).
 */
import { randomBytes } from 'node:crypto';
import type { HarnessContext } from '../lib/context';
import { caseBody, uploadPhoto } from '../lib/records';
import type { SummaryRow } from '../lib/types';

export const name = 'faults';
export const timeoutMs = 300_000;

type Acked = { kind: 'case'; id: string } | { kind: 'name'; userId: string; name: string; seq: number };

async function burst(ctx: HarnessContext, personas: string[], ms: number, fault: () => Promise<void>, recover: () => Promise<void>) {
  const db = await ctx.db();
  const facilities = await db.collection<{ _id: string; classCode: string; location: { lng: number; lat: number } }>('facilities').find({}).limit(200).toArray();
  const acked: Acked[] = [];
  const counts = { writes: 0, acked: 0, refused_4xx: 0, unavailable_503: 0, no_answer: 0, retried: 0, server_5xx: 0 };
  const lastName = new Map<string, { name: string; seq: number }>();
  const attempted = new Map<string, { name: string; seq: number }[]>();
  const users = new Map((await db.collection<{ _id: string; persona: string }>('users').find({ persona: { $in: personas } }).toArray()).map((u) => [u.persona, u._id]));
  const photos = new Map<string, string>();
  for (const p of personas) photos.set(p, await uploadPhoto(ctx, await ctx.token(p)));
  const stopAt = Date.now() + ms;
  let seq = 0;
  const send = async (method: string, path: string, token: string, body: unknown) => {
    const key = `hf-${randomBytes(9).toString('hex')}`;
    counts.writes++;
    let r = await ctx.api(method, path, { token, body, headers: { 'idempotency-key': key }, timeoutMs: 20_000 });
    if (r.status === 0 || r.status === 503) {
      counts.retried++;
      await new Promise((res) => setTimeout(res, 1500));
      r = await ctx.api(method, path, { token, body, headers: { 'idempotency-key': key }, timeoutMs: 20_000 });
    }
    if (r.status >= 200 && r.status < 300) counts.acked++;
    else if (r.status === 503) counts.unavailable_503++;
    else if (r.status === 0) counts.no_answer++;
    else if (r.status >= 500) counts.server_5xx++;
    else counts.refused_4xx++;
    return r;
  };
  const worker = async (persona: string, w: number) => {
    const token = await ctx.token(persona);
    for (let i = 0; Date.now() < stopAt; i++) {
      if (i % 3 === 0) {
        const f = facilities[(w * 31 + i) % facilities.length];
        const r = await send('POST', '/api/cases', token, caseBody({ id: f._id, classCode: f.classCode, lng: f.location.lng, lat: f.location.lat }, photos.get(persona)!, { kind: 'component' }));
        const id = r.json?.data?.id;
        if (r.status >= 200 && r.status < 300 && typeof id === 'string') acked.push({ kind: 'case', id });
      } else {
        const my = ++seq;
        const name = `测试员${[...String(my)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`;
        (attempted.get(persona) ?? attempted.set(persona, []).get(persona)!).push({ name, seq: my });
        const r = await send('PATCH', '/api/me', token, { name });
        if (r.status >= 200 && r.status < 300) {
          acked.push({ kind: 'name', userId: users.get(persona)!, name, seq: my });
          const prev = lastName.get(persona);
          if (!prev || prev.seq < my) lastName.set(persona, { name, seq: my });
        }
      }
    }
  };
  const running = Promise.all(personas.map((p, w) => worker(p, w)));
  await new Promise((res) => setTimeout(res, ms / 3));
  await fault();
  await recover();
  await running;
  // Checks, straight from the database
  let lost = 0;
  const lostExamples: string[] = [];
  const caseIds = acked.filter((a): a is Extract<Acked, { kind: 'case' }> => a.kind === 'case').map((a) => a.id);
  const found = new Set((await db.collection<{ _id: string }>('cases').find({ _id: { $in: caseIds } }, { projection: { _id: 1 } }).toArray()).map((c) => c._id));
  for (const id of caseIds) if (!found.has(id)) { lost++; lostExamples.push(`case ${id}`); }
  for (const [persona, last] of lastName) {
    const u = await db.collection<{ _id: string; name: string }>('users').findOne({ _id: users.get(persona)! });
    // a persona's worker sends one write at a time: what is stored is its last acknowledged name, or a later one
    // whose answer was lost (applied, not acknowledged — allowed); an earlier one means an acknowledged write was lost
    const laterOrLast = (attempted.get(persona) ?? []).filter((a) => a.seq >= last.seq).map((a) => a.name);
    if (!u || !laterOrLast.includes(u.name)) { lost++; lostExamples.push(`user ${persona}: stored ${u?.name}, acknowledged last ${last.name}`); }
  }
  return { personas: personas.length, ...counts, acked_cases: caseIds.length, lost, lost_examples: lostExamples.slice(0, 20) };
}

/** Records written by several steps of one update must be whole: checked over every case and aggregate. */
async function halfWritten(ctx: HarnessContext) {
  const db = await ctx.db();
  const bad: string[] = [];
  let checked = 0;
  for (const coll of ['cases', 'plaque_complaints', 'pit_alarms', 'pit_projects', 'patrol_rules', 'notices']) {
    const docs = await db.collection<{ _id: string; version?: number; history?: unknown[]; outbox?: unknown[]; hasPending?: boolean }>(coll).find({}).toArray();
    for (const d of docs) {
      checked++;
      if (coll === 'cases' && !(Array.isArray(d.history) && d.history.length > 0)) bad.push(`${coll} ${d._id}: no creation event`);
      if (typeof d.version === 'number' && d.version < 1) bad.push(`${coll} ${d._id}: version ${d.version}`);
      if (Array.isArray(d.outbox) && d.outbox.length > 0 && d.hasPending !== true) bad.push(`${coll} ${d._id}: ${d.outbox.length} messages pending but hasPending=${d.hasPending}`);
    }
  }
  return { records_checked: checked, half_written: bad.length, examples: bad.slice(0, 20) };
}

export async function run(ctx: HarnessContext) {
  const sys = await ctx.system();
  const dbServer = await ctx.database();
  const personas = ctx.size === 'tiny' ? ['citizen', 'citizen2'] : ['citizen', 'citizen2', 'admin', 'city-regulator', 'nancheng-regulator', 'dongcheng-regulator', 'chief-nancheng', 'patroller-nancheng', 'chief-dongcheng', 'unit-roads', 'unit-sanitation', 'shop-owner'];
  const ms = ctx.size === 'tiny' ? 4000 : 15_000;
  const restartsBefore = dbServer.restarts();
  const dbKill = await burst(ctx, personas, ms, async () => {
    const pid = dbServer.pid();
    if (pid) process.kill(pid, 'SIGKILL');
  }, async () => {
    // the watchdog restarts FerretDB on the same port; wait until it answers
    for (let i = 0; i < 60 && dbServer.restarts() === restartsBefore; i++) await new Promise((r) => setTimeout(r, 250));
  });
  const fnKill = await burst(ctx, personas, ms, async () => {
    ctx.killSystem();
    await ctx.systemExited();
  }, async () => {
    await ctx.system(); // same port and data, no re-seed
  });
  const whole = await halfWritten(ctx);
  return { url: sys.url, database_kill: { ...dbKill, watchdog_restarts: dbServer.restarts() - restartsBefore }, function_kill: fnKill, faults_injected: 2, lost: dbKill.lost + fnKill.lost, half_written: whole.half_written, consistency: whole };
}

export function summary(r: any): SummaryRow[] {
  const row = (label: string, x: any): SummaryRow => ({ metric: `${label}: writes / acknowledged / 503 / no answer`, value: `${x.writes} / ${x.acked} / ${x.unavailable_503} / ${x.no_answer}` });
  return [
    row('kill -9 FerretDB', r.database_kill),
    row('kill -9 functions', r.function_kill),
    { metric: 'acknowledged writes lost', value: String(r.lost), expect: '0', ok: r.lost === 0 },
    { metric: `records half-written (of ${r.consistency.records_checked})`, value: String(r.half_written), expect: '0', ok: r.half_written === 0 },
    { metric: '5xx other than 503', value: String(r.database_kill.server_5xx + r.function_kill.server_5xx), expect: '0', ok: r.database_kill.server_5xx + r.function_kill.server_5xx === 0 },
  ];
}

export function failures(r: any): string[] {
  const out = [...r.database_kill.lost_examples, ...r.function_kill.lost_examples, ...r.consistency.examples];
  if (r.database_kill.server_5xx + r.function_kill.server_5xx) out.push(`${r.database_kill.server_5xx + r.function_kill.server_5xx} answers were 5xx other than 503`);
  return out;
}
