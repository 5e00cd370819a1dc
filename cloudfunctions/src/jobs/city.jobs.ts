import { messagesFor } from '@cityloop/shared/notify/message';
import { missedIn, periodOf } from '@cityloop/shared/city/patrol';
import { CASE_STEP_LABELS } from '@cityloop/shared/city/step-sla';
import type { Deps } from '../platform/deps';
import { createdAggregate, eventWrites, type DomainEvent } from '../platform/aggregate';
import { deliverNow } from '../platform/outbox/deliver-now';
import { CASES, listOverdueCases, updateCaseVersioned, userIdsWithRole } from '../contexts/cases/public';
import { activePatrolRules, checksOfFacilities, insertMissedPatrol, PATROL_MISSED, type MissedPatrolDoc } from '../contexts/patrol/public';


const drain = (deps: Deps, collection: string, ids: string[]) => deliverNow(deps, ids.map((id) => ({ collection, id })), { log: deps.log, budgetMs: 10_000 });

/**
 * Overdue steps escalate once each: a case waiting past its step's deadline (受理, 派遣, 处置, 核查 — computed from
 * the case's SLA snapshot on the city's calendar) is chased with the town regulator and the area chief. A new
 * step (or a new 处置 deadline after an extension) may be chased again.
 */
export async function escalateOverdueCases(deps: Deps): Promise<{ escalated: number }> {
  const now = deps.now();
  const overdue = await listOverdueCases(deps.db, now);
  const touched: string[] = [];
  for (const c of overdue) {
    const step = c.stepDue?.step ?? 'handle';
    const label = CASE_STEP_LABELS[step];
    const at = c.stepDue?.at ?? c.deadline!;
    const event: DomainEvent = { id: `${c._id}:overdue:${step}:${at.getTime().toString(36)}`, action: 'case.escalate', at: now, actorId: null, role: 'system', from: c.state, to: c.state, reason: `超过${label}时限`, data: { step } };
    const regs = await userIdsWithRole(deps.db, [`regulator:town:${c.scope.cityId}:${c.scope.townId}`]);
    const to = [...regs, ...(c.routing.areaChiefId ? [c.routing.areaChiefId] : [])];
    const whom = step === 'handle' ? '请督办责任单位' : step === 'check' ? '请尽快现场核查' : '请尽快处理';
    const msgs = messagesFor(event.id, to, now, { channels: ['inbox', 'wechat'], title: `案件超期督办｜${c.className}`, body: `${c.facilityName ?? ''} ${c.description.slice(0, 40)}，已超过${label}时限，${whom}。`, link: `/packages/chief/pages/case/index?id=${c._id}` });
    const w = eventWrites(CASES, c._id, event, msgs, { scope: c.scope });
    const mark = c.stepDue ? { 'stepDue.escalated': true, ...(step === 'handle' ? { escalated: true } : {}) } : { escalated: true };
    try {
      await updateCaseVersioned(deps.db, c, { $set: { ...w.$set, ...mark, updatedAt: now }, $push: w.$push as never });
      touched.push(c._id);
    } catch (e) {
      if ((e as { code?: string }).code !== 'conflict') throw e;
    }
  }
  await drain(deps, CASES, touched);
  return { escalated: touched.length };
}

/** After a period ends, patrols not done are recorded once and the area chief is alerted (漏巡). */
export async function flagMissedPatrols(deps: Deps): Promise<{ missed: number }> {
  const now = deps.now();
  const rules = await activePatrolRules(deps.db);
  const touched: string[] = [];
  for (const r of rules) {
    const current = periodOf(r.per, now);
    const previous = new Date(current.start.getTime() - 1);
    const prevStart = periodOf(r.per, previous).start;
    if (prevStart < r.createdAt) continue; // the rule did not exist for that whole period
    const checks = await checksOfFacilities(deps.db, r.facilityIds, prevStart, current.start);
    const rows = missedIn({ ...r, id: r._id }, checks, previous).filter((x) => x.missed > 0);
    if (!rows.length) continue;
    const id = `pm_${r._id}_${prevStart.getTime().toString(36)}`;
    const missed = rows.reduce((s, x) => s + x.missed, 0);
    const event: DomainEvent = { id: `${id}:flag`, action: 'patrol.missed', at: now, actorId: null, role: 'system', data: { missed, facilities: rows.length } };
    const msgs = messagesFor(event.id, [r.createdBy], now, { channels: ['inbox', 'wechat'], title: `漏巡提醒｜${r.name}`, body: `上一周期有 ${rows.length} 处设施共 ${missed} 次巡查未完成。`, link: '/packages/chief/pages/coverage/index' });
    const doc: MissedPatrolDoc = { ...createdAggregate(PATROL_MISSED, id, event, msgs, { scope: r.scope }), ruleId: r._id, gridId: r.scope.gridId ?? '', patrollerIds: r.patrollerIds, periodStart: prevStart, missed, facilities: rows.map((x) => x.facilityId), scope: r.scope };
    try {
      await insertMissedPatrol(deps.db, doc);
      touched.push(id);
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
    }
  }
  await drain(deps, PATROL_MISSED, touched);
  return { missed: touched.length };
}
