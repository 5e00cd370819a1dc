import { evaluateBatch } from '@cityloop/shared/concrete/evaluate-batch';
import type { Deps } from '../../platform/deps';
import { createdAggregate } from '../../platform/aggregate';
import { CPROJECTS, GROUPS, IBATCHES, PLANTS, TICKETS, type ConcreteProject, type InspectionBatch, type Plant, type SpecimenGroup, type Ticket } from './concrete.collections';
import { docsByIds, findDoc, insertDoc, writeAggregate } from './concrete-docs.repository';
import { raiseAlert } from './concrete-notices';
import { checkDivergenceOfTicket, ev, lowerCredit, openCase } from './divergence';
import { traceEvaluation, traceTickets } from './trace-projection';

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
  const evaluated = (await findDoc<InspectionBatch>(deps.db, IBATCHES, id))!;
  await traceEvaluation(deps, evaluated);
  return evaluated;
}

async function batchFailed(deps: Deps, ib: InspectionBatch, groupIds: string[]): Promise<void> {
  const groups = await docsByIds<SpecimenGroup>(deps.db, GROUPS, groupIds, { ticketId: 1, member: 1, labId: 1, scope: 1 });
  const project = await findDoc<ConcreteProject>(deps.db, CPROJECTS, ib.projectId);
  const plant = await findDoc<Plant>(deps.db, PLANTS, ib.plantId);
  const text = `${project?.name ?? ib.projectId} ${plant?.name ?? ''} ${ib.grade} 检验批评定不合格（${groupIds.length} 组）`;
  await raiseAlert(deps, { kind: 'batch_failed', message: text, scope: ib.scope, projectId: ib.projectId, plantId: ib.plantId, labId: project?.labId, refs: { inspectionBatchId: ib._id } });
  const blocked: Ticket[] = [];
  for (const t of await docsByIds<Ticket>(deps.db, TICKETS, groups.map((x) => x.ticketId))) {
    if (t.certificate.blocked) continue;
    const e = ev(deps, 'concrete.certificate_block', `${ib.grade} 检验批不合格，出厂合格证冻结`);
    const certificate = { blocked: true, reason: e.reason, at: e.at };
    await writeAggregate(deps.db, TICKETS, t, { certificate }, e);
    blocked.push({ ...t, certificate });
  }
  await traceTickets(deps, blocked);
  await lowerCredit(deps, ib.plantId, 'batch_failed', ib._id, `${ib.grade} 检验批不合格`);
  for (const member of [...new Set(groups.map((x) => x.member))]) {
    await openCase(deps, { kind: 'insitu', state: 'required', projectId: ib.projectId, plantId: ib.plantId, member, refs: { inspectionBatchId: ib._id, groupIds: groups.filter((x) => x.member === member).map((x) => x._id) }, detail: `${member} 所在检验批评定不合格，须委托有资质的检测机构进行实体检测（GB 50204 §7.1.3）`, scope: { ...ib.scope, orgIds: [ib.plantId, ...(project?.labId ? [project.labId] : [])] } }, `${member} 须进行结构实体检测`, ib.plantId, project?.labId);
  }
}
