import type * as z from 'zod';
import { conflict, invalid, notFound } from '@cityloop/shared/errors';
import { plantStatus } from '@cityloop/shared/concrete/consequence-rules';
import { CREDIT_START, MATERIAL_LABELS, PLANT_STATUS_LABELS } from '@cityloop/shared/concrete/concrete.limits';
import type { labRequest, lotRequest, lotTestRequest, mixRequest, openingRequest, plantRequest, projectRequest, qualificationRequest, supplierRequest, PlantView } from '@cityloop/shared/concrete/concrete.contract';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { signCodeUrl } from '../../platform/codes/signed-code';
import { CPROJECTS, LABS, LOTS, MIXES, PLANTS, SUPPLIERS, type ConcreteProject, type Lab, type MaterialLot, type Mix, type Plant, type Supplier } from './concrete.collections';
import { findDoc, insertDoc, writeAggregate } from './concrete-docs.repository';
import { born, gate, gateDoc, rulesOf, type Ctx, type Person } from './concrete-access';

export const presentPlant = async (deps: Deps, p: Plant): Promise<PlantView> => {
  const rules = await rulesOf(deps, p.scope.cityId);
  return {
    id: p._id,
    name: p.name,
    address: p.address,
    townId: p.scope.townId,
    status: p.status,
    statusLabel: PLANT_STATUS_LABELS[p.status],
    conditions: rules.qualificationConditions.map((c) => ({ ...c, met: p.conditionsMet.includes(c.key) })),
    credit: p.credit.score,
    codeUrl: signCodeUrl(deps.config.codeSecret, deps.config.codeBaseUrl, p._id),
  };
};

/** 登记搅拌站: a regulator of the area, with the qualification conditions it meets (the status follows from them). */
export async function registerPlant(deps: Deps, actor: Person, cityId: string, b: z.output<typeof plantRequest>, ctx: Ctx, opts: { id?: string } = {}): Promise<Plant> {
  const scopeBase = { cityId, townId: b.townId };
  const who = gate(actor, 'concrete.manage', scopeBase, '只有本辖区监管部门可以登记搅拌站');
  const rules = await rulesOf(deps, cityId);
  const unknown = b.conditionsMet.filter((k) => !rules.qualificationConditions.some((c) => c.key === k));
  if (unknown.length) throw invalid(`未知的资质条件：${unknown.join('、')}`, 'unknown_condition');
  const id = opts.id ?? newId('mp', deps.now().getTime());
  const scope = { ...scopeBase, orgIds: [id], public: true as const };
  const { base, at } = born(deps, PLANTS, 'mp', 'concrete.plant_register', actor, who, `登记搅拌站“${b.name}”`, scope, ctx, { id });
  const plant: Plant = { ...base, name: b.name, address: b.address, conditionsMet: b.conditionsMet, suspended: false, status: plantStatus(rules.qualificationConditions, b.conditionsMet, false), credit: { score: CREDIT_START, history: [] }, scope, createdAt: at };
  if (!(await insertDoc(deps.db, PLANTS, plant))) throw conflict('搅拌站编号已存在', 'plant_exists');
  return plant;
}

/** 资质变更: the conditions met and a suspension, with the reason; the status is recomputed. */
export async function setQualification(deps: Deps, actor: Person, plantId: string, b: z.output<typeof qualificationRequest>, ctx: Ctx): Promise<Plant> {
  const { doc: p, who } = gateDoc(actor, await findDoc<Plant>(deps.db, PLANTS, plantId), 'concrete.manage', '只有本辖区监管部门可以变更搅拌站资质', '搅拌站不存在');
  const rules = await rulesOf(deps, p.scope.cityId);
  const status = plantStatus(rules.qualificationConditions, b.conditionsMet, b.suspended);
  const at = deps.now();
  await writeAggregate(deps.db, PLANTS, p, { conditionsMet: b.conditionsMet, suspended: b.suspended, status }, { id: newId('ev', at.getTime()), action: 'concrete.plant_qualification', at, actorId: actor.userId, role: who, from: p.status, to: status, reason: b.reason }, [], ctx);
  return (await findDoc<Plant>(deps.db, PLANTS, plantId))!;
}

export async function registerLab(deps: Deps, actor: Person, cityId: string, b: z.output<typeof labRequest>, ctx: Ctx, opts: { id?: string } = {}): Promise<Lab> {
  const who = gate(actor, 'concrete.manage', { cityId, townId: b.townId }, '只有监管部门可以登记检测机构');
  const id = opts.id ?? newId('lb', deps.now().getTime());
  const scope = { cityId, ...(b.townId ? { townId: b.townId } : {}), orgIds: [id] };
  const { base, at } = born(deps, LABS, 'lb', 'concrete.lab_register', actor, who, `登记检测机构“${b.name}”`, scope, ctx, { id });
  const lab: Lab = { ...base, name: b.name, scope, createdAt: at };
  if (!(await insertDoc(deps.db, LABS, lab))) throw conflict('检测机构编号已存在', 'lab_exists');
  return lab;
}

export async function registerProject(deps: Deps, actor: Person, cityId: string, b: z.output<typeof projectRequest>, ctx: Ctx): Promise<ConcreteProject> {
  const scope = { cityId, townId: b.townId, projectId: b.id };
  const who = gate(actor, 'concrete.manage', scope, '只有本辖区监管部门可以登记工程项目');
  const { base, at } = born(deps, CPROJECTS, 'pj', 'concrete.project_register', actor, who, `登记工程“${b.name}”`, scope, ctx, { id: b.id });
  const p: ConcreteProject = { ...base, name: b.name, location: { lng: b.location.lng, lat: b.location.lat }, scope, createdAt: at };
  if (!(await insertDoc(deps.db, CPROJECTS, p))) throw conflict('工程项目编号已存在', 'project_exists');
  return p;
}

/** The plant the actor works for, acting on it with `concrete.produce`. */
export async function ownPlant(deps: Deps, actor: Person, plantId: string, refused = '只有本搅拌站人员可以操作'): Promise<{ plant: Plant; who: string }> {
  const { doc, who } = gateDoc(actor, await findDoc<Plant>(deps.db, PLANTS, plantId), 'concrete.produce', refused, '搅拌站不存在');
  return { plant: doc, who };
}

export async function addSupplier(deps: Deps, actor: Person, plantId: string, b: z.output<typeof supplierRequest>, ctx: Ctx): Promise<Supplier> {
  const { plant, who } = await ownPlant(deps, actor, plantId, '只有本搅拌站人员可以登记供应商');
  const { base, at } = born(deps, SUPPLIERS, 'su', 'concrete.supplier_add', actor, who, `登记供应商“${b.name}”`, plant.scope, ctx);
  const s: Supplier = { ...base, plantId, name: b.name, materials: b.materials, scope: plant.scope, createdAt: at };
  await insertDoc(deps.db, SUPPLIERS, s);
  return s;
}

/** 原材料进场: a lot with its incoming test (pending, pass or fail). A failed lot is kept, and can never be used. */
export async function addLot(deps: Deps, actor: Person, plantId: string, b: z.output<typeof lotRequest>, ctx: Ctx, opts: { id?: string } = {}): Promise<MaterialLot> {
  const { plant, who } = await ownPlant(deps, actor, plantId, '只有本搅拌站人员可以登记原材料');
  const sup = await findDoc<Supplier>(deps.db, SUPPLIERS, b.supplierId);
  if (!sup || sup.plantId !== plantId) throw notFound('供应商不存在');
  if (!sup.materials.includes(b.material)) throw invalid(`供应商“${sup.name}”未登记供应${MATERIAL_LABELS[b.material]}`, 'supplier_material');
  const { base, at } = born(deps, LOTS, 'lt', 'concrete.lot_add', actor, who, `${MATERIAL_LABELS[b.material]}进场 批号 ${b.lotNo}`, plant.scope, ctx, opts);
  const lot: MaterialLot = { ...base, plantId, supplierId: sup._id, supplierName: sup.name, material: b.material, lotNo: b.lotNo, quantityT: b.quantityT, test: { ...b.test, at }, scope: plant.scope, createdAt: at };
  await insertDoc(deps.db, LOTS, lot);
  return lot;
}

/** 复检结果: a pending lot's test result. A result once given is not changed (a failed lot stays failed). */
export async function recordLotTest(deps: Deps, actor: Person, lotId: string, b: z.output<typeof lotTestRequest>, ctx: Ctx): Promise<MaterialLot> {
  const { doc: lot, who } = gateDoc(actor, await findDoc<MaterialLot>(deps.db, LOTS, lotId), 'concrete.produce', '只有本搅拌站人员可以录入复检结果', '原材料批次不存在');
  if (lot.test.result !== 'pending') throw conflict(`批号 ${lot.lotNo} 已有复检结论（${lot.test.result === 'pass' ? '合格' : '不合格'}），不能更改`, 'lot_tested');
  const at = deps.now();
  await writeAggregate(deps.db, LOTS, lot, { test: { ...b, at } }, { id: newId('ev', at.getTime()), action: 'concrete.lot_test', at, actorId: actor.userId, role: who, reason: `复检${b.result === 'pass' ? '合格' : '不合格'}` }, [], ctx);
  return (await findDoc<MaterialLot>(deps.db, LOTS, lotId))!;
}

export async function addMix(deps: Deps, actor: Person, plantId: string, b: z.output<typeof mixRequest>, ctx: Ctx, opts: { id?: string } = {}): Promise<Mix> {
  const { plant, who } = await ownPlant(deps, actor, plantId, '只有本搅拌站人员可以登记配合比');
  const { base, at } = born(deps, MIXES, 'mx', 'concrete.mix_add', actor, who, `配合比 ${b.code}（${b.grade}）`, plant.scope, ctx, opts);
  const mix: Mix = { ...base, plantId, code: b.code, grade: b.grade, lines: b.lines, tolerancesPct: b.tolerancesPct ?? {}, scope: plant.scope, createdAt: at };
  if (!(await insertDoc(deps.db, MIXES, mix))) throw conflict(`配合比编号 ${b.code} 已存在`, 'mix_exists');
  return mix;
}

/** 开盘鉴定: the first batch of a mix checked (slump, conclusion); a mix without it cannot be produced. */
export async function approveOpening(deps: Deps, actor: Person, mixId: string, b: z.output<typeof openingRequest>, ctx: Ctx): Promise<Mix> {
  const { doc: mix, who } = gateDoc(actor, await findDoc<Mix>(deps.db, MIXES, mixId), 'concrete.produce', '只有本搅拌站人员可以做开盘鉴定', '配合比不存在');
  if (mix.opening) throw conflict('该配合比已做开盘鉴定', 'opening_done');
  const at = deps.now();
  await writeAggregate(deps.db, MIXES, mix, { opening: { at, by: actor.userId, slumpMm: b.slumpMm, note: b.note } }, { id: newId('ev', at.getTime()), action: 'concrete.mix_opening', at, actorId: actor.userId, role: who, reason: b.note }, [], ctx);
  return (await findDoc<Mix>(deps.db, MIXES, mixId))!;
}
