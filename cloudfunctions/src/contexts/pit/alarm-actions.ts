import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { ALARM_ACTION_LABELS, ALARM_PERMISSION, allowedAlarmActions, checkAlarmInput, checkEscalation, escalationRefusal, nextAlarmStatus, type AlarmAction } from '@cityloop/shared/pit/domain/alarm.machine';
import type { Deps } from '../../platform/deps';
import { eventWrites, type DomainEvent } from '../../platform/aggregate';
import { versionedUpdate } from '../../platform/db/versioned';
import { newId } from '../../platform/ids';
import { requireOwnEvidence } from '../evidence/own-evidence';
import { PIT_ALARMS, type PitAlarm } from './pit.collections';
import { actionMessages, alarmRecipients, channelsFor } from './alarm-notice';
import { updatePointsAndProject } from './raise-alarms';
import { clearOpenAlarm } from './ingest-heads';

export type AlarmCommand = { action: AlarmAction; note: string; evidence: string[]; version: number; location?: { lng: number; lat: number; accuracy?: number } };

/**
 * One step of the handling loop: policy → transition table → one versioned write with the event
 * (who, when, role, why, evidence) and the notifications it causes.
 */
export async function actOnAlarm(deps: Deps, actor: NonNullable<Actor>, alarmId: string, cmd: AlarmCommand, ctx: { requestId?: string; ip?: string }): Promise<PitAlarm> {
  const coll = deps.db.collection<PitAlarm>(PIT_ALARMS);
  const alarm = await coll.findOne({ _id: alarmId });
  if (!alarm || !can(actor, 'alarm.read', { kind: 'alarm', scope: alarm.scope }).allow) throw notFound('报警事件不存在');
  const permission = ALARM_PERMISSION[cmd.action];
  const decision = can(actor, permission, { kind: 'alarm', scope: alarm.scope });
  if (!decision.allow) throw forbidden(`您的角色不能执行“${ALARM_ACTION_LABELS[cmd.action]}”`);
  // Only a change of status since the caller looked makes their action stale: a regulator's comment
  // (same status) must not throw away a supervisor's half-written handling report.
  const since = alarm.history.slice(Math.max(0, cmd.version));
  if (cmd.version > alarm.version || since.some((e) => e.from !== e.to)) throw invalid('报警事件已被他人更新，请刷新后再操作', 'stale_version');
  const to = nextAlarmStatus(alarm.status, cmd.action);
  if (cmd.action === 'escalate') checkEscalation(alarm);
  checkAlarmInput(cmd.action, alarm.kind, cmd.note, cmd.evidence.length);
  await requireOwnEvidence(deps.db, actor.userId, cmd.evidence);
  const at = deps.now();
  const role = decision.who;
  const event: DomainEvent = { id: newId('ev'), action: `alarm.${cmd.action}`, at, actorId: actor.userId, role, from: alarm.status, to, reason: cmd.note, evidence: cmd.evidence, location: cmd.location, ...(cmd.action === 'escalate' ? { data: { level: alarm.level } } : {}) };
  // 升级督办 goes up to the city regulator as well; every step is told on WeChat and inbox, never by SMS.
  const recipients = (await alarmRecipients(deps.db, alarm, { city: cmd.action === 'escalate' })).filter((u) => u !== actor.userId);
  const messages = actionMessages(event.id, alarm, recipients, at, { label: ALARM_ACTION_LABELS[cmd.action], to, note: cmd.note, channels: channelsFor(deps, at, 'routine') });
  const w = eventWrites(PIT_ALARMS, alarm._id, event, messages, { ...ctx, scope: alarm.scope });
  await versionedUpdate(coll, alarm, {
    $set: { ...w.$set, status: to, updatedAt: at, ...(cmd.action === 'escalate' ? { escalated: true, escalatedLevel: alarm.level } : {}) },
    $push: w.$push as never,
  });
  if (to === 'archived') {
    await clearOpenAlarm(deps.db, alarm.projectId, alarm.point, alarm._id);
    await updatePointsAndProject(deps, { _id: alarm.projectId }, null, at);
  }
  return (await coll.findOne({ _id: alarm._id }))!;
}

/** The buttons a person sees: allowed by the table AND by policy. */
export function alarmPolicies(actor: Actor, alarm: PitAlarm): Record<string, boolean> {
  const possible = new Set(allowedAlarmActions(alarm.status));
  const out: Record<string, boolean> = {};
  for (const a of ['handle', 'archive', 'return', 'comment', 'require_action', 'escalate'] as AlarmAction[]) {
    out[a] = possible.has(a) && can(actor, ALARM_PERMISSION[a], { kind: 'alarm', scope: alarm.scope }).allow && (a !== 'escalate' || escalationRefusal(alarm) === null);
  }
  return out;
}
