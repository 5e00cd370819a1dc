import type * as z from 'zod';
import { conflict, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { acceptanceCrosscheck } from '@cityloop/shared/fire-testing/acceptance-crosscheck';
import { CREDIT_FALSE_REPORT } from '@cityloop/shared/fire-testing/fire.limits';
import { FIRE_CASE_MACHINE } from '@cityloop/shared/fire-testing/fire-event.machine';
import type { acceptanceRequest, caseDecisionRequest } from '@cityloop/shared/fire-testing/fire.contract';
import type { Deps } from '../../platform/deps';
import type { FireCtx } from './fire-messages';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { runCommand } from '../../platform/command/run-command';
import { newId } from '../../platform/ids';
import { FIRE_AGENCIES, FIRE_CASES, type FireAcceptance, type FireCase } from './firetest.collections';
import { findProject, latestIssuedReportFor } from './project.repository';
import { agencyRepository } from './registry.repository';
import { caseRepository, insertAcceptance, insertCase } from './event.repository';
import { requireFire } from './fire-access';
import { agencyStaff, fireMessages, touch } from './fire-messages';
import { raiseEvent } from './raise-event';

type Ctx = FireCtx;

/**
 * The acceptance department records 消防验收 results per system; `acceptance_crosscheck` (the exact contract)
 * compares them with the agency's latest valid report for the building. A suspected false report opens an
 * investigation (naming the engineer who signed), lowers the agency's credit (history kept) and raises the alert.
 */
export async function recordAcceptance(deps: Deps, actor: NonNullable<Actor>, b: z.output<typeof acceptanceRequest>, ctx: Ctx): Promise<{ acceptance: FireAcceptance; case: FireCase | null }> {
  const p = await findProject(deps.db, b.projectId);
  if (!p) throw notFound('检测项目不存在');
  requireFire(actor, ['fire.acceptance'], p.scope, '检测项目不存在');
  const report = await latestIssuedReportFor(deps.db, p.building.key);
  if (!report) throw conflict(`${p.building.name}还没有有效的消防检测报告，无法比对`, 'no_report');
  const check = acceptanceCrosscheck({ testReport: report.verdicts, acceptance: b.items });
  const t = deps.now();
  const acceptance: FireAcceptance = { _id: newId('fk'), projectId: p._id, reportId: report._id, buildingKey: p.building.key, acceptedAt: b.acceptedAt, items: b.items, conflictingItems: check.conflictingItems, suspectedFalseReport: check.suspectedFalseReport, by: actor.userId, at: t, scope: p.scope };
  await insertAcceptance(deps.db, acceptance);
  if (!check.suspectedFalseReport) return { acceptance, case: null };

  const caseId = newId('fx');
  const tech = report.signatures.techLead;
  const ev: DomainEvent = { id: newId('ev'), action: 'fire_case.open', at: t, actorId: actor.userId, role: 'regulator', to: 'investigating', data: { conflictingItems: check.conflictingItems } };
  const fcase: FireCase = {
    ...createdAggregate(FIRE_CASES, caseId, ev, [], { ...ctx, scope: p.scope }),
    agencyId: report.agencyId,
    agencyName: report.agencyName,
    reportId: report._id,
    reportNumber: report.number,
    projectId: p._id,
    acceptanceId: acceptance._id,
    conflictingItems: check.conflictingItems,
    signingEngineer: tech ? { personId: tech.personId, name: tech.name, registrationNo: tech.registrationNo } : null,
    state: 'investigating',
    creditDelta: -CREDIT_FALSE_REPORT,
    scope: p.scope,
    createdAt: t,
  };
  await insertCase(deps.db, fcase);
  const reason = `疑似虚假报告 ${report.number}：${check.conflictingItems.join('、')}验收不合格而检测报告为合格`;
  touch(ctx, FIRE_AGENCIES, report.agencyId);
  const agency = await runCommand(deps, {
    repo: agencyRepository, id: report.agencyId, eventAction: 'agency.credit', actor, version: 'none', notFoundMessage: '机构不存在', staleMessage: '机构信息已更新，请重试', ctx,
    authorize: () => 'regulator',
    apply: async ({ agg, at, eventId }) => {
      const score = Math.max(0, agg.credit.score - CREDIT_FALSE_REPORT);
      return {
        set: { credit: { score, history: [...agg.credit.history, { at, delta: -CREDIT_FALSE_REPORT, score, reason, caseId }] } },
        messages: fireMessages(eventId, await agencyStaff(deps.db, agg._id), at, { subject: agg.name, title: '信用扣分', body: `${reason}，已立案调查，信用分扣 ${CREDIT_FALSE_REPORT} 分`, page: `packages/fire/pages/agency/index?id=${agg._id}` }),
        event: { reason, data: { caseId, delta: -CREDIT_FALSE_REPORT, score } },
      };
    },
  });
  await raiseEvent(deps, { kind: 'suspected_false_report', detail: `${reason}；签发工程师 ${tech?.name ?? '未知'}${tech?.registrationNo ? `（${tech.registrationNo}）` : ''}`, agency, project: p, reportId: report._id, caseId, actorId: null }, ctx);
  return { acceptance, case: fcase };
}

/** The regulator records the investigation's findings and penalty (7号令 art. 28, 消防法 art. 69). */
export function decideCase(deps: Deps, actor: NonNullable<Actor>, id: string, b: z.output<typeof caseDecisionRequest>, ctx: Ctx): Promise<FireCase> {
  return runCommand(deps, {
    repo: caseRepository, id, eventAction: 'fire_case.decide', action: 'decide', actor, version: b.version, notFoundMessage: '案件不存在', staleMessage: '案件已更新，请刷新后重试', ctx,
    authorize: (c) => {
      requireFire(actor, ['fire.supervise'], c.scope, '案件不存在');
      return 'regulator' as const;
    },
    step: { machine: FIRE_CASE_MACHINE, stateOf: (c) => c.state, stateField: 'state', context: (_c, by) => ({ by, findings: b.findings }) },
    apply: () => ({ set: { findings: b.findings, penalty: b.penalty }, event: { reason: b.findings, data: { penalty: b.penalty } } }),
  });
}
