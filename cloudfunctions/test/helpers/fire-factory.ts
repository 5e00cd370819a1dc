import type { TestSystem } from './test-system';
import { issueToken } from '../../src/platform/auth/jwt';
import { enrol, facePhoto, northOf, scenePhoto, uploadPhoto } from './checkin-factory';

/** Zhongshan, 石岐街道: the regulators of the fire-testing tests. */
export const ZS = 'zhongshan';
export const SHIQI = 'shiqi';
export const SITE = { lng: 113.3772, lat: 22.5191 };

export type Person = { id: string; userId: string; token: string; name: string };
export type FireFixture = Awaited<ReturnType<typeof buildFire>>;

const practice = { scope: '维保检测' as const, enterpriseLegalPerson: true, workplaceM2: 260, equipmentConforming: true, qualityManagementSystem: true, assessmentProcessControl: false };

/**
 * Two agencies through the API: 安信 qualified (一级 + 二级 engineers, six operators of whom two 中级), 粤消 lacking a
 * 一级 engineer; an instrument valid for years and one expired; a regulator of the city and one of the town.
 * Every person registered with a phone has an account with the agency's staff role: `token` acts as them.
 */
export async function buildFire(sys: TestSystem, now: Date) {
  const regulator = await sys.user('中山住建局', [{ role: 'regulator', level: 'city', cityId: ZS }], { phone: '13800000001' });
  const townRegulator = await sys.user('石岐监管', [{ role: 'regulator', level: 'town', cityId: ZS, townId: SHIQI }], { phone: '13800000002' });
  const tok = (userId: string) => issueToken(sys.deps.config.jwtSecret, userId, 7 * 86_400, now);
  const post = async (path: string, token: string, body: unknown) => {
    const r = await sys.call('POST', path, { token, body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json.data;
  };
  const agency = async (name: string, creditCode: string) => post('/api/fire/agencies', regulator.token, { name, creditCode, townId: SHIQI, address: '中山市石岐街道', practice });
  const a = await agency('中山安信消防技术服务有限公司', '91442000MA4FIRE001');
  const b = await agency('中山粤消消防检测有限公司', '91442000MA4FIRE002');
  let phone = 13900000000;
  const person = async (agencyId: string, body: Record<string, unknown>): Promise<Person> => {
    const ph = String(++phone);
    const p = await post(`/api/fire/agencies/${agencyId}/people`, regulator.token, { ...body, phone: ph });
    const u = (await sys.db.collection('users').findOne({ phone: ph }))!;
    return { id: p.id, userId: u._id as unknown as string, token: await tok(u._id as unknown as string), name: body.name as string };
  };
  const operators = async (agencyId: string, prefix: string) => {
    const out: Person[] = [];
    for (let i = 0; i < 6; i++) out.push(await person(agencyId, { kind: 'operator', name: `${prefix}操作员${i + 1}`, level: i < 2 ? '中级' : '初级', certificateNo: `${prefix}-OP-${1000 + i}`, validUntil: '2029-12-31' }));
    return out;
  };
  const aLead = await person(a.id, { kind: 'engineer', name: '陈建国', level: 2, registrationNo: 'ZS2-20190001' });
  const aTech = await person(a.id, { kind: 'engineer', name: '李明华', level: 1, registrationNo: 'ZS1-20150007' });
  const aOps = await operators(a.id, 'AX');
  const bLead = await person(b.id, { kind: 'engineer', name: '黄志强', level: 2, registrationNo: 'ZS2-20200011' });
  const bTech = await person(b.id, { kind: 'engineer', name: '周文', level: 2, registrationNo: 'ZS2-20210012' });
  const bOps = await operators(b.id, 'YX');
  const instrument = async (agencyId: string, token: string, type: string, serial: string, validUntil: string) => post(`/api/fire/agencies/${agencyId}/instruments`, token, { type, serial, calibrationNo: `JD-${serial}`, validUntil });
  const meter = await instrument(a.id, aLead.token, '数字压力表', 'YL-2024-001', '2029-06-30');
  const soundMeter = await instrument(a.id, aLead.token, '声级计', 'SJ-2023-017', '2030-01-31');
  const expired = await instrument(a.id, aLead.token, '风速计', 'FS-2021-003', '2026-01-31');
  const bMeter = await instrument(b.id, bLead.token, '数字压力表', 'YL-2024-101', '2029-06-30');
  return { regulator, townRegulator, a, b, aLead, aTech, aOps, bLead, bTech, bOps, meter, soundMeter, expired, bMeter, tok };
}

/** A project body for agency A (or B with its people) on `testDate`. */
export function projectBody(f: FireFixture, o: { testDate: string; agency?: 'a' | 'b'; instruments?: string[]; techLead?: string; name?: string }) {
  const b = o.agency === 'b';
  return {
    kind: '维保检测',
    building: { name: o.name ?? '孙文西路商业大厦', address: `中山市石岐街道孙文西路 ${o.name ? o.name.length : 1} 号`, use: '商业', heightM: 48, areaM2: 21000, location: SITE, geofenceM: 200, townId: SHIQI },
    client: { name: '孙文商业管理有限公司', phone: '13700000001' },
    contractNo: 'HT-2026-118',
    systems: ['火灾自动报警系统', '自动喷水灭火系统', '消火栓系统'],
    testDate: o.testDate,
    team: { projectLead: (b ? f.bLead : f.aLead).id, techLead: o.techLead ?? (b ? f.bTech : f.aTech).id, operators: (b ? f.bOps : f.aOps).slice(0, 2).map((p) => p.id) },
    instruments: o.instruments ?? [b ? f.bMeter.id : f.meter.id],
  };
}

/** Everything written to the fire collections (what a refusal must leave unchanged). */
export async function fireSnapshot(sys: TestSystem): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const c of ['fire_agencies', 'fire_people', 'fire_instruments', 'fire_projects', 'fire_reports', 'fire_acceptances', 'fire_cases']) {
    out[c] = await sys.db.collection(c).find({}, { projection: { outbox: 0, pendingAudit: 0, hasPending: 0 } }).sort({ _id: 1 }).toArray();
  }
  return JSON.stringify(out);
}

/** Each person enrolled once per test system (their face: the stand-in's `FACE:fire-<userId>;`). */
const enrolled = new WeakMap<TestSystem, Set<string>>();
let idSeq = 100;
const faceLabel = (p: Person) => `fire-${p.userId}`;

/** metres north of the building (GCJ-02 degrees), as the phone reports it (accuracy 12 m). */
export const siteGps = (m = 8) => ({ ...northOf(SITE, m), accuracyM: 12 });

/** Enrols the person for face check-ins through the real route (once per test system). */
export async function enrolForCheckin(sys: TestSystem, p: Person) {
  const done = enrolled.get(sys) ?? new Set<string>();
  enrolled.set(sys, done);
  if (done.has(p.userId)) return;
  await enrol(sys, p.token, p.name, faceLabel(p), ++idSeq);
  done.add(p.userId);
}

/**
 * A check-in at a fire test through the real routes at the system's current time: enrolment (once), the H5 face
 * session (photo mode), a site photo, and the face photo the IAI stand-in compares with the enrolled one. `m`: metres
 * from the building; `face`: whose face is in the photo (another label → a mismatch). Answers the raw response.
 */
export async function tryCheckIn(sys: TestSystem, projectId: string, p: Person, o: { direction?: 'in' | 'out'; m?: number; face?: string } = {}) {
  await enrolForCheckin(sys, p);
  const fs = await sys.call('POST', '/api/checkins/face-session', { token: p.token, body: { siteKind: 'fire_test', siteId: projectId, client: 'h5' } });
  if (fs.status !== 200 || fs.json.data.mode !== 'photo') throw new Error(`face session: ${fs.status} ${JSON.stringify(fs.json)}`);
  const photoHash = await uploadPhoto(sys, p.token, scenePhoto());
  const face = { photoHash: await uploadPhoto(sys, p.token, facePhoto(o.face ?? faceLabel(p))) };
  return sys.call('POST', '/api/checkins', { token: p.token, body: { siteKind: 'fire_test', siteId: projectId, direction: o.direction ?? 'in', gps: siteGps(o.m), photoHash, face } });
}

/** A check-in that must be accepted (inside the geofence, the person's own face); answers the check-in. */
export async function checkIn(sys: TestSystem, projectId: string, p: Person, o: { direction?: 'in' | 'out' } = {}) {
  const r = await tryCheckIn(sys, projectId, p, o);
  if (r.status !== 201) throw new Error(`check-in of ${p.name}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.data as { id: string; role: string; inGeofence: boolean; faceMatch: boolean; distanceM: number; flags: string[] };
}
