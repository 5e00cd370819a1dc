import { after, before } from 'node:test';
import { createHash } from 'node:crypto';
import type { RoleBinding } from '@cityloop/shared/identity/roles';
import { startTestSystem, type TestSystem } from './test-system';
import { PIT_POINTS, PIT_PROJECTS, type PartyRole, type PitPoint, type PitProject } from '../../src/contexts/pit/pit.collections';
import { writeGsiBffb } from '@cityloop/shared/pit/domain/gsi-writer';

export type PitFixture = {
  projectId: string;
  people: Record<PartyRole | 'townRegulator' | 'cityRegulator' | 'otherTownRegulator' | 'otherProjectMonitor', { id: string; token: string; openid: string; phone: string }>;
};

let n = 0;
/** A level-1 pile pit in Nancheng with its five parties (each a user with an openid and phone) and regulators. */
export async function buildPit(sys: TestSystem, opts: { townId?: string } = {}): Promise<PitFixture> {
  const projectId = `pj_test${String(++n).padStart(4, '0')}${Date.now().toString(36)}`;
  const townId = opts.townId ?? 'nancheng';
  const scope = { cityId: 'dongguan', townId, projectId };
  const mk = async (key: string, roles: RoleBinding[], i: number) => {
    const openid = await sys.standins.wechat.issueOpenid(`${projectId}-${key}`);
    const phone = `1370000${String(n).padStart(2, '0')}${String(i).padStart(2, '0')}`;
    const u = await sys.user(key, roles, { openid, phone });
    return { ...u, openid, phone };
  };
  const parties = ['owner', 'contractor', 'supervisor', 'monitor', 'designer'] as PartyRole[];
  const people = {} as PitFixture['people'];
  let i = 0;
  for (const role of parties) people[role] = await mk(role, [{ role, cityId: 'dongguan', projectIds: [projectId] }], i++);
  people.townRegulator = await mk('townRegulator', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId }], i++);
  people.cityRegulator = await mk('cityRegulator', [{ role: 'regulator', level: 'city', cityId: 'dongguan' }], i++);
  people.otherTownRegulator = await mk('otherTown', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: townId === 'nancheng' ? 'dongcheng' : 'nancheng' }], i++);
  people.otherProjectMonitor = await mk('otherMonitor', [{ role: 'monitor', cityId: 'dongguan', projectIds: ['pj_someoneelse'] }], i++);
  const base = { version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false };
  const project: PitProject = {
    _id: projectId,
    ...base,
    name: '测试基坑',
    address: '测试路1号',
    location: { lng: 113.75, lat: 23.0 },
    safetyLevel: 1,
    depthM: 12,
    supportType: 'pile',
    scope,
    parties: Object.fromEntries(parties.map((r) => [r, { org: r, people: [{ userId: people[r].id }] }])) as PitProject['parties'],
    status: 'active',
    config: { levels: { yellow: 0.7, orange: 0.85, red: 1 }, consecutive: { n: 3, fraction: 0.7 }, leveling: { benchmarks: { BM1: 100 }, start: 'BM1', end: 'BM1', kMm: 1.0, stationDiffLimitMm: 0.4 } },
    plan: { stage: 'excavation_deep', frequencies: { excavation_deep: { wallTopVertical: 2 } } },
    worstLevel: 'normal',
    createdAt: new Date(),
  };
  await sys.db.collection<PitProject>(PIT_PROJECTS).insertOne(project);
  const point = (code: string, initialM: number): PitPoint => ({ _id: `${projectId}/${code}`, ...base, projectId, scope, code, item: 'wallTopVertical', initialM, control: { cumulative: 10, rate: 2 }, controlSource: 'standard' });
  await sys.db.collection<PitPoint>(PIT_POINTS).insertMany([point('ZQS1', 99.5), point('ZQS2', 99.6)]);
  return { projectId, people };
}

/** A closed loop BM1 → ZQS1 → ZQS2 → BM1 with ZQS1 settled by `s1` mm and ZQS2 by `s2` mm. */
export function loopFile(s1: number, s2: number, closureMm = 0, seed = 7): string {
  const z1 = 99.5 - s1 / 1000;
  const z2 = 99.6 - s2 / 1000;
  return writeGsiBffb(100, [
    { from: 'BM1', to: 'ZQS1', dh_m: z1 - 100 },
    { from: 'ZQS1', to: 'ZQS2', dh_m: z2 - z1 },
    { from: 'ZQS2', to: 'BM1', dh_m: 100 - z2 + closureMm / 1000 },
  ], seed);
}

/** A site photo uploaded as the person's own evidence (start → PUT → complete); returns its SHA-256. */
export async function sitePhoto(sys: TestSystem, token: string, seed: string): Promise<string> {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`site photo ${seed}`)]);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const s = await sys.call('POST', '/api/uploads', { token, body: { sha256: sha, size: bytes.length, contentType: 'image/jpeg', purpose: 'photo' } });
  await fetch(s.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) });
  await sys.call('POST', '/api/uploads/complete', { token, body: { sha256: sha, purpose: 'photo' } });
  return sha;
}

/** A test file's system with one pit project: started before its tests, closed after (read `sys`/`pit` inside tests). */
export function withPitSystem(): { sys: TestSystem; pit: PitFixture } {
  const ctx = {} as { sys: TestSystem; pit: PitFixture };
  before(async () => {
    ctx.sys = await startTestSystem();
    ctx.pit = await buildPit(ctx.sys);
  });
  after(async () => ctx.sys.close());
  return ctx;
}
