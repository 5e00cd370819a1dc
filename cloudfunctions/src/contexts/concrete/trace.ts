import { invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { verifyCode } from '../../platform/codes/signed-code';
import { CHIPS, CPROJECTS, GROUPS, TICKETS, TRACE_EVALUATIONS, TRACE_TICKETS, TRACES, type ChipBinding, type ConcreteProject, type SpecimenGroup, type Ticket, type TraceDoc, type TraceEvaluationDoc, type TraceTicketKey } from './concrete.collections';
import { docsByIdEach, findDoc } from './concrete-docs.repository';
import { emptyTrace, evaluationIdsOf, presentTrace, traceIdOf, unpackTrace, type EvaluationEntry, type TraceBody } from './trace-entries';

export type TraceStart = { projectId?: string; member?: string; ticket?: string; chip?: string };

/** The trace document a chip or a ticket leads to (its lookup document; the group or ticket for data kept before). */
async function traceIdFrom(deps: Deps, start: TraceStart): Promise<string> {
  if (start.chip) {
    const chip = await findDoc<ChipBinding>(deps.db, CHIPS, start.chip.toUpperCase());
    if (chip?.traceId) return chip.traceId;
    const g = chip && (await findDoc<SpecimenGroup>(deps.db, GROUPS, chip.groupId));
    if (!g) throw notFound('芯片未绑定');
    return traceIdOf(g.projectId, g.member);
  }
  const { id } = start.ticket!.includes('/') || start.ticket!.includes('.') ? verifyCode(deps.config.codeSecret, start.ticket!) : { id: start.ticket! };
  const key = await findDoc<TraceTicketKey>(deps.db, TRACE_TICKETS, id);
  if (key) return key.traceId;
  const t = await findDoc<Ticket>(deps.db, TICKETS, id);
  if (!t) throw notFound('运输单不存在');
  return traceIdOf(t.projectId, t.member);
}

/**
 * The whole chain of a member, a ticket (its scanned code) or a chip: pours → trucks → batches → material lots and
 * their tests → specimen groups → press loads → evaluation. It is kept, per member, in one trace document
 * (trace-projection.ts), so a trace reads that document and the project beside it, then the one or two inspection
 * batches' evaluations, each by `_id` (docs/ARCHITECTURE.md §12.10); a chip or a ticket first reads its lookup.
 */
export async function traceChain(deps: Deps, actor: NonNullable<Actor>, start: TraceStart) {
  let traceId: string;
  let projectId: string | undefined;
  if (start.chip || start.ticket) traceId = await traceIdFrom(deps, start);
  else if (start.projectId && start.member) {
    projectId = start.projectId;
    traceId = traceIdOf(start.projectId, start.member);
  } else throw invalid('请给出构件（项目与部位）、运输单二维码或芯片编号', 'trace_start_required');
  const [doc, known] = await Promise.all([findDoc<TraceDoc>(deps.db, TRACES, traceId), projectId ? findDoc<ConcreteProject>(deps.db, CPROJECTS, projectId) : null]);
  const project = known ?? (doc && (await findDoc<ConcreteProject>(deps.db, CPROJECTS, doc.projectId)));
  if (!project || !can(actor, 'concrete.read', { kind: 'concrete', scope: project.scope }).allow) throw notFound('工程项目不存在');
  const body: TraceBody = doc ? unpackTrace(doc.body) : emptyTrace();
  const evaluations = (await docsByIdEach<TraceEvaluationDoc>(deps.db, TRACE_EVALUATIONS, evaluationIdsOf(body))).map((e) => JSON.parse(e.body) as EvaluationEntry);
  return { project: { id: project._id, name: project.name, lab: project.labName ?? null }, member: doc?.member ?? start.member!, ...presentTrace(body, evaluations) };
}
