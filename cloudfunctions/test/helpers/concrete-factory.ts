import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { RoleBinding } from '@cityloop/shared/identity/roles';
import type { TestSystem } from './test-system';
import { photo } from './city-factory';
import { signDevicePost } from '../../src/platform/device/device-signature';
import { enrol, facePhoto, northOf, scenePhoto, uploadPhoto } from './checkin-factory';

type Person = { id: string; token: string };
export type ConcreteFixture = {
  cityId: string;
  townId: string;
  plantId: string;
  labId: string;
  projectId: string;
  /** the project's site (GCJ-02): its pours' check-in geofence is 300 m around it */
  location: { lng: number; lat: number };
  /** the supervisor's face label as enrolled for check-ins (photo mode), and the pours they are checked in at */
  witness: { label: string; checkedIn: Set<string> };
  mixId: string;
  lots: { cement: string; cementFailed: string; sand: string; stone: string; water: string };
  batching: { id: string; key: string };
  press: { id: string; key: string };
  people: Record<'cityRegulator' | 'townRegulator' | 'otherTownRegulator' | 'plant' | 'lab' | 'otherLab' | 'owner' | 'contractor' | 'supervisor' | 'otherSupervisor', Person>;
};

let n = 0;
let enrolled = 0;
const must = (r: { status: number; json: any }, status: number, what: string) => {
  assert.equal(r.status, status, `${what}: ${JSON.stringify(r.json)}`);
  return r.json.data;
};

/**
 * A qualified plant in Shiqi (Zhongshan) with a supplier, tested lots (one cement lot failed), an opened C30 mix and
 * its batching system; a lab with a press, commissioned by the project's owner; the project's parties; regulators.
 */
export async function buildConcrete(sys: TestSystem, opts: { commission?: boolean } = {}): Promise<ConcreteFixture> {
  const k = `${++n}${Date.now().toString(36)}`;
  const cityId = 'zhongshan';
  const townId = 'shiqi';
  const projectId = `pj_concrete${k}`;
  const location = { lng: 113.3926, lat: 22.5213 };
  const people = {} as ConcreteFixture['people'];
  const mk = (name: string, roles: RoleBinding[]) => sys.user(name, roles);
  people.cityRegulator = await mk('市质监站', [{ role: 'regulator', level: 'city', cityId }]);
  people.townRegulator = await mk('石岐质监', [{ role: 'regulator', level: 'town', cityId, townId }]);
  people.otherTownRegulator = await mk('东区质监', [{ role: 'regulator', level: 'town', cityId, townId: 'dongqu' }]);
  const conditions = ['licence', 'lab', 'batching', 'environment'];
  const plant = must(await sys.call('POST', `/api/concrete/cities/${cityId}/plants`, { token: people.townRegulator.token, body: { name: `岐江混凝土${k}`, townId, address: '石岐区民科东路 8 号', conditionsMet: conditions } }), 201, 'plant');
  const lab = must(await sys.call('POST', `/api/concrete/cities/${cityId}/labs`, { token: people.cityRegulator.token, body: { name: `中山建设检测中心${k}` } }), 201, 'lab');
  const otherLab = must(await sys.call('POST', `/api/concrete/cities/${cityId}/labs`, { token: people.cityRegulator.token, body: { name: `另一检测站${k}` } }), 201, 'other lab');
  must(await sys.call('POST', `/api/concrete/cities/${cityId}/projects`, { token: people.townRegulator.token, body: { id: projectId, name: `翠亨花园${k}`, townId, location } }), 201, 'project');
  people.plant = await mk('搅拌站质检员', [{ role: 'plant', cityId, orgId: plant.id }]);
  people.lab = await mk('检测员', [{ role: 'lab', cityId, orgId: lab.id }]);
  people.otherLab = await mk('别家检测员', [{ role: 'lab', cityId, orgId: otherLab.id }]);
  for (const role of ['owner', 'contractor', 'supervisor'] as const) people[role] = await mk(role, [{ role, cityId, projectIds: [projectId] }]);
  people.otherSupervisor = await mk('别的监理', [{ role: 'supervisor', cityId, projectIds: ['pj_elsewhere'] }]);

  const p = people.plant.token;
  const sup = must(await sys.call('POST', `/api/concrete/plants/${plant.id}/suppliers`, { token: p, body: { name: '华润水泥', materials: ['cement', 'sand', 'stone', 'water'] } }), 201, 'supplier');
  const lot = async (material: string, lotNo: string, result: string) => must(await sys.call('POST', `/api/concrete/plants/${plant.id}/lots`, { token: p, body: { supplierId: sup.id, material, lotNo, quantityT: 500, test: { result } } }), 201, `lot ${lotNo}`).id as string;
  const lots = { cement: await lot('cement', 'C-2612-01', 'pass'), cementFailed: await lot('cement', 'C-2612-02', 'fail'), sand: await lot('sand', 'S-01', 'pass'), stone: await lot('stone', 'G-01', 'pass'), water: await lot('water', 'W-01', 'pass') };
  const mix = must(await sys.call('POST', `/api/concrete/plants/${plant.id}/mixes`, { token: p, body: { code: 'C30-01', grade: 'C30', lines: [{ material: 'cement', kgPerM3: 350 }, { material: 'sand', kgPerM3: 750 }, { material: 'stone', kgPerM3: 1050 }, { material: 'water', kgPerM3: 180 }] } }), 201, 'mix');
  must(await sys.call('POST', `/api/concrete/mixes/${mix.id}/opening`, { token: p, body: { slumpMm: 180, note: '开盘鉴定合格' } }), 200, 'opening');
  const batching = must(await sys.call('POST', `/api/concrete/plants/${plant.id}/devices`, { token: p, body: { name: '1号楼生产控制系统' } }), 201, 'batching device');
  const press = must(await sys.call('POST', `/api/concrete/labs/${lab.id}/devices`, { token: people.lab.token, body: { name: 'YAW-2000 压力机' } }), 201, 'press');
  const witness = { label: `witness-${k}`, checkedIn: new Set<string>() };
  await enrol(sys, people.supervisor.token, '见证员', witness.label, ++enrolled + Math.floor(Math.random() * 500));
  if (opts.commission !== false) must(await sys.call('POST', `/api/concrete/projects/${projectId}/commission`, { token: people.owner.token, body: { labId: lab.id } }), 200, 'commission');
  return { cityId, townId, plantId: plant.id, labId: lab.id, projectId, location, witness, mixId: mix.id, lots, batching, press, people };
}

/** A device post signed with `key` (or tampered: `sig`, a fixed `nonce`). */
export function devicePost(sys: TestSystem, path: string, deviceId: string, key: string, body: unknown, o: { nonce?: string; sig?: string; ts?: number } = {}) {
  const raw = JSON.stringify(body);
  const ts = o.ts ?? Math.floor(sys.deps.now().getTime() / 1000);
  const nonce = o.nonce ?? randomBytes(12).toString('hex');
  return sys.call('POST', `/api/ingest/concrete/devices/${deviceId}/${path}`, { raw, headers: { 'content-type': 'application/json', 'x-cl-timestamp': String(ts), 'x-cl-nonce': nonce, 'x-cl-signature': o.sig ?? signDevicePost(key, ts, nonce, raw) } });
}

let batchNo = 0;
/** A 4 m³ batch of the C30 mix, weighed on target (or with `cementLot` / a factor on the cement). */
export function batchBody(f: ConcreteFixture, o: { cementLot?: string; cementFactor?: number; batchNo?: string } = {}) {
  const v = 4;
  return {
    batchNo: o.batchNo ?? `B${Date.now().toString(36)}${++batchNo}`,
    mixId: f.mixId,
    at: new Date().toISOString(),
    volumeM3: v,
    weighed: [
      { material: 'cement', kg: 350 * v * (o.cementFactor ?? 1), lotId: o.cementLot ?? f.lots.cement },
      { material: 'sand', kg: 750 * v, lotId: f.lots.sand },
      { material: 'stone', kg: 1050 * v, lotId: f.lots.stone },
      { material: 'water', kg: 180 * v, lotId: f.lots.water },
    ],
  };
}

/** Produces a batch, issues a ticket for `member`, and has both the contractor and the supervisor accept it. */
export async function deliveredTicket(sys: TestSystem, f: ConcreteFixture, member: string): Promise<string> {
  const b = must(await devicePost(sys, 'batches', f.batching.id, f.batching.key, batchBody(f)), 201, 'batch');
  const t = must(await sys.call('POST', `/api/concrete/plants/${f.plantId}/tickets`, { token: f.people.plant.token, body: { projectId: f.projectId, member, mixId: f.mixId, volumeM3: 4, batchIds: [b.id], departAt: new Date().toISOString() } }), 201, 'ticket');
  for (const who of ['contractor', 'supervisor'] as const) {
    const ph = await photo(sys, f.people[who].token, `${who}-${t.id}`);
    must(await sys.call('POST', `/api/concrete/tickets/${t.id}/accept`, { token: f.people[who].token, body: { slumpMm: 180, photo: ph, arrivedAt: new Date().toISOString() } }), 200, `accept ${who}`);
  }
  return t.id;
}

/** A check-in at the pour through `POST /api/checkins` (photo mode: the stand-in reads the face label), 20 m from the site. */
export async function pourCheckin(sys: TestSystem, f: ConcreteFixture, pourId: string, o: { token?: string; label?: string; metres?: number; direction?: 'in' | 'out' } = {}) {
  const token = o.token ?? f.people.supervisor.token;
  const photoHash = await uploadPhoto(sys, token, scenePhoto());
  const face = { photoHash: await uploadPhoto(sys, token, facePhoto(o.label ?? f.witness.label)) };
  return sys.call('POST', '/api/checkins', { token, body: { siteKind: 'concrete_pour', siteId: pourId, direction: o.direction ?? 'in', gps: { ...northOf(f.location, o.metres ?? 20), accuracyM: 10 }, photoHash, face } });
}

/** The supervisor's witness checks in at the pour (once per pour). */
export async function witnessCheckin(sys: TestSystem, f: ConcreteFixture, pourId: string): Promise<void> {
  if (f.witness.checkedIn.has(pourId)) return;
  must(await pourCheckin(sys, f, pourId), 201, 'witness check-in');
  f.witness.checkedIn.add(pourId);
}

/** Registers a pour of `member`; the witness checks in at it and samples one group with `chips` from `ticketId`. */
export async function sampledGroup(sys: TestSystem, f: ConcreteFixture, member: string, ticketId: string, chips: string[], pourId?: string): Promise<{ pourId: string; groupId: string }> {
  const pid = pourId ?? must(await sys.call('POST', '/api/concrete/pours', { token: f.people.contractor.token, body: { projectId: f.projectId, member, grade: 'C30', volumeM3: 120, date: new Date().toISOString() } }), 201, 'pour').id;
  await witnessCheckin(sys, f, pid);
  const g = must(await sys.call('POST', `/api/concrete/pours/${pid}/groups`, { token: f.people.supervisor.token, body: { ticketId, chips } }), 201, 'sample');
  return { pourId: pid, groupId: g.id };
}

/** Failure loads (kN) of 150 mm cubes for a strength in MPa: F = f · 22.5. */
export const loadFor = (mpa: number) => Math.round(mpa * 22.5 * 10) / 10;

export const chipSet = (tag: string) => [1, 2, 3].map((i) => `${tag}${randomBytes(5).toString('hex').toUpperCase()}${i}`);
