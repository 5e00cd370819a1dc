import type * as z from 'zod';
import { conflict, invalid, notFound } from '@cityloop/shared/errors';
import { PLANT_STATUS_LABELS, TICKET_STATE_LABELS } from '@cityloop/shared/concrete/concrete.limits';
import type { acceptRequest, selfTestRequest, ticketRequest, unticketedRequest, TicketView } from '@cityloop/shared/concrete/concrete.contract';
import type { Deps } from '../../platform/deps';
import { signCodeUrl } from '../../platform/codes/signed-code';
import { runCommand } from '../../platform/command/run-command';
import { requireOwnEvidence } from '../evidence/public';
import { BATCHES, CPROJECTS, MIXES, TICKETS, type ConcreteProject, type Mix, type ProductionBatch, type Ticket } from './concrete.collections';
import { docsByIds, findDoc, findDocs, insertDoc, repositoryOf } from './concrete-docs.repository';
import { born, gate, gateDoc, type Ctx, type Person } from './concrete-access';
import { ownPlant } from './registry';
import { raiseAlert } from './concrete-notices';
import { checkDivergenceOfTicket } from './divergence';
import { traceTicketIssued, traceTickets } from './trace-projection';

const ticketRepo = repositoryOf<Ticket>(TICKETS);

export const presentTicket = (deps: Deps, t: Ticket): TicketView => ({
  id: t._id,
  plantName: t.plantName,
  projectId: t.projectId,
  member: t.member,
  grade: t.grade,
  volumeM3: t.volumeM3,
  selfTestMPa: t.selfTest?.strengthMPa ?? null,
  departAt: t.departAt.toISOString(),
  state: t.state,
  stateLabel: TICKET_STATE_LABELS[t.state],
  acceptance: { contractor: !!t.acceptance.contractor, supervisor: !!t.acceptance.supervisor },
  certificateBlocked: t.certificate.blocked,
  codeUrl: signCodeUrl(deps.config.codeSecret, deps.config.codeBaseUrl, t._id),
  version: t.version,
});

/**
 * 开具电子运输单: only a qualified plant; the mix is its own and opened, the batches are its own production of that
 * mix and not on another ticket. The ticket's signed code goes on the truck.
 */
export async function issueTicket(deps: Deps, actor: Person, plantId: string, b: z.output<typeof ticketRequest>, ctx: Ctx, opts: { id?: string } = {}): Promise<Ticket> {
  const { plant, who } = await ownPlant(deps, actor, plantId, '只有本搅拌站人员可以开具运输单');
  if (plant.status !== 'qualified') throw conflict(`${plant.name}当前${PLANT_STATUS_LABELS[plant.status]}，不能开具电子运输单`, 'plant_not_qualified');
  const project = await findDoc<ConcreteProject>(deps.db, CPROJECTS, b.projectId);
  if (!project || project.scope.cityId !== plant.scope.cityId) throw notFound('工程项目不存在');
  const mix = await findDoc<Mix>(deps.db, MIXES, b.mixId);
  if (!mix || mix.plantId !== plantId) throw notFound('配合比不存在');
  if (!mix.opening) throw conflict(`配合比 ${mix.code} 尚未开盘鉴定`, 'mix_not_opened');
  const batches = await docsByIds<ProductionBatch & { ticketId?: string }>(deps.db, BATCHES, b.batchIds);
  for (const id of b.batchIds) {
    const bt = batches.find((x) => x._id === id);
    if (!bt || bt.plantId !== plantId) throw invalid(`生产记录 ${id} 不存在`, 'batch_unknown');
    if (bt.mixId !== mix._id) throw invalid(`第 ${bt.batchNo} 盘不是配合比 ${mix.code} 的生产记录`, 'batch_mix');
  }
  const [onOther] = await findDocs<Ticket>(deps.db, TICKETS, { batchIds: { $in: b.batchIds } }, { limit: 1, projection: { batchIds: 1 } });
  if (onOther) throw conflict(`生产记录 ${onOther.batchIds.find((x) => b.batchIds.includes(x))} 已开在另一张运输单上`, 'batch_on_ticket');
  const scope = { cityId: project.scope.cityId, townId: project.scope.townId, projectId: project._id, orgIds: [plantId] };
  const { base, at } = born(deps, TICKETS, 'dt', 'concrete.ticket_issue', actor, who, `${plant.name} → ${project.name} ${b.member}`, scope, ctx, opts);
  const t: Ticket = { ...base, plantId, plantName: plant.name, projectId: project._id, member: b.member, mixId: mix._id, grade: mix.grade, volumeM3: b.volumeM3, batchIds: b.batchIds, departAt: new Date(b.departAt), state: 'issued', acceptance: {}, certificate: { blocked: false }, scope, createdAt: at };
  if (!(await insertDoc(deps.db, TICKETS, t))) throw conflict('运输单编号已存在', 'ticket_exists');
  await traceTicketIssued(deps, t, batches);
  return t;
}

/**
 * 进场验收: the contractor and the supervisor each accept (or refuse) the truck with arrival time, slump and a photo of
 * their own; accepted when both have, refused when either refuses.
 */
export async function acceptTicket(deps: Deps, actor: Person, ticketId: string, b: z.output<typeof acceptRequest>, ctx: Ctx): Promise<Ticket> {
  return runCommand(deps, {
    repo: ticketRepo,
    id: ticketId,
    eventAction: 'concrete.ticket_accept',
    actor,
    version: 'none',
    notFoundMessage: '运输单不存在',
    staleMessage: '运输单已被他人更新，请重试',
    ctx,
    authorize: (t) => gate(actor, 'concrete.accept', t.scope, '只有本项目的施工单位或监理单位可以验收', '运输单不存在'),
    precheck: async (t) => {
      if (t.state !== 'issued') throw conflict(`运输单${TICKET_STATE_LABELS[t.state]}，不能再验收`, 'ticket_closed');
      await requireOwnEvidence(deps.db, actor.userId, [b.photo], { images: true });
    },
    apply: ({ agg, who, at }) => {
      const side = who as 'contractor' | 'supervisor';
      if (agg.acceptance[side]) throw conflict(`${side === 'contractor' ? '施工单位' : '监理单位'}已验收过该车`, 'already_accepted');
      const acceptance = { ...agg.acceptance, [side]: { userId: actor.userId, at, arrivedAt: new Date(b.arrivedAt), slumpMm: b.slumpMm, photo: b.photo, accept: b.accept, ...(b.note ? { note: b.note } : {}) } };
      const state = !b.accept ? 'rejected' : acceptance.contractor && acceptance.supervisor ? 'accepted' : 'issued';
      return { set: { acceptance, state }, event: { from: agg.state, to: state, reason: `${b.accept ? '验收' : '拒收'}：坍落度 ${b.slumpMm} mm${b.note ? `，${b.note}` : ''}`, evidence: [b.photo] } };
    },
    after: (accepted) => traceTickets(deps, [accepted]),
  });
}

/** 留样自检: the plant's own 28-day result on the retained sample of this delivery; compared with the lab's. */
export async function postSelfTest(deps: Deps, actor: Person, ticketId: string, b: z.output<typeof selfTestRequest>, ctx: Ctx): Promise<Ticket> {
  const t = await runCommand(deps, {
    repo: ticketRepo,
    id: ticketId,
    eventAction: 'concrete.ticket_self_test',
    actor,
    version: 'none',
    notFoundMessage: '运输单不存在',
    staleMessage: '运输单已被他人更新，请重试',
    ctx,
    authorize: (t) => gate(actor, 'concrete.produce', t.scope, '只有供货搅拌站可以录入留样自检结果', '运输单不存在'),
    precheck: async (t) => {
      if (t.selfTest) throw conflict('该车留样自检结果已录入，不能更改', 'self_test_done');
    },
    apply: ({ at }) => ({ set: { selfTest: { strengthMPa: b.strengthMPa, ageDays: b.ageDays, at } }, event: { reason: `留样自检 ${b.ageDays} d 强度 ${b.strengthMPa} MPa` } }),
    after: (tested) => traceTickets(deps, [tested]),
  });
  await checkDivergenceOfTicket(deps, t);
  return t;
}

/** 无单进场: concrete arrived without an online ticket — an alert to the regulators (a suspected 黑站). */
export async function reportUnticketed(deps: Deps, actor: Person, projectId: string, b: z.output<typeof unticketedRequest>, ctx: Ctx) {
  const { doc: project } = gateDoc(actor, await findDoc<ConcreteProject>(deps.db, CPROJECTS, projectId), 'concrete.report_unticketed', '只有本项目的施工单位或监理单位可以上报', '工程项目不存在');
  await requireOwnEvidence(deps.db, actor.userId, [b.photo], { images: true });
  return raiseAlert(deps, { kind: 'unticketed', message: `${project.name} ${b.member} 收到“${b.plantName}”约 ${b.volumeM3} m³ 混凝土，无电子运输单（疑似黑站）`, scope: project.scope, projectId, refs: { plantName: b.plantName, photo: b.photo }, actorId: actor.userId, ctx });
}

