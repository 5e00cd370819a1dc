import type { Db } from 'mongodb';
import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import type { Item, SafetyLevel, SupportType } from '@cityloop/shared/pit/domain/items';
import type { Deps } from '../../src/platform/deps';
import { USERS, type User } from '../../src/platform/auth/users';
import { findUser, findUserByPersona } from '../../src/platform/auth/users.repository';
import { PIT_ALARMS, PIT_UPLOADS, type PartyRole, type PitAlarm, type PitProject } from '../../src/contexts/pit/pit.collections';
import { escalateOverdueAlarms } from '../../src/jobs/pit.jobs';
import { ingestEpoch } from '../../src/contexts/pit/ingest-epoch';
import { createProject } from '../../src/contexts/pit/create-project';
import { editProjectConfig, editProjectPlan } from '../../src/contexts/pit/setup-project';
import { setProjectParties } from '../../src/contexts/pit/project-parties';
import { importPoints } from '../../src/contexts/pit/import-points';
import { setInitialProfile } from '../../src/contexts/pit/initial-profile';
import { registerDevice } from '../../src/contexts/pit/devices';
import { actOnProject } from '../../src/contexts/pit/project-lifecycle';
import { findProject } from '../../src/contexts/pit/project.repository';
import { pointCodesOf, pointsOfProject } from '../../src/contexts/pit/point.repository';
import { inclinometerFile, inclinometerInitial, inclinometerInitialFile, levelingFile, pointsCsv, vwFile, waterFile } from './pit-demo-files';

/** The demo monitoring unit's organisation (demo-data ORGS). */
const MONITOR_ORG = 'org-monitor-gd';

type DemoPit = {
  id: string;
  name: string;
  address: string;
  townId: string;
  lng: number;
  lat: number;
  safetyLevel: SafetyLevel;
  depthM: number;
  supportType: SupportType;
  /** each stream's value as a fraction of its control, on the first and the last day of the week */
  severity: Record<'settlement' | 'water' | 'strut' | 'incline', [number, number]>;
};

export const DEMO_PITS: DemoPit[] = [
  { id: 'pj_demo0nc0pit0a', name: '南城国际商务中心基坑', address: '东莞市南城街道鸿福路88号', townId: 'nancheng', lng: 113.748, lat: 23.012, safetyLevel: 1, depthM: 12, supportType: 'diaphragmWall', severity: { settlement: [0.55, 1.05], water: [0.2, 0.4], strut: [0.3, 0.5], incline: [0.3, 0.5] } },
  { id: 'pj_demo0nc0pit0b', name: '元美花园二期地下室基坑', address: '东莞市南城街道元美路12号', townId: 'nancheng', lng: 113.757, lat: 23.006, safetyLevel: 2, depthM: 8, supportType: 'pile', severity: { settlement: [0.5, 0.88], water: [0.2, 0.3], strut: [0.3, 0.4], incline: [0.2, 0.5] } },
  { id: 'pj_demo0dc0pit0c', name: '东城万达广场三期基坑', address: '东莞市东城街道东纵大道208号', townId: 'dongcheng', lng: 113.777, lat: 23.027, safetyLevel: 2, depthM: 10, supportType: 'soilNail', severity: { settlement: [0.3, 0.6], water: [0.5, 0.75], strut: [0.2, 0.3], incline: [0.2, 0.4] } },
];

/** Party personas for pits A and B (log in as them on the H5 login page); pit C has its own people. */
export const PIT_PERSONAS: { persona: string; name: string; phone: string; role: PartyRole; org: string }[] = [
  { persona: 'pit-owner', name: '李建设（建设单位）', phone: '13800000040', role: 'owner', org: '东莞城建投资有限公司' },
  { persona: 'pit-contractor', name: '周施工（施工单位）', phone: '13800000041', role: 'contractor', org: '广东建工集团' },
  { persona: 'pit-supervisor', name: '赵监理（监理单位）', phone: '13800000042', role: 'supervisor', org: '东莞正信工程监理' },
  { persona: 'pit-monitor', name: '孙监测（监测单位）', phone: '13800000043', role: 'monitor', org: '广东岩土监测中心' },
  { persona: 'pit-designer', name: '钱设计（设计单位）', phone: '13800000044', role: 'designer', org: '东莞市建筑设计院' },
];

const BENCHMARK = { id: 'BM1', elevation: 100 };
const LEVEL_POINTS: { code: string; item: Item; initial: number }[] = [
  { code: 'ZQS1', item: 'wallTopVertical', initial: 99.82 },
  { code: 'ZQS2', item: 'wallTopVertical', initial: 99.85 },
  { code: 'ZQS3', item: 'wallTopVertical', initial: 99.79 },
  { code: 'DB1', item: 'groundSettlement', initial: 99.6 },
  { code: 'JZ1', item: 'buildingSettlement', initial: 100.35 },
];
const STRUT = { code: 'ZL1', K: 0.12, f0_Hz: 820, capacityKN: 6000 };
const WELL = { code: 'SW1', pipeTopM: 100.2, initialDepthM: 3.5 };
const HOLE = 'CX1';
/** Minutes between a seeded file's observation and its (simulated) upload. */
export const SEED_UPLOAD_DELAY_MIN = 8;

/** The demo pit's points as the monitoring unit's spreadsheet (CSV): imported through the real import. */
function pointsFileFor(): string {
  return pointsCsv([
    ...LEVEL_POINTS.map((lp) => ({ code: lp.code, item: lp.item, initial_m: lp.initial })),
    { code: STRUT.code, item: 'strutForce', name: '第一道支撑', K: STRUT.K, f0: STRUT.f0_Hz, capacity_kN: STRUT.capacityKN },
    { code: WELL.code, item: 'waterLevel', pipe_top_m: WELL.pipeTopM, initial_m: +(WELL.pipeTopM - WELL.initialDepthM).toFixed(3) },
    { code: HOLE, item: 'deepHorizontal', name: '北侧测斜孔' },
  ]);
}

/** The party personas (log in as them); pit C's are other people (吴…, 139… phones). Users only: the parties come through the commands. */
async function partyPersonas(db: Db, p: DemoPit, openidFor: (persona: string) => Promise<string>, now: Date) {
  const users = db.collection<User>(USERS);
  const personal = p.id !== 'pj_demo0dc0pit0c';
  const out: { role: PartyRole; org: string; name: string; phone: string; userId: string }[] = [];
  for (const pp of PIT_PERSONAS) {
    const persona = personal ? pp.persona : `${pp.persona}-c`;
    const name = personal ? pp.name : pp.name.replace(/^./, '吴');
    const phone = personal ? pp.phone : pp.phone.replace(/^138/, '139');
    // the monitoring unit's staff may register pits for their organisation (pit.create)
    const roles: RoleBinding[] = pp.role === 'monitor' ? [{ role: 'monitor', cityId: 'dongguan', orgId: MONITOR_ORG }] : [];
    let u = await users.findOne({ persona });
    if (!u) {
      u = { _id: `u_${persona}`, openid: await openidFor(persona), persona, name, phone, roles, roleKeys: roleKeysOf(roles), createdAt: now, version: 1 };
      await users.insertOne(u);
    }
    out.push({ role: pp.role, org: pp.org, name, phone, userId: u._id });
  }
  return out;
}

const REGULATOR_OF: Record<string, string> = { nancheng: 'nancheng-regulator', dongcheng: 'dongcheng-regulator' };
const actorOf = async (db: Db, userId: string) => ({ userId, roles: (await findUser(db, userId))!.roles });

/**
 * 登记 → 参建单位 → 水准路线 → 监测方案 → 测点导入 (CSV) → 测斜孔初始测值 → 自动化设备 → 审核开始监测, each
 * through the same command the pages call (no direct inserts of projects, points or devices), a week and a
 * half before now; every step skipped when already done (the seed runs at every `npm start`).
 */
async function onboard(deps: Deps, p: DemoPit, people: Awaited<ReturnType<typeof partyPersonas>>, at: number): Promise<PitProject> {
  const { db } = deps;
  const d = (minutes: number): Deps => ({ ...deps, now: () => new Date(at + minutes * 60_000) });
  const ctx = { requestId: 'demo-seed' };
  const monitor = await actorOf(db, people.find((x) => x.role === 'monitor')!.userId);
  const regulator = await actorOf(db, (await findUserByPersona(db, REGULATOR_OF[p.townId]))!._id);
  let proj = await createProject(d(0), monitor, { name: p.name, address: p.address, location: { lng: p.lng, lat: p.lat }, safetyLevel: p.safetyLevel, depthM: p.depthM, supportType: p.supportType, cityId: 'dongguan', townId: p.townId }, ctx, { id: p.id });
  const monitorNow = await actorOf(db, monitor.userId); // bound to the project by its creation
  if (proj.status !== 'pending') return proj;
  if (!proj.parties.owner) {
    const parties = Object.fromEntries(people.map((x) => [x.role, { org: x.org, keep: [], add: [{ name: x.name, phone: x.phone }] }]));
    proj = await setProjectParties(d(5), monitorNow, p.id, { parties, version: proj.version }, ctx);
  }
  if (!proj.config.leveling) {
    proj = await editProjectConfig(d(10), monitorNow, p.id, { leveling: { benchmarks: { [BENCHMARK.id]: BENCHMARK.elevation }, start: BENCHMARK.id, end: BENCHMARK.id, kMm: 1.0, stationDiffLimitMm: 0.4 }, version: proj.version }, ctx);
    proj = await editProjectPlan(d(12), monitorNow, p.id, { stage: 'excavation_deep', frequencies: { excavation_deep: { waterLevel: 1, strutForce: 1 } }, version: proj.version }, ctx);
  }
  if (!(await pointCodesOf(db, p.id)).length) {
    await importPoints(d(15), monitorNow, p.id, { fileName: `${p.id}-测点.csv`, contentBase64: Buffer.from(pointsFileFor(), 'utf8').toString('base64'), version: proj.version }, ctx);
    const init = inclinometerInitial(p.id.length * 7919);
    await setInitialProfile(d(20), monitorNow, p.id, HOLE, inclinometerInitialFile(HOLE, init, Date.parse('2026-01-01T00:00:00+08:00')), ctx);
    await registerDevice(d(25), monitorNow, p.id, { name: '自动水位计', format: 'water_csv' }, ctx, { id: `dev_${p.id.slice(-5)}_water` });
    proj = (await findProject(db, p.id))!;
  }
  return actOnProject(d(60), regulator, p.id, { action: 'activate', reason: '', version: proj.version }, ctx);
}

/**
 * Escalates, as the scheduler would have at the time, every alarm that went overdue before `until`: each at
 * its deadline + 1 minute (the timer's period), so the week's trails show their 逾期督办 and nothing is left
 * overdue for the real scheduler to escalate — with SMS — the moment the demo starts.
 */
async function escalateOverdueUntil(deps: Deps, until: number): Promise<void> {
  const alarms = deps.db.collection<PitAlarm>(PIT_ALARMS);
  for (let i = 0; i < 200; i++) {
    const [next] = await alarms.find({ escalated: false, status: 'raised', dueAt: { $lt: new Date(until) } }).sort({ dueAt: 1 }).limit(1).toArray();
    if (!next) return;
    const { escalated } = await escalateOverdueAlarms({ ...deps, now: () => new Date(next.dueAt.getTime() + 60_000) });
    if (!escalated) return;
  }
}

/**
 * Three pits in two towns with a week of raw files (leveling GSI, water level, vibrating wire, inclinometer)
 * that cross each alarm level — ingested through the real pipeline, so the demo's alarms are genuine; the
 * pipeline's clock for each file is its observation time + SEED_UPLOAD_DELAY_MIN, so the alarms' trails and
 * deadlines read like a real week, and overdue alarms are escalated at their deadlines. All of it is history
 * when it is written (`historyBefore`): its notifications land in the inbox only — no SMS, no WeChat.
 * Idempotent: a project that already has uploads is left alone.
 */
export async function seedPitDemo(deps: Deps, openidFor: (persona: string) => Promise<string>, now = new Date()) {
  const { db } = deps;
  const history: Deps = { ...deps, historyBefore: now };
  let uploads = 0;
  for (const p of DEMO_PITS) {
    const people = await partyPersonas(db, p, openidFor, now);
    // onboarded ten days back, so the week of data below falls inside its monitoring
    await onboard(history, p, people, now.getTime() - 10 * 86_400_000);
    if (await db.collection(PIT_UPLOADS).countDocuments({ projectId: p.id }, { limit: 1 })) continue;

    const byCode = Object.fromEntries((await pointsOfProject(db, p.id)).map((x) => [x.code, x]));
    const monitor = people.find((x) => x.role === 'monitor')!.userId;
    for (let day = 0; day < 7; day++) {
      const at = now.getTime() - (6 - day) * 86_400_000 - 3 * 3600_000;
      const f = (key: keyof DemoPit['severity']) => p.severity[key][0] + ((p.severity[key][1] - p.severity[key][0]) * day) / 6;
      const settle = (code: string, share: number) => {
        const pt = byCode[code];
        return { code, elevation: pt.initialM! - (f('settlement') * share * pt.control.cumulative) / 1000 };
      };
      const level = levelingFile(BENCHMARK, [settle('ZQS1', 1), settle('ZQS2', 0.6), settle('ZQS3', 0.3), settle('DB1', 0.4), settle('JZ1', 0.2)], day + 1);
      const water = waterFile([{ code: WELL.code, depthM: WELL.initialDepthM + (f('water') * byCode.SW1.control.cumulative) / 1000 }], at);
      const targetForce = f('strut') * byCode.ZL1.control.cumulative;
      const strut = vwFile([{ code: STRUT.code, freqHz: Math.sqrt(STRUT.f0_Hz ** 2 + targetForce / STRUT.K), tempC: 24 }], at);
      const incline = inclinometerFile(HOLE, { depths_m: byCode.CX1.initialProfile!.depths_m, A0: byCode.CX1.initialProfile!.A0, A180: byCode.CX1.initialProfile!.A180 }, f('incline') * byCode.CX1.control.cumulative, at, day + 11);
      const src = { userId: monitor };
      // Each file goes through the pipeline at the time it would really have arrived (observed + a few minutes),
      // so receipts, alarm events, notifications and deadlines carry the week's times, not the seeding moment.
      const uploadedAt = (minutes: number) => ({ ...history, now: () => new Date(at + minutes * 60_000) });
      await escalateOverdueUntil(history, at + SEED_UPLOAD_DELAY_MIN * 60_000);
      await ingestEpoch(uploadedAt(SEED_UPLOAD_DELAY_MIN), { projectId: p.id, format: 'gsi', text: level, observedAt: new Date(at).toISOString(), source: src });
      await ingestEpoch(uploadedAt(SEED_UPLOAD_DELAY_MIN + 1), { projectId: p.id, format: 'water_csv', text: water, source: src });
      await ingestEpoch(uploadedAt(SEED_UPLOAD_DELAY_MIN + 2), { projectId: p.id, format: 'vw_csv', text: strut, source: src });
      await ingestEpoch(uploadedAt(SEED_UPLOAD_DELAY_MIN + 3), { projectId: p.id, format: 'inclinometer_csv', text: incline, source: src });
      uploads += 4;
    }
    await escalateOverdueUntil(history, now.getTime());
  }
  return { pits: DEMO_PITS.length, uploads };
}
