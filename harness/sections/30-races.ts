/**
 * Races: for every atomic limit, N concurrent requests from one key (person, phone, shop, partner key) and a
 * count of successes above the limit (breaches). The limits are the product's own constants
 * (platform/limits/limit-slots.ts users); each is at most its per-hour (or per-minute) maximum.
 */
import { createHash } from 'node:crypto';
import type { HarnessContext } from '../lib/context';
import { uploadPhoto } from '../lib/records';
import type { SummaryRow } from '../lib/types';
import { REDEEM_LIMIT } from '../../cloudfunctions/src/contexts/identity/identity.routes';
import { NOTICE_LIMIT } from '../../cloudfunctions/src/contexts/notices/notices.routes';
import { COMPLAINT_LIMIT, SAME_SHOP_LIMIT } from '../../cloudfunctions/src/contexts/plaques/complaints';

export const name = 'races';
export const timeoutMs = 240_000;

type Race = { name: string; limit: number; n: number; send: (i: number) => Promise<{ status: number }>; success?: (status: number) => boolean };
const ok2xx = (s: number) => s >= 200 && s < 300;

async function races(ctx: HarnessContext, n: number): Promise<Race[]> {
  const db = await ctx.db();
  const photoAs = async (persona: string) => uploadPhoto(ctx, await ctx.token(persona));
  const users = await db.collection<{ _id: string; persona?: string; roles?: { role: string; projectIds?: string[] }[] }>('users').find({ persona: { $exists: true } }).toArray();
  const party = users.find((u) => (u.roles ?? []).some((b) => b.role === 'owner' && b.projectIds?.length));
  const projectId = party?.roles?.find((b) => b.role === 'owner')?.projectIds?.[0];
  const citizen = users.find((u) => u.persona === 'citizen')!;
  const reporter = 'unit-roads'; // any signed-in person may report; one the other sections do not use
  const reporterPhoto = await photoAs(reporter);
  const complainant = 'unit-sanitation';
  const complainantPhoto = await photoAs(complainant);
  const partnerKey = `harness-partner-${Date.now()}`;
  // the partner files as its own account (its limits apart from any citizen's)
  const partnerId = `u_harness_partner_${Date.now().toString(36)}`;
  await db.collection('users').insertOne({ _id: partnerId, name: '12345热线（测试）', roles: [], roleKeys: [], createdAt: new Date(), version: 1 } as never);
  await db.collection('open311_keys').insertOne({ _id: createHash('sha256').update(partnerKey).digest('hex'), name: 'harness 12345', cityId: 'dongguan', userId: partnerId, enabled: true } as never);
  for (const p of [reporter, complainant, 'nancheng-regulator', 'citizen2', party?.persona].filter(Boolean)) await ctx.token(p!);
  const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
  const list: Race[] = [
    { name: 'citizen reports (5/h per person)', limit: 5, n, send: async (i) => ctx.api('POST', '/api/cases', { token: await ctx.token(reporter), body: { kind: 'event', classCode: '0104', location: { lng: 113.745, lat: 23.005 }, description: `并发上报第${i}次：路面油污`, photos: [reporterPhoto] } }) },
    { name: `complaints against one shop (${SAME_SHOP_LIMIT.windows[0].max}/day per person and shop; ${COMPLAINT_LIMIT.windows[0].max}/h)`, limit: Math.min(SAME_SHOP_LIMIT.windows[0].max, COMPLAINT_LIMIT.windows[0].max), n, send: async (i) => ctx.api('POST', '/api/plaques/pq_demo0shop0003/complaints', { token: await ctx.token(complainant), body: { classCode: '0102', description: `门口垃圾堆放第${i}次`, photos: [complainantPhoto] } }) },
    { name: `notices (${NOTICE_LIMIT.windows[0].max}/h per sender)`, limit: NOTICE_LIMIT.windows[0].max, n, send: async (i) => ctx.api('POST', '/api/notices', { token: await ctx.token('nancheng-regulator'), body: { cityId: 'dongguan', townId: 'nancheng', title: `南城通知${i}`, body: '明日停水', recipients: [citizen._id] } }) },
    { name: 'SMS login codes (1 per 40 s per phone)', limit: 1, n, send: async () => ctx.api('POST', '/api/auth/sms-code', { body: { phone: '13800139999', purpose: 'login' } }) },
    // every code is wrong: what is counted is the tries the server examined (not refused with 429)
    { name: `invitation redeem tries (${REDEEM_LIMIT.windows[0].max}/h per account)`, limit: REDEEM_LIMIT.windows[0].max, n, send: async (i) => ctx.api('POST', '/api/auth/redeem-invitation', { token: await ctx.token('citizen2'), body: { code: `ZZZZZZZZ${'ABCDEFGHJK'[i % 10]}${'ABCDEFGHJK'[Math.floor(i / 10) % 10]}` } }), success: (s) => s !== 429 },
    { name: 'Open311 partner key (60/min)', limit: 60, n: ctx.size === 'tiny' ? n : Math.max(n, 80), send: async (i) => ctx.api('POST', '/api/open311/v2/requests.json', { raw: form({ api_key: partnerKey, service_code: 'E0104', lat: '23.005', long: '113.745', description: `热线第${i}单：路面油污` }), headers: { 'content-type': 'application/x-www-form-urlencoded' } }) },
  ];
  if (party && projectId) list.push({ name: 'danger alarms (3/h per person and project)', limit: 3, n, send: async (i) => ctx.api('POST', `/api/pit/projects/${projectId}/danger-alarms`, { token: await ctx.token(party.persona!), body: { description: `北侧地面出现裂缝第${i}处` } }) });
  else ctx.warn('races: no project owner persona in the seed; danger-alarm race not run');
  return list;
}

export async function run(ctx: HarnessContext) {
  const n = ctx.size === 'tiny' ? 8 : 40;
  const all = await races(ctx, n);
  const chosen = ctx.size === 'tiny' ? all.slice(0, 1) : all;
  const out = [];
  for (const race of chosen) {
    const t0 = performance.now();
    const rs = await Promise.all(Array.from({ length: race.n }, (_, i) => race.send(i)));
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    const statuses: Record<string, number> = {};
    for (const r of rs) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const successes = rs.filter((r) => (race.success ?? ok2xx)(r.status)).length;
    out.push({ name: race.name, concurrent: race.n, limit: race.limit, successes, breaches: Math.max(0, successes - race.limit), statuses, seconds, server_errors: rs.filter((r) => r.status >= 500 || r.status === 0).length });
  }
  return { races: out.length, breaches: out.reduce((s, r) => s + r.breaches, 0), server_errors: out.reduce((s, r) => s + r.server_errors, 0), per_limit: out };
}

export function summary(r: any): SummaryRow[] {
  return [
    ...r.per_limit.map((x: any) => ({ metric: `${x.name}: ${x.concurrent} at once`, value: `${x.successes} passed`, expect: `≤ ${x.limit}`, ok: x.breaches === 0 && x.server_errors === 0 })),
    { metric: `breaches over ${r.races} limits`, value: String(r.breaches), expect: '0', ok: r.breaches === 0 },
  ];
}

export function failures(r: any): string[] {
  return r.per_limit.filter((x: any) => x.breaches || x.server_errors).map((x: any) => `${x.name}: ${x.successes} passed (limit ${x.limit}), ${x.server_errors} server errors, statuses ${JSON.stringify(x.statuses)}`);
}
