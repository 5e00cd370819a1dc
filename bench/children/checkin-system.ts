/**
 * The whole local system (no demo seed, timers idle) plus check-in sites ready for a burst, in its own process.
 * Usage: node --import tsx checkin-system.ts <dbName> <dir> <sites> <peoplePerSite>   (MONGODB_URI in env)
 * Each site is a pit project (`pit_site`, 200 m fence); each person a monitoring-unit party of one site, enrolled
 * through the API with a stand-in face photo, holding a site photo and a face photo ready (uploaded as their own).
 * Prints `READY {"url", "people": [{token, body}]}` (body without direction); stops when stdin closes.
 * Counts the database commands the system sends (driver command monitoring, on because the parent sets
 * `CITYLOOP_DB_TRACE_MS` high): a stdin line `counts <n>` prints `COUNTS<n> {total, by}` for the commands since the
 * previous line, `by` keyed `<command> <collection>`.
 */
import { startLocalSystem } from '../../cloudfunctions/dev/system';
import { instanceDeps } from '../../cloudfunctions/src/platform/runtime';
import { SYSTEM } from '../../cloudfunctions/src/contexts';
import { issueToken } from '../../cloudfunctions/src/platform/auth/jwt';
import { USERS, type User } from '../../cloudfunctions/src/platform/auth/users';
import { PIT_PROJECTS, type PitProject } from '../../cloudfunctions/src/contexts/pit/pit.collections';
import { standinFaceImage } from '../../cloudfunctions/dev/standins/tencent/iai-face.handler';
import { roleKeysOf } from '../../shared/src/identity/roles';
import { createHash } from 'node:crypto';

const [dbName, dir, sitesArg, perSiteArg] = process.argv.slice(2);
const SITES = Number(sitesArg ?? 10);
const PER_SITE = Number(perSiteArg ?? 5);
const sys = await startLocalSystem({ port: 0, dbName, dir, seed: false, timerMs: 3_600_000 });
const deps = await instanceDeps(SYSTEM);
const { db } = deps;
let counted: Record<string, number> = {};
db.client.on('commandStarted', (e) => {
  const target = (e.command as Record<string, unknown>)[e.commandName];
  const key = `${e.commandName} ${typeof target === 'string' ? target : ''}`.trim();
  counted[key] = (counted[key] ?? 0) + 1;
});
const stamp = Date.now().toString(36);

async function call(method: string, p: string, token: string, body?: unknown) {
  const res = await fetch(sys.url + p, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = (await res.json()) as { data?: any; message?: string };
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json.data;
}
async function upload(token: string, bytes: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const s = await call('POST', '/api/uploads', token, { sha256, size: bytes.length, contentType: 'image/jpeg', purpose: 'photo' });
  if (s.uploadUrl) await fetch(s.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) });
  await call('POST', '/api/uploads/complete', token, { sha256, purpose: 'photo' });
  return sha256;
}
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idNumber = (n: number) => {
  const body = `44200019900112${String(n).padStart(3, '0')}`;
  return body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * W[i], 0) % 11];
};

const people: { token: string; body: Record<string, unknown> }[] = [];
const base = { version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false };
for (let s = 0; s < SITES; s++) {
  const projectId = `pj_ck${String(s).padStart(3, '0')}${stamp}`;
  const location = { lng: 113.39 + s * 0.01, lat: 22.52 };
  const users: User[] = Array.from({ length: PER_SITE }, (_, i) => {
    const roles = [{ role: 'monitor' as const, cityId: 'zhongshan', projectIds: [projectId] }];
    return { _id: `u_ck${s}_${i}_${stamp}`, name: `监测员${s}-${i}`, roles, roleKeys: roleKeysOf(roles), createdAt: new Date(), version: 1 } as User;
  });
  await db.collection<User>(USERS).insertMany(users);
  await db.collection<PitProject>(PIT_PROJECTS).insertOne({
    _id: projectId, ...base, name: `签到压测工地${s}`, address: '测试路1号', location, safetyLevel: 1, depthM: 12, supportType: 'pile',
    scope: { cityId: 'zhongshan', townId: 'shiqi', projectId }, parties: { monitor: { org: 'm', people: users.map((u) => ({ userId: u._id })) } },
    status: 'active', config: { levels: { yellow: 0.7, orange: 0.85, red: 1 }, consecutive: { n: 3, fraction: 0.7 } }, plan: { stage: 'excavation_deep', frequencies: {} }, worstLevel: 'normal', createdAt: new Date(),
  } as unknown as PitProject);
  // the people of a site set up side by side
  await Promise.all(users.map(async (u, i) => {
    const token = await issueToken(deps.config.jwtSecret, u._id, 3600);
    const label = `p${s}x${i}`;
    await call('POST', '/api/checkins/enrolment', token, { name: u.name, idNumber: idNumber(s * 100 + i), photoHash: await upload(token, standinFaceImage(label, { salt: 'enrol' })) });
    const photoHash = await upload(token, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`scene ${label}`)]));
    const face = await upload(token, standinFaceImage(label, { salt: 'live' }));
    people.push({ token, body: { siteKind: 'pit_site', siteId: projectId, gps: { lng: location.lng, lat: location.lat + i * 0.0002, accuracyM: 10 }, photoHash, face: { photoHash: face } } });
  }));
}

process.stdout.write(`READY ${JSON.stringify({ url: sys.url, people })}\n`);
process.stdin.setEncoding('utf8');
let pending = '';
process.stdin.on('data', (d: string) => {
  pending += d;
  let nl: number;
  while ((nl = pending.indexOf('\n')) >= 0) {
    const m = /^counts (\w+)$/.exec(pending.slice(0, nl).trim());
    pending = pending.slice(nl + 1);
    if (!m) continue;
    const by = counted;
    counted = {};
    process.stdout.write(`COUNTS${m[1]} ${JSON.stringify({ total: Object.values(by).reduce((a, b) => a + b, 0), by })}\n`);
  }
});
process.stdin.on('end', async () => {
  await sys.stop().catch((e) => console.error(e));
  process.exit(0);
});
