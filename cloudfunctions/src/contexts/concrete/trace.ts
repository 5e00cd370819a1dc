import { invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { verifyCode } from '../../platform/codes/signed-code';
import { BATCHES, CHIPS, CPROJECTS, GROUPS, IBATCHES, LOTS, POURS, TICKETS, type ChipBinding, type ConcreteProject, type InspectionBatch, type MaterialLot, type Pour, type ProductionBatch, type SpecimenGroup, type Ticket } from './concrete.collections';
import { docsByIdEach, findDoc, findDocs } from './concrete-docs.repository';

export type TraceStart = { projectId?: string; member?: string; ticket?: string; chip?: string };

/**
 * The whole chain of a member, a ticket (its scanned code) or a chip: pours → trucks → batches → material lots and
 * their tests → specimen groups → press loads → evaluation. The start (1–2 reads), the member's pours and trucks by
 * their fields, then each step by the ids the previous one names, one `_id` read each — pours → their groups, trucks →
 * their batches → lots, groups → inspection batches (docs/ARCHITECTURE.md §12: FerretDB evaluates an `$in` on every
 * decoded document of the collection).
 */
export async function traceChain(deps: Deps, actor: NonNullable<Actor>, start: TraceStart) {
  let projectId: string;
  let member: string;
  if (start.chip) {
    const chip = await findDoc<ChipBinding>(deps.db, CHIPS, start.chip.toUpperCase());
    const g = chip && (await findDoc<SpecimenGroup>(deps.db, GROUPS, chip.groupId));
    if (!g) throw notFound('芯片未绑定');
    ({ projectId, member } = g);
  } else if (start.ticket) {
    const { id } = start.ticket.includes('/') || start.ticket.includes('.') ? verifyCode(deps.config.codeSecret, start.ticket) : { id: start.ticket };
    const t = await findDoc<Ticket>(deps.db, TICKETS, id);
    if (!t) throw notFound('运输单不存在');
    ({ projectId, member } = t);
  } else if (start.projectId && start.member) {
    projectId = start.projectId;
    member = start.member;
  } else throw invalid('请给出构件（项目与部位）、运输单二维码或芯片编号', 'trace_start_required');
  const project = await findDoc<ConcreteProject>(deps.db, CPROJECTS, projectId);
  if (!project || !can(actor, 'concrete.read', { kind: 'concrete', scope: project.scope }).allow) throw notFound('工程项目不存在');

  const lean = { history: 0, outbox: 0, pendingAudit: 0 };
  const [pours, tickets] = await Promise.all([findDocs<Pour>(deps.db, POURS, { projectId, member }, { projection: lean }), findDocs<Ticket>(deps.db, TICKETS, { projectId, member }, { projection: lean })]);
  const [groups, batches] = await Promise.all([
    docsByIdEach<SpecimenGroup>(deps.db, GROUPS, pours.flatMap((p) => p.groupIds), lean),
    docsByIdEach<ProductionBatch>(deps.db, BATCHES, tickets.flatMap((t) => t.batchIds)),
  ]);
  const [lots, ibs] = await Promise.all([
    docsByIdEach<MaterialLot>(deps.db, LOTS, batches.flatMap((b) => b.lotIds), lean),
    docsByIdEach<InspectionBatch>(deps.db, IBATCHES, groups.map((g) => g.inspectionBatchId), lean),
  ]);
  const iso = (d?: Date) => d?.toISOString() ?? null;
  return {
    project: { id: project._id, name: project.name, lab: project.labName ?? null },
    member,
    pours: pours.map((p) => ({ id: p._id, grade: p.grade, volumeM3: p.volumeM3, date: iso(p.date), requiredGroups: p.requiredGroups, sampledGroups: p.groupIds.length, shortfall: p.shortfall })),
    tickets: tickets.map((t) => ({ id: t._id, plant: t.plantName, grade: t.grade, volumeM3: t.volumeM3, departAt: iso(t.departAt), state: t.state, slumpMm: t.acceptance.contractor?.slumpMm ?? null, selfTestMPa: t.selfTest?.strengthMPa ?? null, certificateBlocked: t.certificate.blocked, batchIds: t.batchIds })),
    batches: batches.map((b) => ({ id: b._id, batchNo: b.batchNo, at: iso(b.at), volumeM3: b.volumeM3, flagged: b.flagged, lotIds: b.lotIds, deviations: b.deviations.filter((d) => d.exceeded) })),
    lots: lots.map((l) => ({ id: l._id, material: l.material, lotNo: l.lotNo, supplier: l.supplierName, test: l.test.result })),
    groups: groups.map((g) => ({ id: g._id, ticketId: g.ticketId, chips: g.chips, state: g.state, loadsKN: g.loads.map((l) => ({ chip: l.chip, kN: l.loadKN })), cubeStrengthsMPa: g.result?.cubeStrengthsMPa ?? null, representativeMPa: g.result?.representativeMPa ?? null, valid: g.result?.valid ?? null, passed: g.passed ?? null })),
    evaluations: ibs.map((b) => ({ id: b._id, grade: b.grade, groups: b.strengthsMPa.length, result: b.evaluation && 'result' in b.evaluation ? b.evaluation.result : null, evaluation: b.evaluation ?? null })),
  };
}
