import { createHash } from 'node:crypto';
import { roleKeysOf, type Actor, type RoleBinding } from '@cityloop/shared/identity/roles';
import { shanghaiDay } from '@cityloop/shared/fire-testing/fire-gates';
import type { Deps } from '../../src/platform/deps';
import { newId } from '../../src/platform/ids';
import { USERS, type User } from '../../src/platform/auth/users';
import { registerAgency, registerInstrument } from '../../src/contexts/firetest/registry-commands';
import { registerPerson } from '../../src/contexts/firetest/register-person';
import { createProject, startProject } from '../../src/contexts/firetest/create-project';
import { draftReport, issueReport } from '../../src/contexts/firetest/report';
import { recordAcceptance } from '../../src/contexts/firetest/acceptance';
import { ZS } from './zhongshan-data';
import { enrolPerson, recordCheckin } from '../../src/contexts/checkin/public';
import { BLOBS, blobKey, type BlobMeta } from '../../src/contexts/evidence/blob.collection';
import { standinFaceImage } from '../standins/tencent/iai-face.handler';

/** A photo stored as the person's own evidence (as an upload would have left it). */
async function ownPhoto(deps: Deps, userId: string, bytes: Buffer, at: Date): Promise<string> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (!(await deps.blobs.exists(blobKey(sha)))) await deps.blobs.put(blobKey(sha), bytes, 'image/jpeg');
  const meta: BlobMeta = { _id: sha, size: bytes.length, contentType: 'image/jpeg', uploadedBy: userId, at, purpose: 'photo' };
  await deps.db.collection<BlobMeta>(BLOBS).updateOne({ _id: sha }, { $setOnInsert: meta }, { upsert: true });
  return sha;
}

/** A demo ID number (GB 11643 check digit) of Zhongshan, born 1985-03-15, with the sequence `n`. */
function demoIdNumber(n: number): string {
  const body = `44200019850315${String(n % 1000).padStart(3, '0')}`;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * W[i];
  return body + '10X98765432'[sum % 11];
}

/**
 * One check-in at a fire test through the checkin context (its refusals, chain and flags), at `at`: the person is
 * enrolled (`enrol`: their ID sequence, at their first check-in) with a face photo the IAI stand-in reads as theirs, then checks in 10 m from the building with a
 * site photo and a face photo.
 */
async function demoCheckin(deps: Deps, actor: NonNullable<Actor>, name: string, projectId: string, site: { lng: number; lat: number }, at: Date, enrol?: number) {
  const d = { ...deps, now: () => at };
  const face = (salt: string) => ownPhoto(d, actor.userId, standinFaceImage(`fire-demo-${actor.userId}`, { salt }), at);
  if (enrol) await enrolPerson(d, actor, { name, idNumber: demoIdNumber(enrol), photoHash: await face('enrol') }, {});
  const photoHash = await ownPhoto(d, actor.userId, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`scene ${projectId} ${actor.userId}`)]), at);
  await recordCheckin(d, actor, { siteKind: 'fire_test', siteId: projectId, direction: 'in', gps: { lng: site.lng, lat: site.lat + 10 / 111_195, accuracyM: 10 }, photoHash, face: { photoHash: await face(projectId) } }, {});
}

const SITE = (i: number) => ({ lng: 113.3772 + i * 0.004, lat: 22.5191 + i * 0.002 });
const PRACTICE = { scope: '维保检测' as const, enterpriseLegalPerson: true, workplaceM2: 260, equipmentConforming: true, qualityManagementSystem: true, assessmentProcessControl: false };

/** Demo personas of fire testing (Zhongshan): the regulator of 住建局, agency A's project lead, technical lead and an operator, agency B's lead. */
export const FIRE_PERSONAS: { persona: string; name: string; phone: string }[] = [
  { persona: 'zs-fire-regulator', name: '何监管（中山市住建局消防监管）', phone: '13800000080' },
  { persona: 'fire-lead', name: '陈建国（安信消防 项目负责人）', phone: '13800000081' },
  { persona: 'fire-tech', name: '李明华（安信消防 技术负责人）', phone: '13800000082' },
  { persona: 'fire-operator', name: '张伟（安信消防 消防设施操作员）', phone: '13800000083' },
  { persona: 'fire-lead-b', name: '黄志强（粤消检测 项目负责人）', phone: '13800000084' },
];

/**
 * Zhongshan fire testing: 安信 (qualified) and 粤消 (no 一级 engineer, so it cannot take work); an expired wind
 * meter; three 安信 projects tested today — 孙文西路商业大厦 clean, 岐江公寓 with a failed hydrant item (an event for
 * the regulator), 东区综合楼 whose 消防验收 contradicts its report (an investigation, credit lowered). Through the
 * context's own commands; idempotent (skipped when the agencies exist).
 */
export async function seedFireDemo(deps: Deps, openidFor: (persona: string) => Promise<string>) {
  const { db } = deps;
  if (await db.collection('fire_agencies').findOne({ creditCode: '91442000MA4FIRE001' })) return { skipped: true };
  const now = deps.now();
  /** A Beijing date `n` days from the seed's now: the demo's calibrations and certificates never lapse by the calendar. */
  const daysFromNow = (n: number) => shanghaiDay(new Date(now.getTime() + n * 86_400_000));
  const users = db.collection<User>(USERS);
  const ids: Record<string, string> = {};
  for (const p of FIRE_PERSONAS) {
    const roles: RoleBinding[] = p.persona === 'zs-fire-regulator' ? [{ role: 'regulator', level: 'city', cityId: ZS }] : [];
    const existing = await users.findOne({ persona: p.persona });
    ids[p.persona] = existing?._id ?? newId('u', now.getTime());
    if (!existing) await users.insertOne({ _id: ids[p.persona], openid: await openidFor(p.persona), persona: p.persona, name: p.name, phone: p.phone, roles, roleKeys: roleKeysOf(roles), createdAt: now, version: 1 });
  }
  const actorOf = async (persona: string): Promise<NonNullable<Actor>> => ({ userId: ids[persona], roles: (await users.findOne({ _id: ids[persona] }))!.roles });
  const regulator = await actorOf('zs-fire-regulator');
  const ctx = {};
  const a = await registerAgency(deps, regulator, { name: '中山安信消防技术服务有限公司', creditCode: '91442000MA4FIRE001', townId: 'shiqi', address: '中山市石岐街道民生路 18 号', practice: PRACTICE }, ctx);
  const b = await registerAgency(deps, regulator, { name: '中山粤消消防检测有限公司', creditCode: '91442000MA4FIRE002', townId: 'shiqi', address: '中山市东区起湾道 6 号', practice: PRACTICE }, ctx);
  const person = (agencyId: string, body: Parameters<typeof registerPerson>[3]) => registerPerson(deps, regulator, agencyId, body, ctx);
  const lead = await person(a._id, { kind: 'engineer', name: '陈建国', phone: '13800000081', level: 2, registrationNo: 'ZS2-20190001' });
  const tech = await person(a._id, { kind: 'engineer', name: '李明华', phone: '13800000082', level: 1, registrationNo: 'ZS1-20150007' });
  const names = ['张伟', '王芳', '刘洋', '赵敏', '孙强', '周婷'];
  const ops = [];
  for (const [i, n] of names.entries()) ops.push(await person(a._id, { kind: 'operator', name: n, ...(i === 0 ? { phone: '13800000083' } : {}), level: i < 2 ? '中级' : '初级', certificateNo: `ZS-OP-2023${String(i + 1).padStart(3, '0')}`, validUntil: daysFromNow(3 * 365) }));
  await person(b._id, { kind: 'engineer', name: '黄志强', phone: '13800000084', level: 2, registrationNo: 'ZS2-20200011' });
  await person(b._id, { kind: 'engineer', name: '周文', level: 2, registrationNo: 'ZS2-20210012' });
  for (const [i, n] of ['吴刚', '郑丽', '冯涛', '陈静', '何军', '林霞'].entries()) await person(b._id, { kind: 'operator', name: n, level: i < 2 ? '中级' : '初级', certificateNo: `ZS-OP-2024${String(i + 1).padStart(3, '0')}`, validUntil: daysFromNow(3 * 365) });
  const leadActor = await actorOf('fire-lead');
  const meter = await registerInstrument(deps, leadActor, a._id, { type: '数字压力表', serial: 'YL-2024-001', calibrationNo: 'JD2025-0311', validUntil: daysFromNow(200) }, ctx);
  await registerInstrument(deps, leadActor, a._id, { type: '声级计', serial: 'SJ-2023-017', calibrationNo: 'JD2025-0518', validUntil: daysFromNow(55) }, ctx);
  await registerInstrument(deps, leadActor, a._id, { type: '风速计', serial: 'FS-2021-003', calibrationNo: 'JD2024-0102', validUntil: daysFromNow(-40) }, ctx);

  const today = shanghaiDay(now);
  const systems = ['火灾自动报警系统', '自动喷水灭火系统', '消火栓系统'] as const;
  const techActor = await actorOf('fire-tech');
  const buildings = [
    { name: '孙文西路商业大厦', address: '中山市石岐街道孙文西路 88 号', use: '商业', failed: false },
    { name: '岐江公寓', address: '中山市石岐街道岐江路 26 号', use: '住宅', failed: true },
    { name: '东区综合楼', address: '中山市东区兴中道 9 号', use: '办公', failed: false },
  ];
  const projects = [];
  for (const [i, bd] of buildings.entries()) {
    const p = await createProject(deps, leadActor, {
      kind: '维保检测',
      building: { name: bd.name, address: bd.address, use: bd.use, heightM: 36 + i * 12, areaM2: 12000 + i * 5000, location: SITE(i), geofenceM: 200, townId: 'shiqi' },
      client: { name: `${bd.name}物业管理处` },
      contractNo: `HT-${today.slice(0, 4)}-10${i + 1}`,
      systems: [...systems],
      testDate: today,
      team: { projectLead: lead._id, techLead: tech._id, operators: [ops[0]._id, ops[1]._id] },
      instruments: [meter._id],
    }, ctx);
    await startProject(deps, leadActor, p._id, p.version, ctx);
    // who was on site: the project lead and the operator checked in through the check-in machinery (enrolled, face
    // and GPS judged, chained) at their times; what they recorded as the on-site page would have written it
    const at = (min: number) => new Date(now.getTime() - (300 - i * 60 - min) * 60_000);
    const opUser = ops[0].userId!;
    for (const [k, who] of [['fire-lead', '陈建国'], ['fire-operator', '张伟']].entries()) await demoCheckin(deps, await actorOf(who[0]), who[1], p._id, SITE(i), at(k), i === 0 ? 71 + k : undefined);
    const records = systems.map((s, k) => ({ id: newId('rc'), system: s, item: ['感烟探测器报警功能', '末端试水装置压力', '最不利点栓口静压'][k], value: bd.failed && s === '消火栓系统' ? '0.05 MPa' : ['正常', '0.12 MPa', '0.25 MPa'][k], limit: ['报警并显示部位', '≥0.05 MPa', '≥0.10 MPa'][k], verdict: bd.failed && s === '消火栓系统' ? '不合格' : '合格', instrumentId: k ? meter._id : undefined, photos: [], by: opUser, byName: '张伟', at: at(20 + k * 10) }));
    await db.collection('fire_projects').updateOne({ _id: p._id as never }, { $set: { records, scans: [{ instrumentId: meter._id, by: opUser, at: at(15) }] }, $inc: { version: 1 } });
    const d = await draftReport(deps, leadActor, p._id, ctx);
    await issueReport(deps, techActor, d._id, { practiceSeals: true, agencySeal: true, version: d.version }, ctx);
    projects.push(p);
  }
  await recordAcceptance(deps, regulator, { projectId: projects[2]._id, acceptedAt: today, items: { 火灾自动报警系统: '合格', 自动喷水灭火系统: '不合格', 消火栓系统: '合格' } }, ctx);
  return { agencies: 2, projects: projects.length };
}
