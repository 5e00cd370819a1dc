import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { ALARM_ACTION_LABELS, ALARM_MACHINE, ALARM_PERMISSION, allowedAlarmActions, escalationRefusal, type AlarmAction, type AlarmActor } from '@cityloop/shared/pit/domain/alarm.machine';
import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import { personAction } from '../../platform/command/person-action';
import { requireOwnEvidence } from '../evidence/public';
import type { PitAlarm } from './pit.collections';
import { alarmRepository } from './alarm.repository';
import { actionMessages, alarmRecipients, channelsFor } from './alarm-notice';
import { updatePointsAndProject } from './raise-alarms';
import { clearOpenAlarm } from './ingest-heads';

export type AlarmCommand = { action: AlarmAction; note: string; evidence: string[]; version: number; location?: { lng: number; lat: number; accuracy?: number } };

/**
 * Only a change of status since the caller looked makes their action stale: a regulator's comment
 * (same status) must not throw away a supervisor's half-written handling report.
 */
const statusChangedSince = (alarm: PitAlarm, version: number) => version > alarm.version || alarm.history.slice(Math.max(0, version)).some((e) => e.from !== e.to);

/**
 * One step of the handling loop through the command runner: policy → version → transition table → one
 * versioned write with the event (who, when, role, why, evidence) and the notifications it causes.
 */
export async function actOnAlarm(deps: Deps, actor: NonNullable<Actor>, alarmId: string, cmd: AlarmCommand, ctx: { requestId?: string; ip?: string }): Promise<PitAlarm> {
  return runCommand(deps, {
    ...personAction<PitAlarm, AlarmAction, AlarmActor>(actor, 'alarm', cmd, { rule: ALARM_PERMISSION[cmd.action], hidden: '报警事件不存在', refused: `您的角色不能执行“${ALARM_ACTION_LABELS[cmd.action]}”` }),
    repo: alarmRepository,
    id: alarmId,
    staleMessage: '报警事件已被他人更新，请刷新后再操作',
    isStale: statusChangedSince,
    ctx,
    step: {
      machine: ALARM_MACHINE,
      stateOf: (alarm) => alarm.status,
      stateField: 'status',
      context: (alarm, by) => ({ by, note: cmd.note, evidenceCount: cmd.evidence.length, kind: alarm.kind, alarm }),
    },
    precheck: () => requireOwnEvidence(deps.db, actor.userId, cmd.evidence),
    apply: async ({ agg: alarm, to, at, eventId }) => {
      // 升级督办 goes up to the city regulator as well; every step is told on WeChat and inbox, never by SMS.
      const recipients = (await alarmRecipients(deps.db, alarm, { city: cmd.action === 'escalate' })).filter((u) => u !== actor.userId);
      const messages = actionMessages(eventId, alarm, recipients, at, { label: ALARM_ACTION_LABELS[cmd.action], to: to!, note: cmd.note, channels: channelsFor(deps, at, 'routine') });
      const escalate = cmd.action === 'escalate';
      return {
        set: { updatedAt: at, ...(escalate ? { escalated: true, escalatedLevel: alarm.level } : {}) },
        messages,
        event: { reason: cmd.note, evidence: cmd.evidence, location: cmd.location, ...(escalate ? { data: { level: alarm.level } } : {}) },
      };
    },
    after: async (alarm) => {
      if (alarm.status !== 'archived') return;
      await clearOpenAlarm(deps.db, alarm.projectId, alarm.point, alarm._id);
      await updatePointsAndProject(deps, { _id: alarm.projectId }, null, alarm.updatedAt);
      return (await alarmRepository.load(deps, alarm._id)) ?? undefined;
    },
  });
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
