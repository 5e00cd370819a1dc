import { createHash } from 'node:crypto';
import { messagesFor } from '@cityloop/shared/notify/message';
import type { Deps } from '../platform/deps';
import { createdAggregate, eventWrites, type DomainEvent } from '../platform/aggregate';
import { deliverNow } from '../platform/outbox/deliver-now';
import {
  PIT_ALARMS,
  alarmAudience,
  channelsFor,
  escalationCandidates,
  findProject,
  insertAlarm,
  latestResults,
  listProjects,
  overdueMessages,
  pointCodesOf,
  raiseAlarmsFor,
  stepDueAt,
  unraisedUploads,
  updateAlarmVersioned,
} from '../contexts/pit/public';
import { userIdsWithRoleKeys } from '../platform/auth/users.repository';
import { WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';

const drain = (deps: Deps, ids: string[]) => deliverNow(deps, ids.map((id) => ({ collection: PIT_ALARMS, id })), { log: deps.log, budgetMs: 10_000 });

/**
 * Overdue steps escalate to the regulator: an alarm not handled by its deadline, or handled but not
 * reviewed by the owner within a day of the handling (`stepDueAt`, the deadline the alarm page shows). The SMS
 * says it is overdue and who is late; it goes to that party and to the town and city regulators (the other
 * parties read it on WeChat and inbox). Once per level: an escalated alarm is escalated again only after its
 * level rose (which clears `escalated`).
 */
export async function escalateOverdueAlarms(deps: Deps): Promise<{ escalated: number }> {
  const now = deps.now();
  // Handled alarms waiting for review are few; their deadline comes from the trail, so it is judged here.
  const candidates = await escalationCandidates(deps.db, now, 500);
  const overdue = candidates.filter((a) => (stepDueAt(a)?.getTime() ?? Infinity) < now.getTime());
  const touched: string[] = [];
  for (const a of overdue) {
    const late = a.status === 'raised' ? 'supervisor' : 'owner';
    const why = a.status === 'raised' ? '监理单位逾期未处置' : '建设单位逾期未复核';
    const event: DomainEvent = { id: `${a._id}:escalate:${a.version}`, action: 'alarm.escalate', at: now, actorId: null, role: 'system', from: a.status, to: a.status, reason: why, data: { level: a.level, overdue: true } };
    const audience = await alarmAudience(deps.db, a, { city: true }); // overdue: the city regulator hears too
    const msgs = overdueMessages(event.id, a, audience, now, { why, late, urgent: channelsFor(deps, now, 'urgent'), routine: channelsFor(deps, now, 'routine') });
    const w = eventWrites(PIT_ALARMS, a._id, event, msgs, { scope: a.scope });
    try {
      await updateAlarmVersioned(deps.db, a, { $set: { ...w.$set, escalated: true, escalatedLevel: a.level, updatedAt: now }, $push: w.$push as never });
      touched.push(a._id);
    } catch (e) {
      if ((e as { code?: string }).code !== 'conflict') throw e; // someone acted meanwhile: next run decides again
    }
  }
  await drain(deps, touched);
  return { escalated: touched.length };
}

/**
 * 缺测: compares each monitored stream's last epoch with the approved plan's frequency; a stream silent for
 * more than 1.5 intervals raises one "missing data" event per stream per day to the regulator.
 */
export async function flagMissingData(deps: Deps): Promise<{ missing: number }> {
  const now = deps.now();
  const projects = await listProjects(deps.db, {});
  const touched: string[] = [];
  for (const p of projects) {
    const interval = 86_400_000 / Math.max(p.plan.epochsPerDay, 0.1);
    const points = await pointCodesOf(deps.db, p._id);
    const last = await latestResults(deps.db, p._id);
    const silent = points.filter((pt) => !last.has(pt.code) || now.getTime() - Date.parse(last.get(pt.code)!.at) > 1.5 * interval);
    if (!silent.length) continue;
    const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const id = `al_missing_${createHash('sha256').update(`${p._id}|${day}`).digest('hex').slice(0, 16)}`;
    const description = `测点 ${silent.map((s) => s.code).join('、')} 超过监测方案频率（每日 ${p.plan.epochsPerDay} 次）未上传数据`;
    const alarm = { _id: id, projectId: p._id, projectName: p.name, point: '缺测', item: 'missing_data', kind: 'suspect_data' as const, level: 'yellow' as const, status: 'raised' as const, uploads: [] as string[], description, escalated: false, dueAt: new Date(now.getTime() + 86_400_000), scope: p.scope, createdAt: now, updatedAt: now };
    const event: DomainEvent = { id: `${id}:raised`, action: 'alarm.missing_data', at: now, actorId: null, role: 'system', to: 'raised', reason: description };
    const regs = await userIdsWithRoleKeys(deps.db, [`regulator:town:${p.scope.cityId}:${p.scope.townId}`, `project:${p._id}`]);
    const msgs = messagesFor(event.id, regs, now, {
      channels: channelsFor(deps, now, 'routine'),
      title: `缺测提醒｜${p.name}`,
      body: description,
      link: `/packages/pit/pages/project/index?id=${p._id}`,
      wechat: { templateId: WECHAT_TEMPLATES.notice.id, page: `packages/pit/pages/project/index?id=${p._id}`, data: fitTemplateData({ thing1: `缺测提醒 ${p.name}`, thing2: description, time3: wechatTime(now) }) },
    });
    try {
      await insertAlarm(deps.db, { ...alarm, ...createdAggregate(PIT_ALARMS, id, event, msgs, { scope: p.scope }) });
      touched.push(id);
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e; // already flagged today
    }
  }
  await drain(deps, touched);
  return { missing: touched.length };
}

/** Repairs a crash between an upload's insert and its alarms (deterministic alarm ids make this safe). */
export async function repairUnraisedUploads(deps: Deps): Promise<{ repaired: number }> {
  const stale = new Date(deps.now().getTime() - 60_000);
  const uploads = await unraisedUploads(deps.db, stale, 100);
  for (const u of uploads) {
    const p = await findProject(deps.db, u.projectId);
    if (p) await raiseAlarmsFor(deps, p, u);
  }
  return { repaired: uploads.length };
}
