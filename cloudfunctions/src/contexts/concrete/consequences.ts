import { evaluateBatch } from '@cityloop/shared/concrete/evaluate-batch';
import { judgeDivergence, nextCredit, type CreditEvent } from '@cityloop/shared/concrete/consequence-rules';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { CCASES, CPROJECTS, GROUPS, IBATCHES, PLANTS, TICKETS, type ConcreteCase, type ConcreteProject, type InspectionBatch, type Plant, type SpecimenGroup, type Ticket } from './concrete.collections';
import { docsByIds, findDoc, findDocs, insertDoc, writeAggregate } from './concrete-docs.repository';
import { audienceOf, concreteMessages, monthOf, raiseAlert } from './concrete-notices';
import { rulesOf } from './concrete-access';

const ev = (deps: Deps, action: string, reason: string, data?: Record<string, unknown>): DomainEvent => {
  const at = deps.now();
  return { id: newId('ev', at.getTime()), action, at, actorId: null, role: 'system', reason, ...(data ? { data } : {}) };
};

/** Lowers a plant's credit by the city's rule for `event`, keeping the history, and tells its staff. */
export async function lowerCredit(deps: Deps, plantId: string, event: CreditEvent, ref: string, why: string): Promise<void> {
  const p = await findDoc<Plant>(deps.db, PLANTS, plantId);
  if (!p) return;
  const rules = await rulesOf(deps, p.scope.cityId);
  const score = nextCredit(p.credit.score, rules, event);
  const e = ev(deps, 'concrete.credit', `${why}：信用分 ${p.credit.score} → ${score}`, { event, ref });
  const to = await audienceOf(deps, { scope: p.scope, plantId, regulators: false });
  const history = [...p.credit.history, { at: e.at, event, delta: score - p.credit.score, score, ref }];
  await writeAggregate(deps.db, PLANTS, p, { credit: { score, history } }, e, concreteMessages(e.id, to, e.at, '信用分调整', e.reason!, `/packages/concrete/pages/plant/index?id=${plantId}`));
}

async function openCase(deps: Deps, c: Omit<ConcreteCase, keyof import('../../platform/aggregate').AggregateBase | 'createdAt' | 'month'>, reason: string, plantId: string, labId?: string): Promise<ConcreteCase> {
  const e = ev(deps, `concrete.case_${c.kind}`, reason);
  const id = newId('cc', e.at.getTime());
  const to = await audienceOf(deps, { scope: c.scope, projectId: c.projectId, plantId, labId });
  const title = c.kind === 'insitu' ? '需实体检测' : '自检与检测结果不一致';
  const doc: ConcreteCase = { ...createdAggregate(CCASES, id, e, concreteMessages(e.id, to, e.at, title, reason, `/packages/concrete/pages/case/index?id=${id}`), { scope: c.scope as never }), ...c, createdAt: e.at, month: monthOf(e.at) };
  await insertDoc(deps.db, CCASES, doc);
  return doc;
}

/**
 * Compares the plant's retained-sample self-test of a delivery with the lab's tested groups of it (the city's
 * divergence rule as data); each diverging group opens one divergence case, alerts and lowers the plant's credit.
 */
export async function checkDivergenceOfTicket(deps: Deps, t: Ticket): Promise<void> {
  if (!t.selfTest) return;
  const groups = await findDocs<SpecimenGroup>(deps.db, GROUPS, { ticketId: t._id, state: 'tested' });
  const rules = await rulesOf(deps, t.scope.cityId);
  for (const g of groups) {
    if (!g.result?.valid) continue;
    const v = judgeDivergence(rules.divergence, { fcuk: Number(g.grade.slice(1)), labMPa: g.result.representativeMPa!, labPassed: !!g.passed, selfMPa: t.selfTest.strengthMPa });
    if (!v.diverges) continue;
    const [already] = await findDocs<ConcreteCase>(deps.db, CCASES, { projectId: g.projectId, kind: 'divergence', 'refs.groupIds': g._id }, { limit: 1 });
    if (already) continue;
    const text = `${t.plantName} ${g.member}：检测 ${g.result.representativeMPa} MPa（${g.passed ? '合格' : '不合格'}），留样自检 ${t.selfTest.strengthMPa} MPa，相差 ${v.diffPct}%`;
    await openCase(deps, { kind: 'divergence', state: 'open', projectId: g.projectId, plantId: g.plantId, member: g.member, refs: { groupIds: [g._id], ticketIds: [t._id] }, detail: text, scope: g.scope }, text, g.plantId, g.labId);
    await raiseAlert(deps, { kind: 'divergence', message: text, scope: g.scope, projectId: g.projectId, plantId: g.plantId, labId: g.labId, refs: { groupId: g._id, ticketId: t._id } });
    await lowerCredit(deps, g.plantId, 'divergence', g._id, '自检与检测结果不一致');
  }
}

/** After the press completed a group: alerts for an invalid or weak group, divergence, the inspection batch. */
export async function afterGroupTested(deps: Deps, g: SpecimenGroup): Promise<void> {
  const refs = { groupId: g._id };
  if (!g.result?.valid) {
    await raiseAlert(deps, { kind: 'group_invalid', message: `${g.member} 试件组无效（三块强度离散过大），不参与评定`, scope: g.scope, projectId: g.projectId, plantId: g.plantId, labId: g.labId, refs });
  } else if (!g.passed) {
    await raiseAlert(deps, { kind: 'group_failed', message: `${g.member} 试件组代表值 ${g.result.representativeMPa} MPa，低于 ${g.grade}`, scope: g.scope, projectId: g.projectId, plantId: g.plantId, labId: g.labId, refs });
    await lowerCredit(deps, g.plantId, 'group_failed', g._id, `${g.member} 试件组强度不足`);
  }
  const ticket = await findDoc<Ticket>(deps.db, TICKETS, g.ticketId);
  if (ticket) await checkDivergenceOfTicket(deps, ticket);
  await evaluateInspectionBatch(deps, g);
}

/**
 * The inspection batch of the group, re-evaluated with `evaluateBatch` (method `auto`: statistical from 10 groups,
 * else non-statistical) over its valid groups. The first time it fails: alert everyone, block the plant's factory
 * certificate of every delivery in it, lower the plant's credit, open in-situ testing for each member.
 */
export async function evaluateInspectionBatch(deps: Deps, g: SpecimenGroup): Promise<InspectionBatch> {
  const id = g.inspectionBatchId;
  let ib = await findDoc<InspectionBatch>(deps.db, IBATCHES, id);
  if (!ib) {
    const e = ev(deps, 'concrete.inspection_batch_open', `${g.grade} 检验批`);
    await insertDoc(deps.db, IBATCHES, { ...createdAggregate(IBATCHES, id, e, [], { scope: g.scope as never }), projectId: g.projectId, plantId: g.plantId, grade: g.grade, groupIds: [], strengthsMPa: [], scope: { cityId: g.scope.cityId, townId: g.scope.townId, projectId: g.projectId, orgIds: g.scope.orgIds } } satisfies InspectionBatch);
    ib = (await findDoc<InspectionBatch>(deps.db, IBATCHES, id))!;
  }
  if (ib.groupIds.includes(g._id)) return ib;
  const groupIds = [...ib.groupIds, g._id];
  const groups = await docsByIds<SpecimenGroup>(deps.db, GROUPS, groupIds, { result: 1 });
  const strengthsMPa = groupIds.map((gid) => groups.find((x) => x._id === gid)?.result).filter((r) => r?.valid).map((r) => r!.representativeMPa!);
  const evaluation = strengthsMPa.length ? evaluateBatch({ grade: ib.grade, groupStrengthsMPa: strengthsMPa }) : undefined;
  const passed = evaluation && 'passed' in evaluation ? evaluation.passed : undefined;
  const failing = passed === false && !ib.consequencesAt;
  const e = ev(deps, 'concrete.inspection_batch_evaluate', `${strengthsMPa.length} 组：${evaluation && 'result' in evaluation ? evaluation.result : '待评定'}`);
  await writeAggregate(deps.db, IBATCHES, ib, { groupIds, strengthsMPa, ...(evaluation ? { evaluation } : {}), ...(passed != null ? { passed } : {}), ...(failing ? { consequencesAt: e.at } : {}) }, e);
  if (failing) await batchFailed(deps, ib, groupIds);
  return (await findDoc<InspectionBatch>(deps.db, IBATCHES, id))!;
}

async function batchFailed(deps: Deps, ib: InspectionBatch, groupIds: string[]): Promise<void> {
  const groups = await docsByIds<SpecimenGroup>(deps.db, GROUPS, groupIds, { ticketId: 1, member: 1, labId: 1, scope: 1 });
  const project = await findDoc<ConcreteProject>(deps.db, CPROJECTS, ib.projectId);
  const plant = await findDoc<Plant>(deps.db, PLANTS, ib.plantId);
  const text = `${project?.name ?? ib.projectId} ${plant?.name ?? ''} ${ib.grade} 检验批评定不合格（${groupIds.length} 组）`;
  await raiseAlert(deps, { kind: 'batch_failed', message: text, scope: ib.scope, projectId: ib.projectId, plantId: ib.plantId, labId: project?.labId, refs: { inspectionBatchId: ib._id } });
  for (const t of await docsByIds<Ticket>(deps.db, TICKETS, groups.map((x) => x.ticketId))) {
    if (t.certificate.blocked) continue;
    const e = ev(deps, 'concrete.certificate_block', `${ib.grade} 检验批不合格，出厂合格证冻结`);
    await writeAggregate(deps.db, TICKETS, t, { certificate: { blocked: true, reason: e.reason, at: e.at } }, e);
  }
  await lowerCredit(deps, ib.plantId, 'batch_failed', ib._id, `${ib.grade} 检验批不合格`);
  for (const member of [...new Set(groups.map((x) => x.member))]) {
    await openCase(deps, { kind: 'insitu', state: 'required', projectId: ib.projectId, plantId: ib.plantId, member, refs: { inspectionBatchId: ib._id, groupIds: groups.filter((x) => x.member === member).map((x) => x._id) }, detail: `${member} 所在检验批评定不合格，须委托有资质的检测机构进行实体检测（GB 50204 §7.1.3）`, scope: { ...ib.scope, orgIds: [ib.plantId, ...(project?.labId ? [project.labId] : [])] } }, `${member} 须进行结构实体检测`, ib.plantId, project?.labId);
  }
}
