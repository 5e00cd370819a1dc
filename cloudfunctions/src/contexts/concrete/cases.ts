import type * as z from 'zod';
import { forbidden, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import { INSITU_MACHINE, INSITU_STATE_LABELS, type InsituAction, type InsituActor, type InsituContext, type InsituState } from '@cityloop/shared/concrete/insitu.machine';
import type { insituActionRequest, CaseView } from '@cityloop/shared/concrete/concrete.contract';
import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import { CCASES, type ConcreteCase } from './concrete.collections';
import { repositoryOf } from './concrete-docs.repository';
import { audienceOf, concreteMessages } from './concrete-notices';
import type { Ctx, Person } from './concrete-access';

const caseRepo = repositoryOf<ConcreteCase>(CCASES);
/** Which permission each in-situ step needs; the machine then checks the role (owner / lab / regulator). */
const RULE_OF: Record<InsituAction, string> = { commission: 'concrete.insitu_commission', record: 'concrete.insitu_record', close: 'concrete.case' };

export const presentCase = (c: ConcreteCase): CaseView => ({ id: c._id, kind: c.kind, state: c.state, stateLabel: c.kind === 'insitu' ? INSITU_STATE_LABELS[c.state as InsituState] : '待核查', projectId: c.projectId, member: c.member ?? null, detail: c.detail, agency: c.agency ?? null, result: c.result ?? null, version: c.version, createdAt: c.createdAt.toISOString() });

/** A step of the in-situ testing workflow (insitu.machine.ts) through the command runner; the parties hear of it. */
export async function actOnInsitu(deps: Deps, actor: Person, caseId: string, b: z.output<typeof insituActionRequest>, ctx: Ctx): Promise<ConcreteCase> {
  return runCommand<ConcreteCase, InsituState, InsituAction, InsituActor, InsituContext>(deps, {
    repo: caseRepo,
    id: caseId,
    eventAction: `concrete.insitu_${b.action}`,
    action: b.action,
    actor,
    version: b.version,
    notFoundMessage: '案件不存在',
    staleMessage: '案件已被他人更新，请刷新后重试',
    ctx,
    authorize: (c) => {
      if (c.kind !== 'insitu' || !can(actor, 'concrete.read', { kind: 'concrete', scope: c.scope }).allow) throw notFound('案件不存在');
      const d = can(actor, RULE_OF[b.action], { kind: 'concrete', scope: c.scope });
      if (!d.allow) throw forbidden(`您不能对该案件执行“${INSITU_MACHINE.actionLabels[b.action]}”`, 'insitu_action_forbidden');
      return d.who as InsituActor;
    },
    step: { machine: INSITU_MACHINE, stateOf: (c) => c.state as InsituState, stateField: 'state', context: (_c, who) => ({ by: who, outcome: b.outcome, agency: b.agency, result: b.result, note: b.note }) },
    apply: async ({ agg, to, eventId, at }) => {
      const reason = b.agency ?? b.result ?? b.note ?? '';
      const users = await audienceOf(deps, { scope: agg.scope, projectId: agg.projectId, plantId: agg.plantId });
      return {
        set: { ...(b.action === 'commission' ? { agency: b.agency } : {}), ...(b.action === 'record' ? { result: b.result } : {}) },
        event: { reason },
        messages: concreteMessages(eventId, users.filter((u) => u !== actor.userId), at, `实体检测：${INSITU_STATE_LABELS[to!]}`, `${agg.member ?? ''} ${reason}`.trim(), `/packages/concrete/pages/case/index?id=${agg._id}`),
      };
    },
  });
}
