/**
 * The whole local system (gateway + functions + stand-ins, no demo seed, timers idle) plus N fresh pit
 * projects ready to alarm, in its own process (startLocalSystem sets process.env: one per process).
 * Usage: node --import tsx pit-alarm-system.ts <dbName> <dir> <projects>   (MONGODB_URI in env)
 * Each project is alone in its own town: five parties and a town regulator, each a user with a phone and an
 * openid, so an orange alarm goes to six phones and no number meets the stand-in's daily SMS limit.
 * Prints `READY {"url", "projects": [{id, name, token}]}`; stops the system and exits when stdin closes.
 */
import { startLocalSystem } from '../../cloudfunctions/dev/system';
import { instanceDeps } from '../../cloudfunctions/src/platform/runtime';
import { SYSTEM } from '../../cloudfunctions/src/contexts';
import { issueToken } from '../../cloudfunctions/src/platform/auth/jwt';
import { USERS, type User } from '../../cloudfunctions/src/platform/auth/users';
import { pointsChanged } from '../../cloudfunctions/src/contexts/pit/ingest-heads';
import { PIT_POINTS, PIT_PROJECTS, type PartyRole, type PitPoint, type PitProject } from '../../cloudfunctions/src/contexts/pit/pit.collections';
import { roleKeysOf, type RoleBinding } from '../../shared/src/identity/roles';

const [dbName, dir, countArg] = process.argv.slice(2);
const COUNT = Number(countArg ?? 31);
const sys = await startLocalSystem({ port: 0, dbName, dir, seed: false, timerMs: 3_600_000 });
const deps = await instanceDeps(SYSTEM);
const { db } = deps;

const PARTIES: PartyRole[] = ['owner', 'contractor', 'supervisor', 'monitor', 'designer'];
const base = { version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false };
const projects: { id: string; name: string; token: string }[] = [];
const stamp = Date.now().toString(36);
for (let k = 0; k < COUNT; k++) {
  const projectId = `pj_alarm${String(k).padStart(3, '0')}${stamp}`;
  const townId = `benchtown${k}`;
  const scope = { cityId: 'dongguan', townId, projectId };
  const name = `压测基坑${String(k).padStart(3, '0')}`;
  const people = {} as Record<PartyRole, { id: string; phone: string }>;
  const users: User[] = [];
  const mk = (key: string, roles: RoleBinding[], i: number) => {
    const id = `u_alarm${k}_${key}_${stamp}`;
    const phone = `136${String(k).padStart(4, '0')}${String(i).padStart(4, '0')}`;
    users.push({ _id: id, name: `${key}${k}`, roles, roleKeys: roleKeysOf(roles), createdAt: new Date(), version: 1, phone, openid: sys.standins.wechat.issueOpenid(`${projectId}-${key}`) } as User);
    return { id, phone };
  };
  PARTIES.forEach((role, i) => { people[role] = mk(role, [{ role, cityId: 'dongguan', projectIds: [projectId] }], i); });
  mk('townRegulator', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId }], 5);
  await db.collection<User>(USERS).insertMany(users);
  const project: PitProject = {
    _id: projectId,
    ...base,
    name,
    address: '测试路1号',
    location: { lng: 113.75, lat: 23.0 },
    safetyLevel: 1,
    depthM: 12,
    supportType: 'pile',
    scope,
    parties: Object.fromEntries(PARTIES.map((r) => [r, { org: r, people: [{ userId: people[r].id, name: r, phone: people[r].phone }] }])) as PitProject['parties'],
    config: { levels: { yellow: 0.7, orange: 0.85, red: 1 }, consecutive: { n: 3, fraction: 0.7 }, leveling: { benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', kMm: 1.0, stationDiffLimitMm: 0.4 } },
    status: 'active',
    plan: { stage: 'excavation_shallow', frequencies: {} },
    worstLevel: 'normal',
    createdAt: new Date(),
  };
  await db.collection<PitProject>(PIT_PROJECTS).insertOne(project);
  const point = (code: string, initialM: number): PitPoint => ({ _id: `${projectId}/${code}`, ...base, projectId, scope, code, item: 'wallTopVertical', initialM, control: { cumulative: 10, rate: 2 }, controlSource: 'standard' });
  await db.collection<PitPoint>(PIT_POINTS).insertMany([point('ZQS1', 99.5), point('ZQS2', 99.6)]);
  await pointsChanged(db, projectId);
  projects.push({ id: projectId, name, token: await issueToken(deps.config.jwtSecret, people.monitor.id, 3600) });
}

process.stdout.write(`READY ${JSON.stringify({ url: sys.url, projects })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await sys.stop().catch((e) => console.error(e));
  process.exit(0);
});
