import { invalidTransition } from '../../errors';

/** 报警事件 status: 待处置 → 已处置待复核 → 已销警 (closed). */
export type AlarmStatus = 'raised' | 'handled' | 'archived';
export type AlarmAction = 'handle' | 'archive' | 'return' | 'comment' | 'require_action' | 'escalate' | 'exceed_again';

export const ALARM_STATUS_LABELS: Record<AlarmStatus, string> = { raised: '待处置', handled: '已处置待复核', archived: '已销警' };
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
 * The handling loop as a table (pit.md §4 "closed loop"): from-state → action → to-state.
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
