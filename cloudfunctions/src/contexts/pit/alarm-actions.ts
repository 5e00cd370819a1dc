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
import { HANDLE_WITHIN_MS, updatePointsAndProject } from './raise-alarms';
import { clearOpenAlarm, currentReadings, openAlarmOf, setOpenAlarm } from './ingest-heads';
import { conflict } from '@cityloop/shared/errors';
import { LEVEL_LABELS, type Level } from '@cityloop/shared/pit/levels';

export type AlarmCommand = { action: AlarmAction; note: string; evidence: string[]; version: number; location?: { lng: number; lat: number; accuracy?: number }; acknowledgeOverLimit?: boolean };

type OverLimit = { level: Level; value: number; ratio: number | null };

/**
 * A threshold alarm's point still over its limit now (its latest reading not 正常), or null. 销警 then needs the
 * owner's explicit confirmation and tells the regulators, who may reopen.
 */
export async function overLimitNow(deps: Deps, alarm: Pick<PitAlarm, 'kind' | 'projectId' | 'point'>): Promise<OverLimit | null> {
  if (alarm.kind !== 'threshold') return null;
  const r = (await currentReadings(deps.db, alarm.projectId)).get(alarm.point);
  return r && r.level !== 'normal' ? { level: r.level, value: r.value, ratio: r.ratio } : null;
}

const percent = (ratio: number | null) => (ratio === null ? '' : `（占控制值 ${(Math.round(ratio * 1000) / 10).toFixed(1)}%）`);

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
  let overLimit: OverLimit | null = null;
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
    precheck: async (alarm) => {
      await requireOwnEvidence(deps.db, actor.userId, cmd.evidence);
      if (cmd.action === 'archive') {
        overLimit = await overLimitNow(deps, alarm);
        if (overLimit && !cmd.acknowledgeOverLimit) {
          throw conflict(`该测点当前读数仍为${LEVEL_LABELS[overLimit.level]}${percent(overLimit.ratio)}，未回到控制值以内。如确需销警，请在说明中写明原因并勾选确认；监管部门将收到通知`, 'still_over_limit');
        }
      }
      if (cmd.action === 'reopen') {
        const open = await openAlarmOf(deps.db, alarm.projectId, alarm.point);
        if (open && open !== alarm._id) throw conflict('该测点已有新的未闭合报警，请在新报警上处理', 'point_has_open_alarm');
      }
    },
    apply: async ({ agg: alarm, to, at, eventId }) => {
      // 升级督办, and 销警 while still over the limit, go up to the city regulator as well; every step is told on
      // WeChat and inbox, never by SMS.
      const wide = cmd.action === 'escalate' || !!overLimit;
      const recipients = (await alarmRecipients(deps.db, alarm, { city: wide })).filter((u) => u !== actor.userId);
      const label = overLimit ? `${ALARM_ACTION_LABELS.archive}（测点仍超限）` : ALARM_ACTION_LABELS[cmd.action];
      const messages = actionMessages(eventId, alarm, recipients, at, { label, to: to!, note: cmd.note, channels: channelsFor(deps, at, 'routine') });
      const escalate = cmd.action === 'escalate';
      const reopen = cmd.action === 'reopen';
      return {
        set: { updatedAt: at, ...(escalate ? { escalated: true, escalatedLevel: alarm.level } : {}), ...(reopen ? { dueAt: new Date(at.getTime() + HANDLE_WITHIN_MS[alarm.level]) } : {}) },
        messages,
        event: { reason: cmd.note, evidence: cmd.evidence, location: cmd.location, ...(escalate ? { data: { level: alarm.level } } : overLimit ? { data: { overLimit } } : {}) },
      };
    },
    after: async (alarm) => {
      if (alarm.status === 'archived' && cmd.action === 'archive') await clearOpenAlarm(deps.db, alarm.projectId, alarm.point, alarm._id);
      else if (cmd.action === 'reopen') await setOpenAlarm(deps.db, alarm.projectId, alarm.point, alarm._id);
      else return;
      await updatePointsAndProject(deps, { _id: alarm.projectId }, null, alarm.updatedAt);
      return (await alarmRepository.load(deps, alarm._id)) ?? undefined;
    },
  });
}

/** The buttons a person sees: allowed by the table AND by policy. */
export function alarmPolicies(actor: Actor, alarm: PitAlarm): Record<string, boolean> {
  const possible = new Set(allowedAlarmActions(alarm.status));
  const out: Record<string, boolean> = {};
  for (const a of ['handle', 'archive', 'return', 'comment', 'require_action', 'escalate', 'reopen'] as AlarmAction[]) {
    out[a] = possible.has(a) && can(actor, ALARM_PERMISSION[a], { kind: 'alarm', scope: alarm.scope }).allow && (a !== 'escalate' || escalationRefusal(alarm) === null);
  }
  return out;
}
