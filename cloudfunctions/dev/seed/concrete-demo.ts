import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../src/platform/deps';
import { USERS, type User } from '../../src/platform/auth/users';
import { addLot, addMix, addSupplier, approveOpening, registerLab, registerPlant, registerProject } from '../../src/contexts/concrete/registry';
import { issueTicket } from '../../src/contexts/concrete/tickets';
import { commissionLab, receiveGroup, registerPour, sampleGroup } from '../../src/contexts/concrete/sampling';
import { ingestBatch } from '../../src/contexts/concrete/production';
import { ingestLoad } from '../../src/contexts/concrete/press';
import { registerConcreteDevice, findConcreteDevice } from '../../src/contexts/concrete/concrete-devices';
import { PLANTS, TICKETS } from '../../src/contexts/concrete/concrete.collections';
import { raiseAlert } from '../../src/contexts/concrete/concrete-notices';
import { rebuildTraces } from '../../src/contexts/concrete/trace-rebuild';
import { CPROJECTS, type ConcreteProject } from '../../src/contexts/concrete/concrete.collections';

const ZS = 'zhongshan';
const SQ = 'shiqi';
const P1 = 'pj_zs_cuiheng';
const P2 = 'pj_zs_qijiang';
const CONDITIONS = ['licence', 'lab', 'batching', 'environment'];

/** The concrete personas (log in as them on the H5 login page); the label says who they are. */
export const CONCRETE_PERSONAS = [
  { persona: 'concrete-regulator', name: '黄质监（中山市建设工程质量监督站）', roles: [{ role: 'regulator', level: 'city', cityId: ZS }] },
  { persona: 'concrete-plant', name: '陈质检（岐江预拌混凝土公司）', roles: [{ role: 'plant', cityId: ZS, orgId: 'mp_zsqijiang' }] },
  { persona: 'concrete-lab', name: '林检测（中山市建设工程检测中心）', roles: [{ role: 'lab', cityId: ZS, orgId: 'lb_zs_center' }] },
  { persona: 'concrete-owner', name: '郑建设（翠亨花园建设单位）', roles: [{ role: 'owner', cityId: ZS, projectIds: [P1, P2] }] },
  { persona: 'concrete-contractor', name: '吴施工（翠亨花园施工单位）', roles: [{ role: 'contractor', cityId: ZS, projectIds: [P1, P2] }] },
  { persona: 'concrete-witness', name: '何见证（翠亨花园监理见证员）', roles: [{ role: 'supervisor', cityId: ZS, projectIds: [P1, P2] }] },
] as const;

async function persona(db: Db, openidFor: (p: string) => Promise<string>, p: (typeof CONCRETE_PERSONAS)[number], i: number): Promise<NonNullable<User>> {
  const users = db.collection<User>(USERS);
  const found = await users.findOne({ persona: p.persona });
  if (found) return found;
  const roles = p.roles as unknown as RoleBinding[];
  const u: User = { _id: `u_${p.persona}`, openid: await openidFor(p.persona), persona: p.persona, name: p.name, phone: `1380000007${i}`, roles, roleKeys: roleKeysOf(roles), createdAt: new Date(), version: 1 };
  await users.insertOne(u);
  return u;
}

/**
 * Zhongshan's ready-mixed concrete (docs/domain/concrete.md §5): three plants (岐江 and 翠亨 qualified, 横门 suspended —
 * and a 黑站 delivering without tickets, reported from site), two projects in 石岐, batches and accepted tickets,
 * witnessed groups with chips, a swapped chip refused at the lab, and a failing batch whose self-test passed
 * (divergence, blocked certificates, credit lowered, in-situ testing). Built through the commands, so every record
 * carries its history. Idempotent: skipped when the plants exist.
 */
export async function seedConcreteDemo(deps: Deps, openidFor: (p: string) => Promise<string>) {
  const db = deps.db;
  if (await db.collection(PLANTS).findOne({ _id: 'mp_zsqijiang' as never })) return { skipped: true };
  const people = await Promise.all(CONCRETE_PERSONAS.map((p, i) => persona(db, openidFor, p, i)));
  const [reg, plantU, labU, owner, contractor, witness] = people.map((u) => ({ userId: u._id, roles: u.roles }));
  const ctx = {};
  await registerPlant(deps, reg, ZS, { name: '岐江预拌混凝土有限公司', townId: SQ, address: '石岐区岐江公路 18 号', conditionsMet: CONDITIONS }, ctx, { id: 'mp_zsqijiang' });
  await registerPlant(deps, reg, ZS, { name: '翠亨建材混凝土站', townId: SQ, address: '石岐区康华路 6 号', conditionsMet: CONDITIONS }, ctx, { id: 'mp_zscuiheng' });
  await registerPlant(deps, reg, ZS, { name: '横门混凝土搅拌站', townId: SQ, address: '石岐区横门路 2 号', conditionsMet: ['licence', 'environment'] }, ctx, { id: 'mp_zshengmen' });
  await registerLab(deps, reg, ZS, { name: '中山市建设工程检测中心' }, ctx, { id: 'lb_zs_center' });
  await registerProject(deps, reg, ZS, { id: P1, name: '翠亨花园 3 号楼', townId: SQ, location: { lng: 113.3926, lat: 22.5213 } }, ctx);
  await registerProject(deps, reg, ZS, { id: P2, name: '岐江新城小学', townId: SQ, location: { lng: 113.3741, lat: 22.5302 } }, ctx);
  const plant = 'mp_zsqijiang';
  const sup = await addSupplier(deps, plantU, plant, { name: '华润水泥（中山）', materials: ['cement', 'sand', 'stone', 'water'] }, ctx);
  const lot = async (material: 'cement' | 'sand' | 'stone' | 'water', lotNo: string, result: 'pass' | 'fail') => (await addLot(deps, plantU, plant, { supplierId: sup._id, material, lotNo, quantityT: 600, test: { result } }, ctx))._id;
  const lots = { cement: await lot('cement', 'P.O42.5-2611-07', 'pass'), sand: await lot('sand', 'S-2611-02', 'pass'), stone: await lot('stone', 'G-2611-03', 'pass'), water: await lot('water', 'W-2611', 'pass') };
  await lot('cement', 'P.O42.5-2611-09', 'fail'); // failed on arrival: never used
  const mix = await addMix(deps, plantU, plant, { code: 'C30-P01', grade: 'C30', lines: [{ material: 'cement', kgPerM3: 350 }, { material: 'sand', kgPerM3: 750 }, { material: 'stone', kgPerM3: 1050 }, { material: 'water', kgPerM3: 180 }] }, ctx, { id: 'mx_zs_c30' });
  await approveOpening(deps, plantU, mix._id, { slumpMm: 180, note: '开盘鉴定：坍落度、和易性符合要求' }, ctx);
  const batching = await findConcreteDevice(deps, (await registerConcreteDevice(deps, plantU, 'batching', plant, { name: '1 号楼生产控制系统' }, ctx, { id: 'cd_zs_batching' })).id);
  const press = await findConcreteDevice(deps, (await registerConcreteDevice(deps, labU, 'press', 'lb_zs_center', { name: 'YAW-2000 压力试验机' }, ctx, { id: 'cd_zs_press' })).id);
  for (const p of [P1, P2]) await commissionLab(deps, owner, p, { labId: 'lb_zs_center' }, ctx);

  let n = 0;
  const truck = async (projectId: string, member: string) => {
    const body = { batchNo: `ZS${String(++n).padStart(5, '0')}`, mixId: mix._id, at: deps.now().toISOString(), volumeM3: 4, weighed: [{ material: 'cement' as const, kg: 1400, lotId: lots.cement }, { material: 'sand' as const, kg: 3000, lotId: lots.sand }, { material: 'stone' as const, kg: 4200, lotId: lots.stone }, { material: 'water' as const, kg: 720, lotId: lots.water }] };
    const b = await ingestBatch(deps, batching!, JSON.stringify(body), body);
    const t = await issueTicket(deps, plantU, plant, { projectId, member, mixId: mix._id, volumeM3: 4, batchIds: [b.batch._id], departAt: deps.now().toISOString() }, ctx);
    // accepted on site (the demo's photos are placeholders; acceptance by the API requires the person's own photo)
    const photo = createHash('sha256').update(`demo-accept-${t._id}`).digest('hex');
    const acc = (userId: string) => ({ userId, at: deps.now(), arrivedAt: deps.now(), slumpMm: 180, photo, accept: true });
    await db.collection(TICKETS).updateOne({ _id: t._id as never }, { $set: { state: 'accepted', acceptance: { contractor: acc(contractor.userId), supervisor: acc(witness.userId) } } });
    return t._id;
  };
  const press3 = async (chips: string[], mpa: number[]) => {
    for (const [i, c] of chips.entries()) await ingestLoad(deps, press!, { chip: c, loadKN: Math.round(mpa[i] * 22.5 * 10) / 10, testedAt: deps.now().toISOString() });
  };
  // project 1: 2F 柱 passes; 3F 板 B2 fails (the third truck's self-test said 33 MPa)
  for (const [member, strengths] of [['2F 柱 A1', [[36, 35.5, 36.4], [35.2, 35, 34.8], [37, 36.5, 36.8]]], ['3F 板 B2', [[36.2, 35.8, 36], [35.1, 34.9, 35], [25.3, 24.8, 25]]]] as const) {
    const pour = await registerPour(deps, contractor, { projectId: P1, member, grade: 'C30', volumeM3: 260, batches: 65, date: deps.now().toISOString() }, ctx);
    for (const [i, s] of strengths.entries()) {
      const t = await truck(P1, member);
      const chips = [1, 2, 3].map((k) => `ZS${member.length}${i}${k}${pour._id.slice(-6).toUpperCase()}`.replace(/[^A-Za-z0-9]/g, ''));
      const g = await sampleGroup(deps, witness, pour._id, { ticketId: t, chips, cubeSizeMm: 150 }, ctx, { seeded: true });
      await receiveGroup(deps, labU, g._id, { chipsRead: chips }, ctx);
      if (member === '3F 板 B2' && i === 2) {
        const { postSelfTest } = await import('../../src/contexts/concrete/tickets');
        await postSelfTest(deps, plantU, t, { strengthMPa: 33, ageDays: 28 }, ctx);
      }
      await press3(chips, [...s]);
    }
  }
  // project 2: a group sampled, and a swapped chip at the lab (refused, regulator alerted)
  const pour2 = await registerPour(deps, contractor, { projectId: P2, member: '1F 基础梁', grade: 'C30', volumeM3: 80, date: deps.now().toISOString() }, ctx);
  const t2 = await truck(P2, '1F 基础梁');
  const a = ['ZSSWAPA0001', 'ZSSWAPA0002', 'ZSSWAPA0003'];
  const ga = await sampleGroup(deps, witness, pour2._id, { ticketId: t2, chips: a, cubeSizeMm: 150 }, ctx, { seeded: true });
  await receiveGroup(deps, labU, ga._id, { chipsRead: [a[0], a[1], 'ZSFOREIGN999'] }, ctx).catch(() => undefined);
  // the 黑站: concrete received on site without an online ticket (reported by the witness; the demo skips the photo)
  const p2 = (await db.collection<ConcreteProject>(CPROJECTS).findOne({ _id: P2 }))!;
  await raiseAlert(deps, { kind: 'unticketed', message: `${p2.name} 1F 垫层 收到“沙溪无名搅拌站”约 12 m³ 混凝土，无电子运输单（疑似黑站）`, scope: p2.scope, projectId: P2, refs: { plantName: '沙溪无名搅拌站' }, actorId: witness.userId });
  // the trucks were accepted above by a direct write, outside the commands that keep the trace documents
  await rebuildTraces(deps);
  return { plants: 3, projects: 2 };
}
