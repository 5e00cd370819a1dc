import { createHash } from 'node:crypto';
import type { RoleBinding } from '@cityloop/shared/identity/roles';
import type { TestSystem } from './test-system';
import { enrol, facePhoto, scenePhoto, uploadPhoto } from './checkin-factory';

type Person = { id: string; token: string };
export type ReviewWorld = Awaited<ReturnType<typeof buildReviewWorld>>;

/** The participating units of the test project (回避: their employees never sit). */
export const PARTICIPANTS = [
  { role: 'owner', org: '东莞城建集团' },
  { role: 'contractor', org: '广东粤建工程' },
  { role: 'supervisor', org: '华南建设监理' },
  { role: 'designer', org: '东莞建筑设计院' },
  { role: 'monitor', org: '南方岩土监测' },
];
/** The venue of the meeting (Nancheng). */
export const VENUE = { lng: 113.7518, lat: 23.0205 };

let n = 0;
const phoneOf = (k: number) => `1380000${String(k).padStart(4, '0')}`;

/**
 * A Nancheng project (id in its parties' bindings) with contractor, supervisor and owner, the town and city
 * regulators, a citizen, and a library of experts entered by the city regulator: ten 岩土/深基坑 experts (one
 * employed by the contractor, one by the supervisor), three 模架 experts (too few for a formwork review).
 */
export async function buildReviewWorld(sys: TestSystem, opts: { projectId?: string; pitProjectId?: string } = {}) {
  const k = ++n;
  const projectId = opts.projectId ?? `pj_dwtest${k}${Date.now().toString(36)}`;
  if (!(await sys.db.collection('regions').findOne({ _id: 'nancheng' as never }))) {
    await sys.db.collection('regions').insertMany([
      { _id: 'nancheng', kind: 'town', name: '南城', parentId: 'dongguan' },
      { _id: 'dongcheng', kind: 'town', name: '东城', parentId: 'dongguan' },
    ] as never[]);
  }
  const party = (role: RoleBinding['role']) => sys.user(`${role}${k}`, [{ role, cityId: 'dongguan', projectIds: [projectId] }], { phone: phoneOf(k * 100 + ['owner', 'contractor', 'supervisor'].indexOf(role)) });
  const contractor = await party('contractor');
  const supervisor = await party('supervisor');
  const owner = await party('owner');
  const cityRegulator = await sys.user(`住建局${k}`, [{ role: 'regulator', level: 'city', cityId: 'dongguan' }], { phone: phoneOf(k * 100 + 10) });
  const townRegulator = await sys.user(`南城住建${k}`, [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }], { phone: phoneOf(k * 100 + 11) });
  const citizen = await sys.user(`市民${k}`, [], { phone: phoneOf(k * 100 + 12) });
  const experts: (Person & { expertId: string; name: string; phone: string; employer: string | null })[] = [];
  const addExpert = async (name: string, specialties: string[], employer: string | null, i: number) => {
    const phone = phoneOf(k * 100 + 20 + i);
    const u = await sys.user(name, [], { phone });
    const r = await sys.call('POST', '/api/experts?cityId=dongguan', { token: cityRegulator.token, body: { name, phone, title: i % 2 ? '正高级' : '高级', years: 16 + i, specialties, employer } });
    if (r.status !== 201) throw new Error(`expert ${name}: ${JSON.stringify(r.json)}`);
    experts.push({ ...u, expertId: r.json.data.id, name, phone, employer });
  };
  const geo = ['岩甲', '岩乙', '岩丙', '岩丁', '岩戊', '岩己', '岩庚', '岩辛', '岩壬', '岩癸'];
  for (const [i, name] of geo.entries()) {
    const employer = i === 0 ? '广东粤建工程' : i === 1 ? '华南建设监理' : `大学${i}`;
    await addExpert(`${name}${k}`, ['geotech', ...(i === 9 ? ['safety'] : [])], employer, i);
  }
  for (const [i, name] of ['模甲', '模乙', '模丙'].entries()) await addExpert(`${name}${k}`, ['formwork'], `模架研究院${i}`, 10 + i);
  return { projectId, contractor, supervisor, owner, cityRegulator, townRegulator, citizen, experts, pitProjectId: opts.pitProjectId };
}

/** A PDF uploaded as the person's own document; returns its SHA-256. */
export async function pdf(sys: TestSystem, token: string, seed: string): Promise<string> {
  const bytes = Buffer.from(`%PDF-1.4\n% ${seed} ${Math.random()}\n%%EOF\n`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const s = await sys.call('POST', '/api/uploads', { token, body: { sha256: sha, size: bytes.length, contentType: 'application/pdf', purpose: 'document' } });
  if (s.status !== 200 && s.status !== 201) throw new Error(JSON.stringify(s.json));
  if (s.json.data.uploadUrl) await fetch(s.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) });
  const done = await sys.call('POST', '/api/uploads/complete', { token, body: { sha256: sha, purpose: 'document' } });
  if (done.status !== 200 && done.status !== 201) throw new Error(JSON.stringify(done.json));
  return sha;
}

/** Registers the acceptance project: a 5.5 m excavation and 9 m high formwork (both 超规模). */
export async function registerProject(sys: TestSystem, w: ReviewWorld) {
  const r = await sys.call('PUT', `/api/dw-projects/${w.projectId}`, {
    token: w.contractor.token,
    body: {
      name: '南城中心商务楼', address: '南城街道鸿福路 88 号', townId: 'nancheng', location: VENUE, participants: PARTICIPANTS,
      items: [
        { name: '主楼基坑', category: 'excavation', fields: { depthM: 5.5 } },
        { name: '裙楼高支模', category: 'formwork_support', fields: { heightM: 9 } },
      ],
      ...(w.pitProjectId ? { pitProjectId: w.pitProjectId } : {}),
    },
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.json));
  const p = await sys.call('GET', `/api/dw-projects/${w.projectId}`, { token: w.contractor.token });
  return p.json.data as { version: number; items: { id: string; name: string; level: string; schemeId: string }[]; schemes: { id: string; itemName: string }[] };
}

/** Uploads a version, the technical director signs, the 总监 approves; returns the scheme's version after. */
export async function approvedScheme(sys: TestSystem, w: ReviewWorld, schemeId: string, seed: string): Promise<number> {
  const get = async () => (await sys.call('GET', `/api/dw-schemes/${schemeId}`, { token: w.contractor.token })).json.data;
  const docs = { scheme: await pdf(sys, w.contractor.token, `${seed}-s`), calculations: await pdf(sys, w.contractor.token, `${seed}-c`), drawings: await pdf(sys, w.contractor.token, `${seed}-d`) };
  const steps: [string, Person, Record<string, unknown>][] = [
    ['versions', w.contractor, docs],
    ['sign', w.contractor, {}],
    ['approve', w.supervisor, {}],
  ];
  for (const [path, who, body] of steps) {
    const r = await sys.call('POST', `/api/dw-schemes/${schemeId}/${path}`, { token: who.token, body: { ...body, version: (await get()).version } });
    if (r.status !== 200) throw new Error(`${path}: ${JSON.stringify(r.json)}`);
  }
  return (await get()).version;
}

/** Applies for a review of an approved scheme (meeting tomorrow 09:30 Beijing at the venue). */
export async function applyFor(sys: TestSystem, w: ReviewWorld, schemeId: string, version: number, meetingAt: Date, declaredConflicts: string[] = []) {
  const r = await sys.call('POST', `/api/dw-schemes/${schemeId}/reviews`, { token: w.contractor.token, body: { meetingAt: meetingAt.toISOString(), venue: '南城住建局三楼会议室', venueLocation: VENUE, declaredConflicts, version } });
  if (r.status !== 201) throw new Error(JSON.stringify(r.json));
  return r.json.data as { id: string; version: number; draw: { commitment: string; seed: string | null } };
}

export const byUser = (w: ReviewWorld, userId: string) => w.experts.find((e) => e.id === userId)!;

const enrolled = new Set<string>();
let idSeq = 500;

/**
 * The expert checks in (or out) at the review's meeting through the real route (`POST /api/checkins`, site kind
 * `review_meeting`) with a site photo and a face photo the IAI stand-in matches — enrolled (`POST
 * /api/checkins/enrolment`) the first time. `gps` defaults to the venue, `face` to the expert's own.
 */
export async function venueCheckin(sys: TestSystem, reviewId: string, e: Person & { name: string }, o: { direction?: 'in' | 'out'; gps?: { lng: number; lat: number }; accuracyM?: number; face?: string } = {}) {
  const key = `${sys.db.databaseName}:${e.id}`;
  if (!enrolled.has(key)) {
    await enrol(sys, e.token, e.name, e.id, idSeq++);
    enrolled.add(key);
  }
  return sys.call('POST', '/api/checkins', {
    token: e.token,
    body: {
      siteKind: 'review_meeting', siteId: reviewId, direction: o.direction ?? 'in', gps: { ...(o.gps ?? VENUE), accuracyM: o.accuracyM ?? 15 },
      photoHash: await uploadPhoto(sys, e.token, scenePhoto()), face: { photoHash: await uploadPhoto(sys, e.token, facePhoto(o.face ?? e.id)) },
    },
  });
}

/**
 * A whole review of one scheme up to its report: sign-offs, application (meeting `meetingAt`, which must be at
 * most 2 h after the clock), draw, the first five accept, check in at the venue and sign in, sign `conclusion`; returns the review id and panel.
 */
export async function concludedReview(sys: TestSystem, w: ReviewWorld, schemeId: string, meetingAt: Date, conclusion: '通过' | '修改后通过' | '不通过') {
  const v = await approvedScheme(sys, w, schemeId, `cr-${schemeId}`);
  const r = await applyFor(sys, w, schemeId, v, meetingAt);
  const d = await sys.call('POST', `/api/reviews/${r.id}/draw`, { token: w.cityRegulator.token });
  if (d.status !== 200) throw new Error(JSON.stringify(d.json));
  const panel = (d.json.data.invitations as { expertId: string }[]).map((i) => w.experts.find((e) => e.expertId === i.expertId)!);
  for (const e of panel) await sys.call('POST', `/api/reviews/${r.id}/respond`, { token: e.token, body: { accept: true } });
  for (const e of panel) {
    const ck = await venueCheckin(sys, r.id, e);
    if (ck.status !== 201) throw new Error(JSON.stringify(ck.json));
    const s = await sys.call('POST', `/api/reviews/${r.id}/sign-in`, { token: e.token, body: {} });
    if (s.status !== 200) throw new Error(JSON.stringify(s.json));
    await sys.call('POST', `/api/reviews/${r.id}/opinion`, { token: e.token, body: { text: `${e.name}的意见`, conclusion, sign: true } });
  }
  const cur = (await sys.call('GET', `/api/reviews/${r.id}`, { token: w.cityRegulator.token })).json.data;
  const rep = await sys.call('POST', `/api/reviews/${r.id}/report`, { token: panel[0].token, body: { conclusion, summary: '论证意见汇总', version: cur.version } });
  if (rep.status !== 200) throw new Error(JSON.stringify(rep.json));
  return { reviewId: r.id, panel };
}
