import { conflict, invalid, type DomainError } from '../../errors';
import { allowed, next, type Machine, type Transition } from '../../platform/state-machine';
import type { Who } from '../../policy/rules';
import { LEVEL_LABELS, LEVEL_RANK, type Level } from '../levels';

/** 报警事件 status: 待处置 → 已处置待复核 → 已销警 (closed). */
export type AlarmStatus = 'raised' | 'handled' | 'archived';
export const ALARM_STATUSES = ['raised', 'handled', 'archived'] as const;
export const ALARM_ACTIONS = ['handle', 'archive', 'return', 'comment', 'require_action', 'escalate', 'reopen', 'exceed_again'] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];

export const ALARM_STATUS_LABELS: Record<AlarmStatus, string> = { raised: '待处置', handled: '已处置待复核', archived: '已销警' };
/** The status as a WeChat `phrase` value (≤ 5 Chinese characters, docs/domain/platform.md §2): short and complete, never cut. */
export const ALARM_STATUS_PHRASES: Record<AlarmStatus, string> = { raised: '待处置', handled: '待复核', archived: '已销警' };
export const ALARM_ACTION_LABELS: Record<AlarmAction, string> = {
  handle: '监理处置',
  archive: '建设单位销警',
  return: '建设单位退回',
  comment: '监管批注',
  require_action: '监管责令整改',
  escalate: '升级督办',
  reopen: '监管重新打开',
  exceed_again: '再次超限',
};

/** The permission each action needs (shared/policy rules). */
export const ALARM_PERMISSION: Record<AlarmAction, string> = {
  handle: 'alarm.handle',
  archive: 'alarm.archive',
  return: 'alarm.return',
  comment: 'alarm.comment',
  require_action: 'alarm.require_action',
  escalate: 'alarm.escalate',
  reopen: 'alarm.reopen',
  exceed_again: 'alarm.system',
};

/** What kind of event an alarm is (a suspect-data event is about the data, not about the pit). */
export type AlarmKind = 'threshold' | 'danger' | 'suspect_data';

/**
 * The shortest note each action takes (characters, after trimming). 销警 closes the loop for good, so it
 * needs the owner's reason as much as 退回 does.
 */
export const ALARM_NOTE_MIN: Record<AlarmAction, number> = { handle: 4, archive: 4, return: 4, comment: 1, require_action: 4, escalate: 0, reopen: 4, exceed_again: 0 };

const NOTE_MESSAGES: Partial<Record<AlarmAction, string>> = {
  handle: '请填写采取的处置措施（至少 4 个字）',
  archive: '请填写销警说明（至少 4 个字），例如复测结果和复核意见',
  comment: '请填写批注内容',
  reopen: '请填写重新打开的原因（至少 4 个字）',
};

/**
 * What an action demands beyond permission: a note long enough, and for 监理处置 of a threshold or danger
 * alarm a site photo or document as evidence. A suspect-data event is about the uploaded file, not the
 * site: a note saying what was checked is enough there. Throws `invalid` with a Chinese message.
 * @example checkAlarmInput('archive', 'threshold', '', 0) // throws note_required
 */
export function checkAlarmInput(action: AlarmAction, kind: AlarmKind, note: string, evidenceCount: number): void {
  const e = noteError(action, note) ?? evidenceError(action, kind, evidenceCount);
  if (e) throw e;
}

function noteError(action: AlarmAction, note: string | undefined): DomainError | null {
  const min = ALARM_NOTE_MIN[action];
  return Array.from((note ?? '').trim()).length < min ? invalid(NOTE_MESSAGES[action] ?? `请填写原因（至少 ${min} 个字）`, 'note_required') : null;
}

function evidenceError(action: AlarmAction, kind: AlarmKind | undefined, evidenceCount: number | undefined): DomainError | null {
  return action === 'handle' && kind !== 'suspect_data' && !evidenceCount ? invalid('请上传处置照片或资料作为证据', 'evidence_required') : null;
}

/**
 * 升级督办 happens once per level: again only after the alarm got worse than when it was escalated (by a
 * regulator or by the overdue rule). `escalatedLevel` absent on an escalated alarm = escalated at its level.
 * @example escalationRefusal({ escalated: true, escalatedLevel: 'orange', level: 'red' }) // null
 */
export function escalationRefusal(a: { escalated: boolean; escalatedLevel?: Level; level: Level }): string | null {
  if (!a.escalated) return null;
  const at = a.escalatedLevel ?? a.level;
  if (LEVEL_RANK[a.level] > LEVEL_RANK[at]) return null;
  return `本报警已在${LEVEL_LABELS[at]}级别升级督办，同一级别只督办一次；等级升高后可再次督办`;
}

/** `escalationRefusal` as the error a second 升级督办 gets. */
export function checkEscalation(a: { escalated: boolean; escalatedLevel?: Level; level: Level }): void {
  const why = escalationRefusal(a);
  if (why) throw conflict(why, 'already_escalated');
}

/** Who acts on an alarm: the policy role that allowed the action, or the system (a new exceedance). */
export type AlarmActor = Who | 'system';
export type AlarmInput = 'note' | 'evidence';
/** The acting role, the inputs, and the alarm's facts for the escalation rule. */
export type AlarmContext = {
  by: AlarmActor;
  note?: string;
  evidenceCount?: number;
  kind?: AlarmKind;
  alarm?: { escalated: boolean; escalatedLevel?: Level; level: Level };
};

const REGULATOR: readonly AlarmActor[] = ['regulator'];
const escalateOnce = (ctx: AlarmContext): DomainError | null => {
  const why = ctx.alarm ? escalationRefusal(ctx.alarm) : null;
  return why ? conflict(why, 'already_escalated') : null;
};

/**
 * The handling loop (closed loop): 监理处置 → 建设单位销警 or 退回. `comment` and `escalate` keep the
 * state; a new exceedance on an alarm that was handled sends it back. A regulator may still comment on an
 * archived alarm and reopen it (销警 while the point is still over its limit is told to them). `who` are the policy
 * roles of ALARM_PERMISSION.
 */
const ROWS: readonly Transition<AlarmStatus, AlarmAction, AlarmActor, AlarmInput, AlarmContext>[] = [
  { action: 'handle', from: ['raised'], to: 'handled', who: ['supervisor'], requires: ['note', 'evidence'] },
  { action: 'archive', from: ['handled'], to: 'archived', who: ['owner'], requires: ['note'] },
  { action: 'return', from: ['handled'], to: 'raised', who: ['owner'], requires: ['note'] },
  { action: 'comment', from: ['raised', 'handled', 'archived'], to: 'same', who: REGULATOR, requires: ['note'] },
  { action: 'require_action', from: ['raised', 'handled'], to: 'raised', who: REGULATOR, requires: ['note'] },
  { action: 'escalate', from: ['raised', 'handled'], to: 'same', who: REGULATOR, requires: [], check: escalateOnce },
  { action: 'reopen', from: ['archived'], to: 'raised', who: REGULATOR, requires: ['note'] },
  { action: 'exceed_again', from: ['raised', 'handled'], to: 'raised', who: ['system'], requires: [] },
];

export const ALARM_MACHINE: Machine<AlarmStatus, AlarmAction, AlarmActor, AlarmInput, AlarmContext> = {
  name: 'alarm',
  states: ALARM_STATUSES,
  actions: ALARM_ACTIONS,
  stateLabels: ALARM_STATUS_LABELS,
  actionLabels: ALARM_ACTION_LABELS,
  rows: ROWS,
  inputError: (action, input, ctx) => (input === 'note' ? noteError(action, ctx.note) : evidenceError(action, ctx.kind, ctx.evidenceCount)),
};

/**
 * The next status by the table alone (state only; the actor is taken as the row's own), or an
 * `invalid_transition` error naming the current state.
 * @example nextAlarmStatus('raised', 'handle') // 'handled'
 */
export function nextAlarmStatus(from: AlarmStatus, action: AlarmAction): AlarmStatus {
  return next(STATE_ONLY, from, action, { by: ROWS.find((r) => r.action === action)?.who[0] ?? 'system' });
}

const STATE_ONLY = { ...ALARM_MACHINE, inputError: undefined, rows: ROWS.map((r) => ({ ...r, check: undefined })) };

export function allowedAlarmActions(from: AlarmStatus): AlarmAction[] {
  return allowed(ALARM_MACHINE, from);
}
