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
  monitoredProjects,
  settlePointImports,
  overdueMessages,
  pointCodesOf,
  raiseAlarmsFor,
  stepDueAt,
  unraisedUploads,
  updateAlarmVersioned,
} from '../contexts/pit/public';
import { DEVICE_SKEW_SEC, purgeOldNonces } from '../contexts/pit/public';
import { userIdsWithRoleKeys } from '../platform/auth/users.repository';
import { WECHAT_TEMPLATES, wechatTime } from '@cityloop/shared/notify/templates';
import { fitTemplateData } from '@cityloop/shared/notify/wechat-fields';
import { ITEMS } from '@cityloop/shared/pit/domain/items';
import { PLAN_STAGE_LABELS, defaultPlan, epochsPerDay, frequencyText } from '@cityloop/shared/pit/domain/monitoring-plan';
import type { PitProject } from '../contexts/pit/public';

/** When the project last became 监测中 (activated or resumed), else when it was created. */
const activeSince = (p: PitProject): number => (p.monitoringSince ?? p.createdAt).getTime();

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

/** Silence longer than this many planned intervals is 缺测 (one late epoch is not yet missing). */
const MISSING_AFTER_INTERVALS = 1.5;

/**
 * 缺测 (docs/domain/pit.md §8): only projects 监测中 (not pending, paused or closed); each point's last epoch
 * against its item's frequency in the plan's current stage; a point silent for more than 1.5 intervals (or never
 * measured 1.5 intervals after the project started) is missing. One event per project per day to the regulator.
 */
export async function flagMissingData(deps: Deps): Promise<{ missing: number }> {
  const now = deps.now();
  const projects = await monitoredProjects(deps.db);
  const touched: string[] = [];
  for (const p of projects) {
    const plan = p.plan?.stage ? p.plan : defaultPlan();
    const points = await pointCodesOf(deps.db, p._id);
    const last = await latestResults(deps.db, p._id);
    const since = activeSince(p);
    const silent = points.filter((pt) => {
      const interval = 86_400_000 / epochsPerDay(plan, pt.item);
      const lastAt = last.has(pt.code) ? Date.parse(last.get(pt.code)!.at) : since;
      return now.getTime() - lastAt > MISSING_AFTER_INTERVALS * interval;
    });
    if (!silent.length) continue;
    const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const id = `al_missing_${createHash('sha256').update(`${p._id}|${day}`).digest('hex').slice(0, 16)}`;
    const byItem = [...new Set(silent.map((s) => s.item))].map((item) => `${ITEMS[item]?.label ?? item}${frequencyText(epochsPerDay(plan, item))}`).join('，');
    const description = `测点 ${silent.map((s) => s.code).join('、')} 超过监测方案频率（${PLAN_STAGE_LABELS[plan.stage]}：${byItem}）未上传数据`;
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
export async function repairUnraisedUploads(deps: Deps): Promise<{ repaired: number; pointsActivated: number; pointImportsRolledBack: number; noncesPurged: number }> {
  // staged point imports a crashed request left behind are settled here too (platform/staged-import.ts)
  const settled = await settlePointImports(deps);
  const stale = new Date(deps.now().getTime() - 60_000);
  const uploads = await unraisedUploads(deps.db, stale, 100);
  for (const u of uploads) {
    const p = await findProject(deps.db, u.projectId);
    if (p) await raiseAlarmsFor(deps, p, u);
  }
  // device nonces are kept only as long as a signed post with them could still arrive (issue 13 §8: never purged)
  const noncesPurged = await purgeOldNonces(deps.db, new Date(deps.now().getTime() - 2 * DEVICE_SKEW_SEC * 1000));
  return { repaired: uploads.length, pointsActivated: settled.activated, pointImportsRolledBack: settled.rolledBack, noncesPurged };
}
