import { judgeDivergence, nextCredit, type CreditEvent } from '@cityloop/shared/concrete/consequence-rules';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { CCASES, GROUPS, PLANTS, type ConcreteCase, type Plant, type SpecimenGroup, type Ticket } from './concrete.collections';
import { findDoc, findDocs, insertDoc, writeAggregate } from './concrete-docs.repository';
import { audienceOf, concreteMessages, monthOf, raiseAlert } from './concrete-notices';
import { rulesOf } from './concrete-access';

export const ev = (deps: Deps, action: string, reason: string, data?: Record<string, unknown>): DomainEvent => {
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

export async function openCase(deps: Deps, c: Omit<ConcreteCase, keyof import('../../platform/aggregate').AggregateBase | 'createdAt' | 'month'>, reason: string, plantId: string, labId?: string): Promise<ConcreteCase> {
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

