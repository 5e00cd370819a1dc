import { conflict, invalid, invalidTransition } from '../../errors';
import { LEVEL_LABELS, LEVEL_RANK, type Level } from '../levels';

/** 报警事件 status: 待处置 → 已处置待复核 → 已销警 (closed). */
export type AlarmStatus = 'raised' | 'handled' | 'archived';
export type AlarmAction = 'handle' | 'archive' | 'return' | 'comment' | 'require_action' | 'escalate' | 'exceed_again';

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
  exceed_again: '再次超限',
};

/**
 * The handling loop as a table (docs/domain/pit.md §4 "closed loop"): from-state → action → to-state.
 * `comment` and `escalate` keep the state; a new exceedance on an alarm that was handled sends it back.
 */
const TABLE: Record<AlarmStatus, Partial<Record<AlarmAction, AlarmStatus>>> = {
  raised: { handle: 'handled', comment: 'raised', require_action: 'raised', escalate: 'raised', exceed_again: 'raised' },
  handled: { archive: 'archived', return: 'raised', comment: 'handled', require_action: 'raised', escalate: 'handled', exceed_again: 'raised' },
  archived: {},
};

/** The permission each action needs (shared/policy rules). */
export const ALARM_PERMISSION: Record<AlarmAction, string> = {
  handle: 'alarm.handle',
  archive: 'alarm.archive',
  return: 'alarm.return',
  comment: 'alarm.comment',
  require_action: 'alarm.require_action',
  escalate: 'alarm.escalate',
  exceed_again: 'alarm.system',
};

/**
 * The next status, or an `invalid_transition` error naming the current state.
 * @example nextAlarmStatus('raised', 'handle') // 'handled'
 */
export function nextAlarmStatus(from: AlarmStatus, action: AlarmAction): AlarmStatus {
  const to = TABLE[from][action];
  if (!to) throw invalidTransition(ALARM_STATUS_LABELS[from], ALARM_ACTION_LABELS[action]);
  return to;
}

export function allowedAlarmActions(from: AlarmStatus): AlarmAction[] {
  return Object.keys(TABLE[from]) as AlarmAction[];
}

/** What kind of event an alarm is (a suspect-data event is about the data, not about the pit). */
export type AlarmKind = 'threshold' | 'danger' | 'suspect_data';

/**
 * The shortest note each action takes (characters, after trimming). 销警 closes the loop for good, so it
 * needs the owner's reason as much as 退回 does.
 */
export const ALARM_NOTE_MIN: Record<AlarmAction, number> = { handle: 4, archive: 4, return: 4, comment: 1, require_action: 4, escalate: 0, exceed_again: 0 };

const NOTE_MESSAGES: Partial<Record<AlarmAction, string>> = {
  handle: '请填写采取的处置措施（至少 4 个字）',
  archive: '请填写销警说明（至少 4 个字），例如复测结果和复核意见',
  comment: '请填写批注内容',
};

/**
 * What an action demands beyond permission: a note long enough, and for 监理处置 of a threshold or danger
 * alarm a site photo or document as evidence. A suspect-data event is about the uploaded file, not the
 * site: a note saying what was checked is enough there. Throws `invalid` with a Chinese message.
 * @example checkAlarmInput('archive', 'threshold', '', 0) // throws note_required
 */
export function checkAlarmInput(action: AlarmAction, kind: AlarmKind, note: string, evidenceCount: number): void {
  const min = ALARM_NOTE_MIN[action];
  if (Array.from(note.trim()).length < min) throw invalid(NOTE_MESSAGES[action] ?? `请填写原因（至少 ${min} 个字）`, 'note_required');
  if (action === 'handle' && kind !== 'suspect_data' && evidenceCount === 0) throw invalid('请上传处置照片或资料作为证据', 'evidence_required');
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
